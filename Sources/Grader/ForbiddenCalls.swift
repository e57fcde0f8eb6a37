import SwiftParser
import SwiftSyntax

/// Finds calls an exercise forbids (for example the library's own `tverskyLoss`), so the check
/// can report each as a broken rule with its line.
enum ForbiddenCalls {
    /// One use of a forbidden name.
    struct Use: Equatable, Sendable {
        let name: String
        let line: Int
    }

    /// Every place in `code` that refers to one of `names` (as `name(…)`, `Module.name` or a
    /// reference passed around), with 1-based lines.
    static func find(_ names: [String], in code: String) -> [Use] {
        guard !names.isEmpty else { return [] }
        let forbidden = Set(names)
        let file = Parser.parse(source: code)
        let converter = SourceLocationConverter(fileName: "", tree: file)
        return file.tokens(viewMode: .sourceAccurate).compactMap { token in
            guard case .identifier(let name) = token.tokenKind, forbidden.contains(name),
                token.parent?.is(DeclReferenceExprSyntax.self) == true
            else { return nil }
            return Use(name: name, line: token.startLocation(converter: converter).line)
        }
    }
}
