import Foundation
import Notebook

/// What one page is made of, gathered while its prose and code are rendered: the headings with
/// their anchors (for the table of contents and links), the text of each section (for search)
/// and whether any prose holds math (so the page loads KaTeX).
struct PageOutline {
    /// A heading of the page.
    struct Heading: Equatable {
        /// 1 for `#`, 2 for `##`, …
        let level: Int
        /// The heading's text, without markup.
        let text: String
        /// The `id` of the heading element, unique on the page.
        let anchor: String
    }

    /// A stretch of the page from one heading to the next, as plain text for searching.
    struct Section: Equatable {
        /// The heading that starts the section (`nil` for text before the first heading).
        var heading: Heading?
        /// The section's prose and code, as plain text.
        var text: String
    }

    /// Every heading, in order.
    private(set) var headings: [Heading] = []
    /// Every section, in order.
    private(set) var sections: [Section] = [Section(heading: nil, text: "")]
    /// Whether some prose has a `$…$` or `$$…$$` formula.
    private(set) var hasMath = false
    private var usedAnchors: Set<String>

    /// An outline whose anchors avoid `reserved` (ids the page's template uses itself).
    init(reserved: Set<String> = []) {
        usedAnchors = reserved
    }

    /// Renders Markdown prose to HTML with math protected, an `id` and a `¶` link on every
    /// heading, and records its headings and text.
    mutating func prose(_ markdown: String) -> String {
        let (protected, formulas) = MathSpans.protect(markdown)
        if !formulas.isEmpty { hasMath = true }
        let html = MathSpans.restore(Markdown.html(protected), formulas: formulas)
        return anchored(html)
    }

    /// Records code shown on the page, so searching finds it.
    mutating func code(_ code: String) {
        append(text: code.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    /// Starts a section with a heading the template writes itself, and returns the heading with
    /// its anchor.
    mutating func heading(level: Int, text: String) -> Heading {
        let heading = Heading(level: level, text: text, anchor: anchor(for: text))
        headings.append(heading)
        sections.append(Section(heading: heading, text: ""))
        return heading
    }

    /// A fresh anchor for `text`: lower case letters and digits joined by hyphens, with `-2`,
    /// `-3`, … added when the page already has it.
    mutating func anchor(for text: String) -> String {
        var words: [String] = []
        var word = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        let base = words.isEmpty ? "section" : words.joined(separator: "-")
        var candidate = base
        var number = 2
        while usedAnchors.contains(candidate) {
            candidate = "\(base)-\(number)"
            number += 1
        }
        usedAnchors.insert(candidate)
        return candidate
    }

    /// `html` with each `<hN>` given an id and a link to itself; the text between headings goes
    /// to the sections.
    private mutating func anchored(_ html: String) -> String {
        var result = ""
        var rest = html[...]
        while let (open, level) = nextHeading(in: rest) {
            let closeTag = "</h\(level)>"
            guard let close = rest[open.upperBound...].range(of: closeTag) else { break }
            append(text: HTML.text(of: String(rest[..<open.lowerBound])))
            result += rest[..<open.lowerBound]
            let inner = String(rest[open.upperBound..<close.lowerBound])
            let text = HTML.text(of: inner)
            let heading = heading(level: level, text: text)
            result += "<h\(level) id=\"\(heading.anchor)\">\(inner) "
                + "<a class=\"anchor\" href=\"#\(heading.anchor)\" aria-label=\"Link to this section\">¶</a>\(closeTag)"
            rest = rest[close.upperBound...]
        }
        append(text: HTML.text(of: String(rest)))
        return result + rest
    }

    /// The next `<h1>`…`<h6>` opening tag (cmark-gfm writes them without attributes).
    private func nextHeading(in html: Substring) -> (Range<Substring.Index>, Int)? {
        var search = html.startIndex
        while let found = html[search...].range(of: "<h") {
            let digitIndex = found.upperBound
            if digitIndex < html.endIndex, let level = html[digitIndex].wholeNumberValue, (1...6).contains(level) {
                let afterDigit = html.index(after: digitIndex)
                if afterDigit < html.endIndex, html[afterDigit] == ">" {
                    return (found.lowerBound..<html.index(after: afterDigit), level)
                }
            }
            search = found.upperBound
        }
        return nil
    }

    private mutating func append(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let last = sections.indices.last else { return }
        sections[last].text += sections[last].text.isEmpty ? trimmed : " " + trimmed
    }
}
