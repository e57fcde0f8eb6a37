import Foundation

/// TeX math in prose, `$…$` inline and `$$…$$` displayed, kept away from the Markdown parser
/// (which would read `_` and `*` as emphasis and eat backslashes) and handed to KaTeX intact.
///
/// ``protect(_:)`` swaps each formula for a placeholder before the Markdown is rendered;
/// ``restore(_:formulas:)`` puts the formulas back as `<span class="math">` elements whose text
/// KaTeX renders in the browser. Dollars inside code, escaped dollars (`\$`) and prices such as
/// "$5 or $10" are left alone: an inline formula starts with a `$` not followed by a space and
/// ends with a `$` not preceded by a space nor followed by a digit, on the same line and before
/// any code span.
enum MathSpans {
    /// A formula found in the prose.
    struct Formula: Equatable {
        /// The TeX source between the dollars.
        let tex: String
        /// Whether it was written `$$…$$` (displayed on a line of its own).
        let display: Bool
    }

    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    /// `markdown` with every formula replaced by a placeholder, and the formulas in order.
    static func protect(_ markdown: String) -> (markdown: String, formulas: [Formula]) {
        let characters = Array(markdown)
        var output = ""
        var formulas: [Formula] = []
        var index = 0
        var atLineStart = true
        var fence: (character: Character, length: Int)?
        var previousLineBlank = true
        var indentedCode = false

        while index < characters.count {
            if atLineStart {
                let line = lineText(characters, from: index)
                let trimmed = line.drop { $0 == " " }
                var verbatim = fence != nil
                if let marker = trimmed.first, marker == "`" || marker == "~", line.count - trimmed.count < 4 {
                    let run = trimmed.prefix { $0 == marker }.count
                    if let open = fence {
                        if open.character == marker && run >= open.length { fence = nil }
                    } else if run >= 3 {
                        fence = (marker, run)
                        verbatim = true
                    }
                }
                let indented = line.hasPrefix("    ") || line.hasPrefix("\t")
                indentedCode = indented && (indentedCode || previousLineBlank)
                previousLineBlank = line.allSatisfy(\.isWhitespace)
                if verbatim || indentedCode {
                    output += line
                    index += line.count
                    if index < characters.count { output.append("\n") }
                    index += 1
                    continue
                }
            }
            let character = characters[index]
            atLineStart = character == "\n"
            switch character {
            case "\\" where index + 1 < characters.count:
                output.append(character)
                output.append(characters[index + 1])
                atLineStart = characters[index + 1] == "\n"
                index += 2
            case "`":
                let run = characters[index...].prefix { $0 == "`" }.count
                let end = codeSpanEnd(characters, after: index + run, run: run)
                output += String(characters[index..<end])
                index = end
            case "$":
                if let (formula, end) = formula(characters, at: index) {
                    output += "\(open)\(formulas.count)\(close)"
                    formulas.append(formula)
                    index = end
                } else {
                    output.append(character)
                    index += 1
                }
            default:
                output.append(character)
                index += 1
            }
        }
        return (output, formulas)
    }

    /// `html` with each placeholder replaced by its formula, escaped, in a `math` span.
    static func restore(_ html: String, formulas: [Formula]) -> String {
        guard !formulas.isEmpty else { return html }
        var result = ""
        var rest = html[...]
        while let start = rest.firstIndex(of: open), let end = rest[start...].firstIndex(of: close),
            let number = Int(rest[rest.index(after: start)..<end]), formulas.indices.contains(number)
        {
            result += rest[..<start]
            let formula = formulas[number]
            let tex = HTML.escape(formula.tex)
            result += formula.display
                ? "<span class=\"math math-display\">\\[\(tex)\\]</span>"
                : "<span class=\"math math-inline\">\\(\(tex)\\)</span>"
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// The rest of the line starting at `index`, without its newline.
    private static func lineText(_ characters: [Character], from index: Int) -> String {
        String(characters[index...].prefix { $0 != "\n" })
    }

    /// Where the code span opened by `run` backticks ends (after its closing run), or just after
    /// the opening run when it is never closed.
    private static func codeSpanEnd(_ characters: [Character], after start: Int, run: Int) -> Int {
        var index = start
        while index < characters.count {
            if characters[index] == "`" {
                let closing = characters[index...].prefix { $0 == "`" }.count
                if closing == run { return index + run }
                index += closing
            } else {
                index += 1
            }
        }
        return start
    }

    /// The formula starting at the `$` at `index`, and the index after its closing dollars.
    private static func formula(_ characters: [Character], at index: Int) -> (Formula, Int)? {
        let display = index + 1 < characters.count && characters[index + 1] == "$"
        let start = index + (display ? 2 : 1)
        guard start < characters.count, !characters[start].isWhitespace || display else { return nil }
        var cursor = start
        while cursor < characters.count {
            let character = characters[cursor]
            if character == "\\" {
                cursor += 2
                continue
            }
            if !display && (character == "\n" || character == "`") { return nil }
            if character == "$" {
                if display {
                    guard cursor + 1 < characters.count, characters[cursor + 1] == "$" else { return nil }
                    let tex = String(characters[start..<cursor]).trimmingCharacters(in: .whitespacesAndNewlines)
                    return tex.isEmpty ? nil : (Formula(tex: tex, display: true), cursor + 2)
                }
                let followedByDigit = cursor + 1 < characters.count && characters[cursor + 1].isNumber
                guard !characters[cursor - 1].isWhitespace, !followedByDigit, cursor > start else { return nil }
                return (Formula(tex: String(characters[start..<cursor]), display: false), cursor + 1)
            }
            cursor += 1
        }
        return nil
    }
}
