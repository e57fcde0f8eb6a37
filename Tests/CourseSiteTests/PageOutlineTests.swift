import Testing

@testable import CourseSite

@Suite("Page outlines: anchors, math and search sections")
struct PageOutlineTests {
    @Test("headings get unique ids and a visible ¶ link to themselves")
    func anchors() {
        var outline = PageOutline(reserved: ["search", "cell-1"])
        let html = outline.prose("""
            # Loss functions

            ## The data

            Text.

            ## The data

            ## Search

            ### Cell 1
            """)
        #expect(html.contains("<h1 id=\"loss-functions\">Loss functions <a class=\"anchor\" href=\"#loss-functions\""))
        #expect(html.contains("<h2 id=\"the-data\">"))
        #expect(html.contains("<h2 id=\"the-data-2\">"))
        #expect(html.contains("<h2 id=\"search-2\">"), "ids the layout uses are never taken")
        #expect(html.contains("<h3 id=\"cell-1-2\">"))
        #expect(outline.headings.map(\.anchor) == ["loss-functions", "the-data", "the-data-2", "search-2", "cell-1-2"])
        #expect(outline.headings.map(\.level) == [1, 2, 2, 2, 3])
        #expect(html.components(separatedBy: "¶</a>").count == 6)
    }

    @Test("heading text loses its markup and odd characters in the anchor")
    func anchorText() {
        var outline = PageOutline()
        _ = outline.prose("## Gradients by *reverse-mode* `autograd`: ∂L/∂w!")
        #expect(outline.headings.first?.text == "Gradients by reverse-mode autograd: ∂L/∂w!")
        #expect(outline.headings.first?.anchor == "gradients-by-reverse-mode-autograd-l-w")
        #expect(outline.anchor(for: "∂∂") == "section")
    }

    @Test("math reaches KaTeX untouched by Markdown; code and prices keep their dollars")
    func math() {
        var outline = PageOutline()
        let html = outline.prose("""
            The loss $L = \\frac{1}{N} \\sum_i (p_i - y_i)^2$ is *small*.

            $$
            \\nabla_w L = a_1 * b_2 < c
            $$

            It costs $5 or $10, and `let s = "$x$"` is code.

            ```
            $not math$
            ```
            """)
        #expect(outline.hasMath)
        #expect(html.contains("<span class=\"math math-inline\">\\(L = \\frac{1}{N} \\sum_i (p_i - y_i)^2\\)</span>"))
        #expect(html.contains("<span class=\"math math-display\">\\[\\nabla_w L = a_1 * b_2 &lt; c\\]</span>"))
        #expect(html.contains("It costs $5 or $10"))
        #expect(html.contains("<code>let s = &quot;$x$&quot;</code>"))
        #expect(html.contains("$not math$"))
        var plain = PageOutline()
        _ = plain.prose("No formulas here, only \\$ signs.")
        #expect(!plain.hasMath)
    }

    @Test("sections hold the prose and code between headings, as plain text")
    func sections() {
        var outline = PageOutline()
        _ = outline.prose("# Title\n\nIntro **text**.\n\n## Part one\n\nFirst <em>part</em>.")
        outline.code("let   x =\n  1")
        _ = outline.prose("## Part two\n\nSecond.")
        #expect(outline.sections.map(\.heading?.text) == [nil, "Title", "Part one", "Part two"])
        #expect(outline.sections[1].text == "Intro text.")
        #expect(outline.sections[2].text == "First part. let x = 1")
        #expect(outline.sections[3].text == "Second.")
    }
}
