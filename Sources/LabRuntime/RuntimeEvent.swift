/// A message that a running cell program sends to `lesson run`, which launched it. (Exercise
/// programs answer through ``ProbeAnswers`` instead, which printed text cannot imitate.)
///
/// Programs compiled by `lesson run` write their ordinary output to
/// standard output. Interleaved with it, they write *event lines*: a line that starts with
/// ``RuntimeEvent/linePrefix`` and carries one event. The launching tool splits the output at
/// these lines, so it can say which cell printed what, which image belongs to which cell,
/// and what value a cell ended with.
public enum RuntimeEvent: Equatable, Sendable {
    /// The program started running cell `index` (1-based, in lesson order).
    case cellStarted(index: Int)
    /// The program wrote an image file; `path` is relative to the output folder.
    case imageWritten(path: String)
    /// The running cell ended with an expression; `text` describes its value (like `Out[n]`).
    case value(text: String)
    /// A cell marked `should-trap` trapped, as it should.
    case expectedTrapHappened
    /// A cell marked `should-trap` finished without trapping.
    case expectedTrapMissing
    /// Every cell ran to the end.
    case programFinished

    /// The marker that starts every event line. It begins with the ASCII record separator,
    /// a character that ordinary program output does not contain.
    public static let linePrefix = "\u{1E}losslab-event "

    /// The event encoded as one line of text (without the trailing newline).
    public var line: String {
        switch self {
        case .cellStarted(let index):
            return Self.linePrefix + "cell-started \(index)"
        case .imageWritten(let path):
            return Self.linePrefix + "image " + Self.escape(path)
        case .value(let text):
            return Self.linePrefix + "value " + Self.escape(text)
        case .expectedTrapHappened:
            return Self.linePrefix + "trapped-as-expected"
        case .expectedTrapMissing:
            return Self.linePrefix + "trap-missing"
        case .programFinished:
            return Self.linePrefix + "finished"
        }
    }

    /// Reads an event line; returns `nil` for any line that is not one.
    public init?(line: Substring) {
        guard line.hasPrefix(Self.linePrefix) else { return nil }
        let body = line.dropFirst(Self.linePrefix.count)
        let parts = body.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        let kind = parts[0]
        let rest = parts.count > 1 ? parts[1] : ""
        switch kind {
        case "cell-started":
            guard let index = Int(rest) else { return nil }
            self = .cellStarted(index: index)
        case "image":
            self = .imageWritten(path: Self.unescape(rest))
        case "value":
            self = .value(text: Self.unescape(rest))
        case "trapped-as-expected":
            self = .expectedTrapHappened
        case "trap-missing":
            self = .expectedTrapMissing
        case "finished":
            self = .programFinished
        default:
            return nil
        }
    }

    /// Keeps text on one line: backslashes, newlines and tabs become escapes.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Undoes ``escape(_:)``.
    public static func unescape(_ text: Substring) -> String {
        var result = ""
        var pendingBackslash = false
        for character in text {
            if pendingBackslash {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                default: result.append(character)
                }
                pendingBackslash = false
            } else if character == "\\" {
                pendingBackslash = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
