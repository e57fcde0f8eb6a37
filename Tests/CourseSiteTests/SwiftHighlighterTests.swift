import Testing

@testable import CourseSite

@Suite("Highlighting Swift")
struct SwiftHighlighterTests {
    typealias Piece = SwiftHighlighter.Piece

    @Test("keywords, strings, numbers, comments and types get their categories; the text is kept exactly")
    func categories() {
        let code = """
            let rate = 0.05 // step size
            var count = 3
            let name: String = "w \\(count)"
            /* a block */ let x = Tensor([1.0, 2.0], requiresGrad: true)
            """
        let pieces = SwiftHighlighter.pieces(code)
        #expect(pieces.map(\.text).joined() == code)
        func category(of text: String) -> SwiftHighlighter.Category?? {
            pieces.first { $0.text == text }.map(\.category)
        }
        #expect(category(of: "let") == .keyword)
        #expect(category(of: "var") == .keyword)
        #expect(category(of: "0.05") == .number)
        #expect(category(of: "3") == .number)
        #expect(category(of: "// step size") == .comment)
        #expect(category(of: "/* a block */") == .comment)
        #expect(category(of: "String") == .type)
        #expect(category(of: "Tensor") == .type)
        #expect(category(of: "true") == .keyword)
        #expect(pieces.contains { $0.category == nil && $0.text.contains("rate") }, "a plain name is not highlighted")
        #expect(pieces.contains { $0.category == .string && $0.text.hasPrefix("\"w ") })
    }

    @Test("HTML wraps each piece in a span with its class and escapes markup")
    func html() {
        let html = SwiftHighlighter.html("let a = b < c && \"<tag>\" // 1 > 0")
        #expect(html.hasPrefix("<span class=\"kw\">let</span> a = b &lt; c &amp;&amp; "))
        #expect(html.contains("<span class=\"str\">&quot;&lt;tag&gt;&quot;</span>"))
        #expect(html.contains("<span class=\"com\">// 1 &gt; 0</span>"))
        #expect(!html.contains("<tag>"))
    }

    @Test("attributes and broken code are handled without losing text")
    func attributesAndBrokenCode() {
        let code = "@MainActor func f() {\n  let = = \"unterminated\n"
        let pieces = SwiftHighlighter.pieces(code)
        #expect(pieces.map(\.text).joined() == code)
        #expect(pieces.first == Piece("@MainActor", .attribute))
    }
}
