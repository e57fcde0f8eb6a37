import Foundation
import LabToolchain
import SwiftParser
import SwiftSyntax

/// What the Swift parser finds in one cell: the names it declares at the top level, its last
/// expression (whose value the cell shows), and the plain string literals it contains.
///
/// Parsing is the slowest part of preparing a chapter in a debug build of the tools (swift-syntax
/// unoptimized), so analyses are remembered per cell text between runs (``memo(in:)``).
struct CellAnalysis: Codable, Equatable {
    /// A top-level declaration of a name, with the byte offset where its statement ends.
    struct Declaration: Codable, Equatable {
        let name: String
        let endOffset: Int
    }

    /// Names declared at the top level, in order (variables, functions, types).
    let declarations: [Declaration]
    /// The UTF-8 byte range of the last top-level expression whose value should be shown.
    let lastExpression: Range<Int>?
    /// Literal strings without interpolation (used to find data files a cell reads).
    let stringLiterals: [String]

    /// A memo of analyses kept in `folder` (a chapter's cache), valid for this build of the tools.
    static func memo(in folder: URL) -> TextMemo<CellAnalysis> {
        TextMemo(file: folder.appendingPathComponent("cell-analyses.json"),
                 version: "cell-analysis|" + LossLabLibrary.toolIdentity)
    }

    /// The analysis of `code`: from `memo` when it has one, else parsed (and remembered there).
    static func of(_ code: String, memo: TextMemo<CellAnalysis>?) -> CellAnalysis {
        memo?.value(for: code) { CellAnalysis(code: $0) } ?? CellAnalysis(code: code)
    }

    /// Names declared at the top level.
    var declaredNames: Set<String> { Set(declarations.map(\.name)) }

    init(code: String) {
        let file = Parser.parse(source: code)
        var declarations: [Declaration] = []
        for item in file.statements {
            let end = item.endPositionBeforeTrailingTrivia.utf8Offset
            for name in Self.declaredNames(in: item.item) {
                declarations.append(Declaration(name: name, endOffset: end))
            }
        }
        self.declarations = declarations
        if let last = file.statements.last, case .expr(let expression) = last.item, Self.showsValue(expression) {
            lastExpression = expression.positionAfterSkippingLeadingTrivia.utf8Offset
                ..< expression.endPositionBeforeTrailingTrivia.utf8Offset
        } else {
            lastExpression = nil
        }
        stringLiterals = file.tokens(viewMode: .sourceAccurate).compactMap { token in
            guard case .stringSegment(let text) = token.tokenKind,
                let literal = token.parent?.parent?.parent?.as(StringLiteralExprSyntax.self),
                literal.segments.count == 1
            else { return nil }
            return text
        }
    }

    /// The names a top-level item declares.
    static func declaredNames(in item: CodeBlockItemSyntax.Item) -> [String] {
        guard case .decl(let declaration) = item else { return [] }
        if let variable = declaration.as(VariableDeclSyntax.self) {
            return variable.bindings.flatMap { names(in: $0.pattern) }
        }
        if let function = declaration.as(FunctionDeclSyntax.self) { return [function.name.text] }
        if let type = declaration.as(StructDeclSyntax.self) { return [type.name.text] }
        if let type = declaration.as(ClassDeclSyntax.self) { return [type.name.text] }
        if let type = declaration.as(EnumDeclSyntax.self) { return [type.name.text] }
        if let type = declaration.as(ActorDeclSyntax.self) { return [type.name.text] }
        if let type = declaration.as(ProtocolDeclSyntax.self) { return [type.name.text] }
        if let alias = declaration.as(TypeAliasDeclSyntax.self) { return [alias.name.text] }
        return []
    }

    /// The identifiers a pattern binds (`x`, or each name of `(a, b)`).
    static func names(in pattern: PatternSyntax) -> [String] {
        if let identifier = pattern.as(IdentifierPatternSyntax.self) { return [identifier.identifier.text] }
        if let tuple = pattern.as(TuplePatternSyntax.self) { return tuple.elements.flatMap { names(in: $0.pattern) } }
        return []
    }

    /// Whether a final expression statement should show its value: not an assignment, and not
    /// a statement-like `if`/`switch` or a call that never returns.
    static func showsValue(_ expression: ExprSyntax) -> Bool {
        if expression.is(IfExprSyntax.self) || expression.is(SwitchExprSyntax.self)
            || expression.is(ClosureExprSyntax.self)
        {
            return false
        }
        if let sequence = expression.as(SequenceExprSyntax.self) {
            for element in sequence.elements {
                if element.is(AssignmentExprSyntax.self) { return false }
                if let binary = element.as(BinaryOperatorExprSyntax.self) {
                    let symbol = binary.operator.text
                    let comparisons: Set<String> = ["==", "!=", "<=", ">=", "===", "!=="]
                    if symbol.hasSuffix("="), !comparisons.contains(symbol) { return false }
                }
            }
        }
        if let call = expression.as(FunctionCallExprSyntax.self),
            let callee = call.calledExpression.as(DeclReferenceExprSyntax.self),
            ["fatalError", "preconditionFailure", "exit"].contains(callee.baseName.text)
        {
            return false
        }
        return true
    }
}
