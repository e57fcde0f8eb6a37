import SwiftParser
import SwiftSyntax

/// Rules read from the learner's source text, with file and line: attributes that change how
/// code is linked or make code run outside the calls the checks make, and ways to reach code by
/// a name built at run time. (What the code calls is decided from its compiled symbols; see
/// ``SymbolRules``.)
enum SourceRules {
    /// Attributes no submission may use (underscored attributes are refused too).
    static let refusedAttributes: Set<String> = [
        "section", "used", "c", "cdecl", "extern", "export", "expose", "objc", "convention", "dynamicReplacement",
    ]

    /// Names that reach code or memory by a value built at run time.
    static let refusedNames: Set<String> = [
        "dlopen", "dlsym", "dlvsym", "dlmopen", "dladdr", "dladdr1", "dlinfo", "dl_iterate_phdr",
        "_typeByName", "_typeByMangledName", "NSClassFromString", "unsafeBitCast", "unsafeDowncast",
    ]

    /// One broken rule at a line.
    struct Violation: Equatable, Sendable {
        let line: Int
        let message: String
    }

    /// Every broken rule in `code`.
    static func violations(in code: String) -> [Violation] {
        let file = Parser.parse(source: code)
        let converter = SourceLocationConverter(fileName: "", tree: file)
        var found: [Violation] = []
        for token in file.tokens(viewMode: .sourceAccurate) {
            let line = token.startLocation(converter: converter).line
            if token.previousToken(viewMode: .sourceAccurate)?.tokenKind == .atSign,
                token.parent?.parent?.is(AttributeSyntax.self) == true
            {
                let name = token.text.removingBackticks
                if name.hasPrefix("_") || refusedAttributes.contains(name) {
                    found.append(Violation(line: line, message: "uses the attribute @\(name), which changes how code is linked or called; submissions may not use it. Remove it."))
                }
            }
            guard case .identifier = token.tokenKind else { continue }
            let name = token.text.removingBackticks
            if refusedNames.contains(name), token.parent?.is(DeclReferenceExprSyntax.self) == true {
                found.append(Violation(line: line, message: "uses \(name), which reaches code or memory by a name or address built at run time; submissions may not. Call the functions you need directly."))
            }
        }
        return found
    }

    /// The first line where `name` appears as an identifier, to point a symbol-level finding at.
    static func firstLine(of name: String, in code: String) -> Int? {
        let file = Parser.parse(source: code)
        let converter = SourceLocationConverter(fileName: "", tree: file)
        return file.tokens(viewMode: .sourceAccurate).first {
            if case .identifier = $0.tokenKind { return $0.text.removingBackticks == name }
            return false
        }.map { $0.startLocation(converter: converter).line }
    }
}

extension String {
    /// The name without the backticks that let a keyword serve as a name.
    var removingBackticks: String {
        var text = Substring(self)
        while text.first == "`" { text = text.dropFirst() }
        while text.last == "`" { text = text.dropLast() }
        return String(text)
    }
}
