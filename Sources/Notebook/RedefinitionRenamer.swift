import SwiftParser
import SwiftSyntax

/// Lets a later cell redefine a name, as in Jupyter: all cells are one Swift program, where a
/// second top-level `let x` would be an error, so the earlier definition and the uses that
/// refer to it are renamed (`x` → `x__cell2`); the last definition keeps the plain name.
///
/// A use is left alone when an enclosing function, closure, type or statement binds the same
/// name itself (a parameter, a member, a local variable), since it refers to that binding.
enum RedefinitionRenamer {
    /// The suffix that marks a renamed definition; removed again from compiler messages.
    static func renamed(_ name: String, cell: Int) -> String { "\(name)__cell\(cell)" }

    /// Removes the renaming suffix from a compiler message.
    static func restoreNames(in message: String) -> String {
        message.replacing(/([A-Za-z_][A-Za-z0-9_]*)__cell[0-9]+/) { $0.output.1 }
    }

    /// `code` with each name in `renames` replaced where it refers to the top-level binding.
    ///
    /// - Parameter renames: for each name, the replacement for uses before `offset` and after it
    ///   (a cell that redefines a name uses the earlier definition until its own declaration ends).
    static func rewrite(_ code: String, renames: [String: (before: String?, after: String?, offset: Int)]) -> String {
        guard !renames.isEmpty else { return code }
        let file = Parser.parse(source: code)
        var edits: [(Range<Int>, String)] = []
        for token in file.tokens(viewMode: .sourceAccurate) {
            guard case .identifier(let name) = token.tokenKind, let rule = renames[name] else { continue }
            let offset = token.positionAfterSkippingLeadingTrivia.utf8Offset
            guard refersToTopLevel(token, name: name) else { continue }
            // The declaring name takes the new spelling; uses inside the declaration (as in
            // `let x = x + 1`) still mean the earlier definition.
            let declares = token.parent.map { !$0.is(DeclReferenceExprSyntax.self) && !$0.is(IdentifierTypeSyntax.self) } ?? false
            guard let replacement = declares || offset >= rule.offset ? rule.after : rule.before else { continue }
            edits.append((offset..<token.endPositionBeforeTrailingTrivia.utf8Offset, replacement))
        }
        var bytes = Array(code.utf8)
        for (range, replacement) in edits.reversed() {
            bytes.replaceSubrange(range, with: Array(replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `token` names the top-level definition (as a declaration or a use).
    static func refersToTopLevel(_ token: TokenSyntax, name: String) -> Bool {
        guard let parent = token.parent else { return false }
        if let reference = parent.as(DeclReferenceExprSyntax.self) {
            // `value.name` is a member, not the top-level name.
            if let member = reference.parent?.as(MemberAccessExprSyntax.self), member.declName.id == reference.id {
                return false
            }
        } else if parent.is(IdentifierTypeSyntax.self) {
            // A type name in a type position.
        } else if parent.is(IdentifierPatternSyntax.self) || parent.is(FunctionDeclSyntax.self)
            || parent.is(StructDeclSyntax.self) || parent.is(ClassDeclSyntax.self) || parent.is(EnumDeclSyntax.self)
            || parent.is(ActorDeclSyntax.self) || parent.is(ProtocolDeclSyntax.self) || parent.is(TypeAliasDeclSyntax.self)
        {
            // A declaration: only top-level ones are renamed.
            return isTopLevelDeclaration(parent)
        } else {
            return false
        }
        var ancestor = parent.parent
        while let scope = ancestor, !scope.is(CodeBlockItemSyntax.self) || scope.parent?.parent?.is(SourceFileSyntax.self) == false {
            if isScope(scope), binds(name, inside: scope) { return false }
            ancestor = scope.parent
        }
        return true
    }

    static func isTopLevelDeclaration(_ node: Syntax) -> Bool {
        var current: Syntax? = node
        while let node = current {
            if let item = node.as(CodeBlockItemSyntax.self) {
                return item.parent?.parent?.is(SourceFileSyntax.self) == true
            }
            if node.is(MemberBlockSyntax.self) || node.is(CodeBlockSyntax.self) || node.is(ClosureExprSyntax.self) {
                return false
            }
            current = node.parent
        }
        return false
    }

    static func isScope(_ node: Syntax) -> Bool {
        node.is(FunctionDeclSyntax.self) || node.is(InitializerDeclSyntax.self) || node.is(AccessorDeclSyntax.self)
            || node.is(SubscriptDeclSyntax.self) || node.is(ClosureExprSyntax.self) || node.is(StructDeclSyntax.self)
            || node.is(ClassDeclSyntax.self) || node.is(EnumDeclSyntax.self) || node.is(ActorDeclSyntax.self)
            || node.is(ExtensionDeclSyntax.self) || node.is(ProtocolDeclSyntax.self) || node.is(ForStmtSyntax.self)
            || node.is(IfExprSyntax.self) || node.is(WhileStmtSyntax.self) || node.is(CatchClauseSyntax.self)
            || node.is(DoStmtSyntax.self) || node.is(SwitchCaseSyntax.self)
    }

    /// Whether anything inside `scope` binds `name` (over-approximates: any binding anywhere inside).
    static func binds(_ name: String, inside scope: Syntax) -> Bool {
        for token in scope.tokens(viewMode: .sourceAccurate) where token.tokenKind == .identifier(name) {
            guard let parent = token.parent else { continue }
            if parent.is(IdentifierPatternSyntax.self) || parent.is(ClosureShorthandParameterSyntax.self)
                || parent.is(EnumCaseElementSyntax.self)
            {
                return true
            }
            if let parameter = parent.as(FunctionParameterSyntax.self),
                (parameter.secondName ?? parameter.firstName).id == token.id
            {
                return true
            }
            if let parameter = parent.as(ClosureParameterSyntax.self),
                (parameter.secondName ?? parameter.firstName).id == token.id
            {
                return true
            }
            if let function = parent.as(FunctionDeclSyntax.self), function.parent?.is(MemberBlockItemSyntax.self) == true {
                return true
            }
        }
        return false
    }
}
