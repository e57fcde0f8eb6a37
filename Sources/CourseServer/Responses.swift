import FlyingFox
import Foundation

/// The answers the live course sends, each with the headers that keep it private to the
/// learner's tab: nothing cached, no framing by other pages, no referrer (page links to papers
/// must not carry the address), and the content type as sent.
enum Responses {
    /// The policy of every page: scripts, styles, images and fonts only from this server, and
    /// connections only to it (the WebSocket included).
    static func contentSecurityPolicy(port: Int) -> String {
        let sockets = "ws://127.0.0.1:\(port) ws://localhost:\(port)"
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self' \(sockets); frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    }

    static func headers(contentType: String, port: Int) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        headers[HTTPHeader("X-Frame-Options")] = "DENY"
        headers[HTTPHeader("Referrer-Policy")] = "no-referrer"
        headers[HTTPHeader("Content-Security-Policy")] = contentSecurityPolicy(port: port)
        return headers
    }

    static func data(_ body: Data, contentType: String, port: Int, status: HTTPStatusCode = .ok) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: headers(contentType: contentType, port: port), body: body)
    }

    static func html(_ text: String, port: Int, status: HTTPStatusCode = .ok) -> HTTPResponse {
        data(Data(text.utf8), contentType: "text/html; charset=utf-8", port: port, status: status)
    }

    static func json(_ value: Any, port: Int, status: HTTPStatusCode = .ok) -> HTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data("{}".utf8)
        return data(body, contentType: "application/json; charset=utf-8", port: port, status: status)
    }

    /// A JSON error: `{"error": sentence}`.
    static func problem(_ sentence: String, port: Int, status: HTTPStatusCode) -> HTTPResponse {
        json(["error": sentence], port: port, status: status)
    }

    /// A refusal, as a short page that says why (the browser shows it; scripts read the status).
    /// Its icon is empty, so the browser asks for no other file, which would be refused too.
    static func refusal(status: Int, reason: String, port: Int) -> HTTPResponse {
        let code = status == 401 ? HTTPStatusCode.unauthorized : HTTPStatusCode.forbidden
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Refused · LossLab</title><link rel="icon" href="data:,"></head>
            <body><h1>Refused</h1><p>\(escaped(reason))</p></body></html>

            """
        return html(page, port: port, status: code)
    }

    static func notFound(_ what: String, port: Int) -> HTTPResponse {
        refusalPage(title: "Not found", sentence: what, status: .notFound, port: port)
    }

    static func refusalPage(title: String, sentence: String, status: HTTPStatusCode, port: Int) -> HTTPResponse {
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escaped(title)) · LossLab</title></head>
            <body><h1>\(escaped(title))</h1><p>\(escaped(sentence))</p><p><a href="/">Contents</a></p></body></html>

            """
        return html(page, port: port, status: status)
    }

    /// Sends the browser to `location`, remembering the token in `cookie`.
    static func redirect(to location: String, cookie: String, port: Int) -> HTTPResponse {
        var headers = headers(contentType: "text/plain; charset=utf-8", port: port)
        headers[.location] = location
        headers[.setCookie] = cookie
        return HTTPResponse(statusCode: .seeOther, headers: headers, body: Data("See \(location)\n".utf8))
    }

    /// The content type of a file, from its extension.
    static func contentType(of file: String) -> String {
        switch URL(fileURLWithPath: file).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "png": "image/png"
        case "svg": "image/svg+xml"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        case "ttf": "font/ttf"
        default: "application/octet-stream"
        }
    }

    /// Text made safe to place in HTML.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
