/// Text that students control (folder names, what their programs print) made safe to show.
///
/// A folder name can hold a carriage return that rewrites the terminal line before it, an escape
/// sequence that recolours or clears the screen, or a right-to-left override that makes
/// `eve\u{202E}lanif` read as another name. Shown with ``escapingControls(_:keepingLines:)``, each such
/// character appears as `\u{…}` (and a backslash as `\\`, so the escaped form is unambiguous).
public enum VisibleText {
    /// `text` on one line, with every character that ``isHidden(_:)`` as `\u{HEX}` and every
    /// backslash doubled; or, with `keepingLines`, a multi-line message (compiler output, say)
    /// with its line feeds and tabs kept and its backslashes as they are.
    public static func escapingControls(_ text: String, keepingLines: Bool = false) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if keepingLines && (scalar == "\n" || scalar == "\t") {
                shown.unicodeScalars.append(scalar)
            } else if scalar == "\\" && !keepingLines {
                shown += "\\\\"
            } else if isHidden(scalar) {
                shown += escaped(scalar)
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// The most characters kept from one message by ``message(_:limit:)``.
    public static let messageLimit = 4000

    /// A message that may quote what learner code printed or threw, safe to show and to store:
    /// line feeds and tabs kept, every other hidden character escaped, and cut after `limit`
    /// characters so one message cannot flood a report or a gradebook.
    public static func message(_ text: String, limit: Int = messageLimit) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return escapingControls(text, keepingLines: true) }
        let kept = String(String.UnicodeScalarView(scalars.prefix(limit)))
        return escapingControls(kept, keepingLines: true) + "… (cut: \(scalars.count - limit) more characters)"
    }

    /// Whether `scalar` changes how text around it is shown instead of showing itself: the C0
    /// controls (tab, line feed and carriage return among them), DEL, the C1 controls, the
    /// bidirectional marks, embeddings, overrides and isolates, the line and paragraph
    /// separators, and the noncharacters U+FFFE and U+FFFF.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x2028, 0x2029, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// `\u{1B}` for U+001B: the Swift spelling, upper-case hexadecimal.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }
}
