import Foundation
import SwiftParser
import SwiftSyntax

/// Syntax highlighting for Swift, done once at build time from swift-syntax's tokens, so the
/// site needs no highlighting script.
///
/// Each highlighted piece is wrapped in `<span class="…">` with the class of its
/// ``SwiftHighlighter/Category``; the theme's stylesheet gives each class its colour.
public enum SwiftHighlighter {
    /// What a piece of code is, named by the CSS class it gets.
    public enum Category: String, Sendable {
        /// A keyword (`let`, `func`, `return`, `true`, `self`, …).
        case keyword = "kw"
        /// A string literal, quotes included.
        case string = "str"
        /// An integer or floating-point literal.
        case number = "num"
        /// A line or block comment, documentation comments included.
        case comment = "com"
        /// A type name: a name used as a type, or a capitalised name (`Tensor`, `Figure`).
        case type = "ty"
        /// An attribute (`@MainActor`) or a compiler directive (`#if`).
        case attribute = "attr"
    }

    /// A run of source text and its category (`nil` for plain text: names, punctuation, spaces).
    public struct Piece: Sendable, Equatable {
        /// The source text, exactly as written.
        public let text: String
        /// The category, or `nil` for plain text.
        public let category: Category?

        /// A piece of `text` in `category`.
        public init(_ text: String, _ category: Category?) {
            self.text = text
            self.category = category
        }
    }

    /// Splits `code` into pieces; joined, their texts are exactly `code`. Adjacent pieces of the
    /// same category are merged.
    public static func pieces(_ code: String) -> [Piece] {
        let tree = Parser.parse(source: code)
        var pieces: [Piece] = []
        func append(_ text: String, _ category: Category?) {
            guard !text.isEmpty else { return }
            if let last = pieces.last, last.category == category {
                pieces[pieces.count - 1] = Piece(last.text + text, category)
            } else {
                pieces.append(Piece(text, category))
            }
        }
        for token in tree.tokens(viewMode: .sourceAccurate) {
            for trivia in token.leadingTrivia { append(text(of: trivia), category(of: trivia)) }
            append(token.text, category(of: token))
            for trivia in token.trailingTrivia { append(text(of: trivia), category(of: trivia)) }
        }
        return pieces
    }

    /// `code` as HTML: escaped, with a `<span>` around each highlighted piece.
    public static func html(_ code: String) -> String {
        var html = ""
        for piece in pieces(code) {
            let text = HTML.escape(piece.text)
            if let category = piece.category {
                html += "<span class=\"\(category.rawValue)\">\(text)</span>"
            } else {
                html += text
            }
        }
        return html
    }

    static func text(of trivia: TriviaPiece) -> String {
        var text = ""
        trivia.write(to: &text)
        return text
    }

    static func category(of trivia: TriviaPiece) -> Category? {
        switch trivia {
        case .lineComment, .blockComment, .docLineComment, .docBlockComment: .comment
        default: nil
        }
    }

    static func category(of token: TokenSyntax) -> Category? {
        switch token.tokenKind {
        case .keyword:
            return token.parent?.is(AttributeSyntax.self) == true ? .attribute : .keyword
        case .stringQuote, .multilineStringQuote, .singleQuote, .stringSegment, .rawStringPoundDelimiter,
            .regexSlash, .regexPoundDelimiter, .regexLiteralPattern:
            return .string
        case .integerLiteral, .floatLiteral:
            return .number
        case .atSign, .poundIf, .poundElse, .poundElseif, .poundEndif, .poundAvailable, .poundUnavailable,
            .poundSourceLocation:
            return .attribute
        case .identifier(let name):
            if token.parent?.is(AttributeSyntax.self) == true || token.parent?.parent?.is(AttributeSyntax.self) == true {
                return .attribute
            }
            if token.parent?.is(IdentifierTypeSyntax.self) == true || token.parent?.is(MemberTypeSyntax.self) == true {
                return .type
            }
            return name.first?.isUppercase == true ? .type : nil
        default:
            return nil
        }
    }
}

/// Escaping text for HTML.
enum HTML {
    /// `text` with `&`, `<`, `>` and `"` escaped, safe inside elements and quoted attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Inline elements whose tags do not separate words.
    static let inlineTags: Set<String> = ["a", "em", "strong", "code", "span", "sup", "sub", "del", "b", "i", "mark"]

    /// The text of an HTML fragment: tags removed (block tags count as a space), the common
    /// entities decoded, runs of white space collapsed to one space.
    static func text(of fragment: String) -> String {
        var text = ""
        var tag: String?
        for character in fragment {
            if var name = tag {
                if character == ">" {
                    let element = name.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                    if !inlineTags.contains(element) { text.append(" ") }
                    tag = nil
                } else {
                    name.append(character)
                    tag = name
                }
            } else if character == "<" {
                tag = ""
            } else {
                text.append(character)
            }
        }
        let decoded = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        return decoded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
