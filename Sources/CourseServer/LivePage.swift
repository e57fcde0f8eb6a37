/// What the live course adds to a page of the site: the editor (CodeMirror), the live
/// stylesheet and scripts, and a JSON block (`#losslab-live`, never run) that tells the scripts
/// what the page is. The page itself is the one `course build` writes, so both look and read the same.
struct LivePage {
    /// `index`, `lesson`, `original` (a chapter as written, read-only) or `exercise`.
    let kind: String
    /// The chapter's or exercise's slug.
    let slug: String?
    /// Whether CodeMirror is there to load (otherwise the script uses plain text areas).
    let hasCodeMirror: Bool

    /// The tags that go at the end of the page's `<head>`.
    var headTags: String {
        var tags: [String] = []
        if hasCodeMirror {
            tags.append(#"<link rel="stylesheet" href="/codemirror/lib/codemirror.css">"#)
            for script in StaticFiles.codeMirrorFiles where script.hasSuffix(".js") {
                tags.append(#"<script defer src="/codemirror/\#(script)"></script>"#)
            }
        }
        tags.append(#"<link rel="stylesheet" href="/live/live.css">"#)
        tags.append(#"<script id="losslab-live" type="application/json">{"kind": "\#(kind)", "slug": "\#(Self.jsonSafe(slug ?? ""))"}</script>"#)
        tags.append(#"<script defer src="/live/live.js"></script>"#)
        if kind == "lesson" || kind == "original" { tags.append(#"<script defer src="/live/live-lesson.js"></script>"#) }
        if kind == "exercise" { tags.append(#"<script defer src="/live/live-exercise.js"></script>"#) }
        return tags.joined(separator: "\n") + "\n"
    }

    /// A slug as it may stand in a JSON string inside a script element: letters, digits, `-` and `_`.
    static func jsonSafe(_ text: String) -> String {
        String(text.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    /// `html` with the live tags before `</head>`.
    func adding(to html: String) -> String {
        guard let end = html.range(of: "</head>") else { return html }
        return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: headTags)
    }
}
