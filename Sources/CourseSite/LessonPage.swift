import Foundation
import Notebook

/// The template context of one chapter page: prose as HTML, and each cell with its results.
struct LessonPage {
    let lesson: Lesson
    let run: LessonRun
    let course: CourseFolder

    /// The page's file name in the site (for example `01-loss-functions.html`).
    static func fileName(for lesson: Lesson) -> String { "\(lesson.slug).html" }

    /// Where a cell's image goes in the site, relative to the site folder.
    func siteImagePath(_ cachedImage: String) -> String {
        "images/\(lesson.slug)/\(URL(fileURLWithPath: cachedImage).lastPathComponent)"
    }

    func context() -> [String: Any] {
        let results = Dictionary(uniqueKeysWithValues: run.cells.map { ($0.index, $0) })
        let blocks: [[String: Any]] = lesson.blocks.map { block in
            switch block {
            case .prose(let markdown, _):
                return ["prose": ["html": Markdown.html(markdown)]]
            case .cell(let cell):
                var context: [String: Any] = ["index": cell.index, "code": cell.code, "hidden": cell.options.hidden]
                if let result = results[cell.index] {
                    if !result.output.isEmpty { context["output"] = result.output }
                    if let value = result.value { context["value"] = value }
                    context["images"] = result.images.map { ["src": siteImagePath($0)] }
                    switch result.status {
                    case .succeeded: break
                    case .failed(let message): context["failure"] = message
                    case .notRun: context["notRun"] = !run.compileFailed
                    case .skipped: context["skipped"] = true
                    }
                }
                return ["cell": context]
            }
        }
        var context: [String: Any] = ["blocks": blocks]
        let errors = run.diagnostics.filter { $0.severity == .error }.map(\.formatted)
        if !errors.isEmpty { context["compileErrors"] = errors.joined(separator: "\n") }
        return context
    }

    /// Copies the run's images into the site.
    func copyImages(into site: URL) throws {
        for image in run.cells.flatMap(\.images) {
            let source = course.url.appendingPathComponent(image)
            try SiteFiles.copy(source, to: site.appendingPathComponent(siteImagePath(image)))
        }
    }
}
