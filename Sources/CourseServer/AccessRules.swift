import Foundation

/// Who may use the live course. The server runs learner code on request, so it answers only a
/// browser of this machine that holds the secret token `course serve` printed (like Jupyter's):
///
/// 1. the `Host` header names the loopback address and the server's port: `127.0.0.1:PORT` or
///    `localhost:PORT` (a web page whose own name resolves to 127.0.0.1, DNS rebinding, sends its
///    name and is refused);
/// 2. an `Origin` header, when present, is the server's own; WebSocket upgrades and requests that
///    change something (any method but GET and HEAD) must carry one (a page on another site, or on
///    another port of this machine, cannot drive the server from the learner's browser);
/// 3. `Sec-Fetch-Site`, when the browser sends it, says the request came from the server's own pages
///    or from the address bar;
/// 4. the token, from `?token=`, the cookie this server sets, or an `Authorization: token …` header,
///    matches, compared in constant time.
///
/// A valid `?token=` on a page request is remembered in a cookie (HttpOnly, SameSite=Strict, this
/// port's own name) and the browser is sent to the same address without it, so the token leaves
/// the address bar and the history.
public struct AccessRules: Sendable {
    /// The secret.
    public let token: String
    /// The port the server listens on.
    public let port: Int

    /// The facts of a request the rules look at.
    public struct Request: Sendable {
        /// `GET`, `POST`, …
        public var method: String
        /// The `token` query parameter, if any.
        public var queryToken: String?
        /// Header values by lower-cased name.
        public var headers: [String: String]

        /// A request with these facts.
        public init(method: String, queryToken: String? = nil, headers: [String: String] = [:]) {
            self.method = method
            self.queryToken = queryToken
            self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        }

        /// Whether the request asks to become a WebSocket.
        public var isWebSocketUpgrade: Bool { headers["upgrade"]?.lowercased() == "websocket" }
    }

    /// What to do with a request.
    public enum Decision: Sendable, Equatable {
        /// Answer it.
        case allow
        /// Answer by remembering the token in a cookie and sending the browser to the same
        /// address without `?token=`.
        case rememberTokenAndRedirect
        /// Refuse it with this HTTP status and a sentence that says why.
        case refuse(status: Int, reason: String)
    }

    /// Rules for a server on `port` with the secret `token`.
    public init(token: String, port: Int) {
        self.token = token
        self.port = port
    }

    /// A new random token: 24 bytes from the system's secure generator, as 48 hex digits.
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// The cookie that remembers the token; named after the port, so two servers do not mix.
    public var cookieName: String { "losslab-token-\(port)" }

    /// The origins of the server's own pages.
    public var ownOrigins: Set<String> { ["http://127.0.0.1:\(port)", "http://localhost:\(port)"] }

    /// The decision for `request`.
    public func decide(_ request: Request) -> Decision {
        let hosts: Set<String> = ["127.0.0.1:\(port)", "localhost:\(port)"]
        guard let host = request.headers["host"]?.lowercased(), hosts.contains(host) else {
            return .refuse(status: 403, reason: "This server answers only requests addressed to 127.0.0.1:\(port) or localhost:\(port); this one named the host “\(request.headers["host"] ?? "nothing")”.")
        }
        let changes = !["GET", "HEAD"].contains(request.method.uppercased())
        if let origin = request.headers["origin"] {
            guard ownOrigins.contains(origin.lowercased()) else {
                return .refuse(status: 403, reason: "Requests from pages of another origin (“\(origin)”) are refused: only the course's own pages may use this server.")
            }
        } else if request.isWebSocketUpgrade || changes {
            return .refuse(status: 403, reason: "This request must come from the course's own pages (it carries no Origin header).")
        }
        if let site = request.headers["sec-fetch-site"], !["same-origin", "none"].contains(site.lowercased()) {
            return .refuse(status: 403, reason: "Requests started by another site (Sec-Fetch-Site: \(site)) are refused.")
        }
        if let queryToken = request.queryToken {
            guard Self.sameSecret(queryToken, token) else {
                return .refuse(status: 403, reason: "The token in this address is wrong. Open the address `course serve` printed.")
            }
            return request.method.uppercased() == "GET" && !request.isWebSocketUpgrade ? .rememberTokenAndRedirect : .allow
        }
        if let presented = presentedToken(request) {
            return Self.sameSecret(presented, token)
                ? .allow : .refuse(status: 403, reason: "The token is wrong. Open the address `course serve` printed.")
        }
        return .refuse(status: 401, reason: "This page needs the token: open the address `course serve` printed (it ends with ?token=…).")
    }

    /// The token from the cookie or the `Authorization` header.
    func presentedToken(_ request: Request) -> String? {
        if let authorization = request.headers["authorization"], authorization.lowercased().hasPrefix("token ") {
            return String(authorization.dropFirst("token ".count)).trimmingCharacters(in: .whitespaces)
        }
        for pair in (request.headers["cookie"] ?? "").split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == cookieName { return parts[1] }
        }
        return nil
    }

    /// The `Set-Cookie` value that remembers the token for this server's pages.
    public var tokenCookie: String {
        "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"
    }

    /// Whether two secrets are equal, looking at every byte whatever the first difference.
    static func sameSecret(_ presented: String, _ secret: String) -> Bool {
        let left = Array(presented.utf8)
        let right = Array(secret.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in right.indices {
            difference |= (index < left.count ? left[index] : 0) ^ right[index]
        }
        return difference == 0
    }
}
