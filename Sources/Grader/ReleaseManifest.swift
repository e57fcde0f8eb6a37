import SwiftParser
import SwiftSyntax

/// `Package.swift` for a learners' copy: the course's manifest without the targets that live in
/// `Tests/`, which the copy leaves out.
///
/// SwiftPM stops with an error when a target's folder is missing, so a manifest that still named
/// `Tests/GraderTests` would not build in the copy, and learners build the package before
/// `exercise check` can run. The manifest is parsed with swift-syntax and, in the `targets:`
/// list of `Package(…)`, every `.testTarget(…)` and every target whose `path:` starts with
/// `Tests` is removed, with the comment above it; the rest of the file is kept byte for byte.
enum ReleaseManifest {
    /// The rewritten manifest and the targets it no longer has.
    struct Rewritten {
        let text: String
        let removedTargets: [String]
    }

    /// A target the manifest declares and the folder that holds its sources.
    struct Target: Equatable {
        let name: String
        let kind: String
        let folder: String
    }

    /// `manifest` without its test targets.
    /// - Throws: ``GraderError`` when there is no literal `targets: [...]` list to edit, or when
    ///   a target or product that stays refers to a removed one.
    static func withoutTests(_ manifest: String) throws -> Rewritten {
        let file = Parser.parse(source: manifest)
        guard let list = targetList(in: file) else {
            throw GraderError("Package.swift has no `targets: [...]` list in `Package(...)` that the release could read; write the targets as one array literal so the learners' copy can leave out the test targets.")
        }
        var kept: [ArrayElementSyntax] = []
        var removed: [String] = []
        for element in list.elements {
            if let target = target(element.expression), isTest(target) {
                removed.append(target.name)
            } else {
                kept.append(element)
            }
        }
        let edited = list.with(\.elements, ArrayElementListSyntax(kept))
        var text = manifest.replacingCharacters(in: range(of: list, in: manifest), with: edited.trimmedDescription)
        // The tools-version line must stay first; the note goes right after it.
        if !removed.isEmpty, let firstLineEnd = text.firstIndex(of: "\n") {
            text.insert(contentsOf: "\n// The learners' copy made by `exercise release`: it has no test targets (the tests stay with the instructors).", at: firstLineEnd)
        }
        let references = Parser.parse(source: text).tokens(viewMode: .sourceAccurate).compactMap { token -> String? in
            guard case .stringSegment(let content) = token.tokenKind else { return nil }
            return content
        }
        if let dangling = removed.first(where: references.contains) {
            throw GraderError("Package.swift: a target or product that learners need refers to \(dangling), a target in Tests/ that the release leaves out. Move what it needs out of Tests/ so the learners' copy builds.")
        }
        return Rewritten(text: text, removedTargets: removed)
    }

    /// Every target in the `targets:` list of `manifest`, with the folder SwiftPM reads it from.
    static func targets(in manifest: String) -> [Target] {
        guard let list = targetList(in: Parser.parse(source: manifest)) else { return [] }
        return list.elements.compactMap { target($0.expression) }
    }

    static func isTest(_ target: Target) -> Bool {
        target.kind == "testTarget" || target.folder == "Tests" || target.folder.hasPrefix("Tests/")
    }

    /// The `[...]` after `targets:` in the `Package(...)` call.
    static func targetList(in file: SourceFileSyntax) -> ArrayExprSyntax? {
        for token in file.tokens(viewMode: .sourceAccurate) {
            guard case .identifier("targets") = token.tokenKind,
                let argument = token.parent?.as(LabeledExprSyntax.self),
                let call = argument.parent?.parent?.as(FunctionCallExprSyntax.self),
                call.calledExpression.as(DeclReferenceExprSyntax.self)?.baseName.text == "Package",
                let list = argument.expression.as(ArrayExprSyntax.self)
            else { continue }
            return list
        }
        return nil
    }

    /// `.target(name: "X", …, path: "P")` as a ``Target``; the folder is `path:` when given,
    /// otherwise SwiftPM's default for the kind.
    static func target(_ expression: ExprSyntax) -> Target? {
        guard let call = expression.as(FunctionCallExprSyntax.self),
            let kind = call.calledExpression.as(MemberAccessExprSyntax.self)?.declName.baseName.text
        else { return nil }
        func literal(_ label: String) -> String? {
            call.arguments.first { $0.label?.text == label }?.expression.as(StringLiteralExprSyntax.self)?
                .segments.compactMap { $0.as(StringSegmentSyntax.self)?.content.text }.joined()
        }
        guard let name = literal("name") else { return nil }
        let defaultFolder: String
        switch kind {
        case "testTarget": defaultFolder = "Tests/\(name)"
        case "plugin": defaultFolder = "Plugins/\(name)"
        default: defaultFolder = "Sources/\(name)"
        }
        return Target(name: name, kind: kind, folder: literal("path") ?? defaultFolder)
    }

    /// The range of `node` in `text` (which it was parsed from).
    static func range(of node: some SyntaxProtocol, in text: String) -> Range<String.Index> {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: node.positionAfterSkippingLeadingTrivia.utf8Offset)
        let end = utf8.index(utf8.startIndex, offsetBy: node.endPositionBeforeTrailingTrivia.utf8Offset)
        return start..<end
    }
}
