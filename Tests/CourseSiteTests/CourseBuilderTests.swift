import Foundation
import LabTestSupport
import LabToolchain
import Notebook
import Testing

@testable import CourseSite

@Suite("Building the course site")
struct CourseBuilderTests {
    /// Builds a two-chapter course with one exercise and returns the site folder.
    func buildSite(_ course: TemporaryCourse) throws -> (URL, CourseBuilder.Summary) {
        try course.addLesson("01-first.md", """
            # First chapter

            | loss | formula |
            |---|---|
            | MSE | mean((p − y)²) |

            \(swiftCell("let values = [1.0, 2.0, 3.0]\nprint(\"sum:\", values.reduce(0.0, +))"))
            \(swiftCell("let figure = Figure(width: 300, height: 200)\nfigure.axes.title = \"Squares\"\nfigure.axes.plot(values, values.map { $0 * $0 })\ndisplay(figure)"))
            """)
        try course.addLesson("02-second.md", "# Second chapter\n\nText <with> markup.\n" + swiftCell("print(\"<tag> & more\")"))
        try course.copyExercise("tversky-loss")
        let library = try LossLabLibrary(buildFolder: buildFolder)
        let folder = CourseFolder(url: course.url)
        let builder = CourseBuilder(course: folder, runner: LessonRunner(course: folder, compiler: try SwiftCompiler(library: library)))
        let site = course.url.appendingPathComponent("site")
        return (site, try builder.build(into: site))
    }

    /// Every `href` and `src` value of a page.
    func links(in html: String) -> [String] {
        var links: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                links.append(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return links
    }

    @Test("pages show prose, code, outputs and images, and every internal link resolves")
    func buildsLinkedSite() throws {
        let course = try TemporaryCourse()
        let (site, summary) = try buildSite(course)
        #expect(summary.lessonCount == 2)
        #expect(summary.exerciseCount == 1)
        #expect(summary.failedLessons.isEmpty)

        let first = try String(contentsOf: site.appendingPathComponent("01-first.html"), encoding: .utf8)
        #expect(first.contains("<table>"))
        #expect(first.contains("sum: 6.0"))
        #expect(first.contains("<img src=\"images/01-first/figure-1.png\""))
        #expect(first.contains("href=\"02-second.html\""), "a next link")
        let second = try String(contentsOf: site.appendingPathComponent("02-second.html"), encoding: .utf8)
        #expect(second.contains("href=\"01-first.html\""), "a previous link")
        #expect(second.contains("&lt;tag&gt; &amp; more"), "outputs are HTML-escaped")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("First chapter") && index.contains("Tversky loss"))

        var pages: [URL] = []
        let enumerator = FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL {
            if file.pathExtension == "html" { pages.append(file) }
        }
        #expect(pages.count == 4)
        for page in pages {
            let html = try String(contentsOf: page, encoding: .utf8)
            for link in links(in: html) where !link.contains("://") && !link.hasPrefix("#") {
                let target = URL(fileURLWithPath: link, relativeTo: page.deletingLastPathComponent())
                #expect(FileManager.default.fileExists(atPath: target.path), "\(page.lastPathComponent) links to missing \(link)")
            }
        }
    }

    @Test("a chapter with a failing cell is reported and shows an error block")
    func failingChapter() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-fails.md", "# Fails\n" + swiftCell("let empty: [Int] = []\nprint(empty[0])"))
        let library = try LossLabLibrary(buildFolder: buildFolder)
        let folder = CourseFolder(url: course.url)
        let builder = CourseBuilder(course: folder, runner: LessonRunner(course: folder, compiler: try SwiftCompiler(library: library)))
        let summary = try builder.build(into: course.url.appendingPathComponent("site"))
        #expect(summary.failedLessons == ["lessons/01-fails.md"])
        let page = try String(contentsOf: course.url.appendingPathComponent("site/01-fails.html"), encoding: .utf8)
        #expect(page.contains("This cell failed."))
    }

    @Test("a folder that is not a site is never deleted")
    func protectsOtherFolders() throws {
        let course = try TemporaryCourse()
        try course.write("keep me", to: "notes/important.txt")
        let folder = CourseFolder(url: course.url)
        let builder = CourseBuilder(
            course: folder,
            runner: LessonRunner(course: folder, compiler: try SwiftCompiler(library: try LossLabLibrary(buildFolder: buildFolder))))
        #expect(throws: SiteError.self) { try builder.build(into: course.url.appendingPathComponent("notes")) }
        #expect(FileManager.default.fileExists(atPath: course.url.appendingPathComponent("notes/important.txt").path))
    }
}
