import Foundation
import Notebook

/// The template context of one chapter page: prose as HTML with anchored headings and math,
/// and each cell with its highlighted code and its results.
struct LessonPage {
    let lesson: Lesson
    let run: LessonRun
    let course: CourseFolder
    /// Turns Swift code into highlighted HTML.
    var highlight: (String) -> String = SwiftHighlighter.html
    /// Turns an image's path in the course folder into the page's link to it (the live course
    /// links the run's own files); `nil` links the site's copy (``siteImagePath(_:)``).
    var imageLink: ((String) -> String)?

    /// The page's file name in the site (for example `01-loss-functions.html`).
    static func fileName(for lesson: Lesson) -> String { "\(lesson.slug).html" }

    /// Ids the templates give elements themselves, which headings must not take.
    static func reservedAnchors(for lesson: Lesson) -> Set<String> {
        Set(lesson.cells.map { "cell-\($0.index)" }).union(Layout.reservedAnchors)
    }

    /// Where a cell's image goes in the site, relative to the site folder.
    func siteImagePath(_ cachedImage: String) -> String {
        "images/\(lesson.slug)/\(URL(fileURLWithPath: cachedImage).lastPathComponent)"
    }

    /// The page's context, and its outline (headings, sections, math) gathered on the way.
    func render() -> (context: [String: Any], outline: PageOutline) {
        var outline = PageOutline(reserved: Self.reservedAnchors(for: lesson))
        let results = Dictionary(uniqueKeysWithValues: run.cells.map { ($0.index, $0) })
        var blocks: [[String: Any]] = []
        for block in lesson.blocks {
            switch block {
            case .prose(let markdown, _):
                blocks.append(["prose": ["html": outline.prose(markdown)]])
            case .cell(let cell):
                outline.code(cell.code)
                blocks.append(["cell": cellContext(cell, result: results[cell.index])])
            }
        }
        var context: [String: Any] = ["blocks": blocks]
        let errors = run.diagnostics.filter { $0.severity == .error }.map(\.formatted)
        if !errors.isEmpty { context["compileErrors"] = errors.joined(separator: "\n") }
        return (context, outline)
    }

    private func cellContext(_ cell: Cell, result: CellResult?) -> [String: Any] {
        var context: [String: Any] = [
            "index": cell.index, "codeHTML": highlight(cell.code), "hidden": cell.options.hidden,
        ]
        guard let result else { return context }
        if !result.output.isEmpty { context["output"] = result.output }
        if let value = result.value { context["value"] = value }
        context["images"] = result.images.enumerated().map { position, image in
            ["src": imageLink?(image) ?? siteImagePath(image), "number": position + 1]
        }
        switch result.status {
        case .succeeded: break
        case .failed(let message): context["failure"] = Self.failureText(message, output: result.output)
        case .notRun: context["notRun"] = !run.compileFailed
        case .skipped: context["skipped"] = true
        }
        return context
    }

    /// The error block's text: the runner's message, after the trap's own line from the output
    /// (`Fatal error: Index out of range`) when the message only points at the output.
    static func failureText(_ message: String, output: String) -> String {
        let trap = output.split(separator: "\n").last { $0.contains("Fatal error:") || $0.contains("fatal error:") }
        guard let trap, !message.contains(trap) else { return message }
        return "\(trap.trimmingCharacters(in: .whitespaces))\n\(message)"
    }

    /// Copies the run's images into the site.
    func copyImages(into site: URL) throws {
        for image in run.cells.flatMap(\.images) {
            let source = course.url.appendingPathComponent(image)
            try SiteFiles.copy(source, to: site.appendingPathComponent(siteImagePath(image)))
        }
    }
}
