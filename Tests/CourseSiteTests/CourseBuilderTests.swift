import Foundation
import LabTestSupport
import LabToolchain
import Notebook
import Testing

@testable import CourseSite

@Suite("Building the course site")
struct CourseBuilderTests {
    func builder(for course: TemporaryCourse) throws -> CourseBuilder {
        let library = try LossLabLibrary(buildFolder: buildFolder)
        let folder = CourseFolder(url: course.url)
        return CourseBuilder(course: folder, runner: LessonRunner(course: folder, compiler: try SwiftCompiler(library: library)))
    }

    /// Builds a three-chapter course with a figure, math, a hidden cell and one exercise, and
    /// returns the site folder.
    func buildSite(_ course: TemporaryCourse) throws -> (URL, CourseBuilder.Summary) {
        try course.addLesson("01-first.md", """
            # First chapter

            The squared error $\\ell(p, y) = (p - y)^2$ grows fast.

            | loss | formula |
            |---|---|
            | MSE | mean((p − y)²) |

            ## Numbers

            \(swiftCell("let values = [1.0, 2.0, 3.0]\nprint(\"sum:\", values.reduce(0.0, +))"))
            ## A figure

            \(swiftCell("let figure = Figure(width: 300, height: 200)\nfigure.axes.title = \"Squares\"\nfigure.axes.plot(values, values.map { $0 * $0 })\ndisplay(figure)"))
            \(swiftCell("let secret = 42", options: "hide"))
            """)
        try course.addLesson("02-second.md", "# Second chapter\n\nText <with> markup.\n\n## Numbers\n\n" + swiftCell("print(\"<tag> & more\")"))
        try course.addLesson("03-third.md", "# Third chapter\n\nThe zebra-striped marginal loss.\n")
        try course.copyExercise("tversky-loss")
        let site = course.url.appendingPathComponent("site")
        return (site, try builder(for: course).build(into: site))
    }

    func read(_ site: URL, _ page: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
    }

    @Test("pages show prose, code, outputs, figures and math, and every link and anchor resolves")
    func buildsLinkedSite() throws {
        let course = try TemporaryCourse()
        let (site, summary) = try buildSite(course)
        #expect(summary.lessonCount == 3)
        #expect(summary.exerciseCount == 1)
        #expect(summary.failedLessons.isEmpty)

        let first = try read(site, "01-first.html")
        #expect(first.contains("<table>"))
        #expect(first.contains("sum: 6.0"))
        #expect(first.contains("<img src=\"images/01-first/figure-1.png\""))
        #expect(first.contains("<span class=\"kw\">let</span> values"), "code is highlighted")
        #expect(first.contains("<details class=\"hidden-cell\"><summary>Show the code of cell 3</summary>"))
        #expect(first.contains("<span class=\"math math-inline\">\\(\\ell(p, y) = (p - y)^2\\)</span>"))
        #expect(first.contains("katex/katex.min.js"), "a page with math loads KaTeX")
        #expect(first.contains("rel=\"next\" href=\"02-second.html\""), "a next link")
        #expect(first.contains("<h2 id=\"numbers\">Numbers <a class=\"anchor\" href=\"#numbers\""))
        let second = try read(site, "02-second.html")
        #expect(second.contains("rel=\"prev\" href=\"01-first.html\""), "a previous link")
        #expect(second.contains("&lt;tag&gt; &amp; more"), "outputs are HTML-escaped")
        #expect(!second.contains("katex"), "a page without math does not load KaTeX")
        let index = try read(site, "index.html")
        #expect(index.contains("First chapter") && index.contains("Tversky loss"))
        for file in ["katex/katex.min.css", "katex/contrib/auto-render.js", "katex/fonts/KaTeX_Main-Regular.woff2",
                     "style.css", "site.js", "search.js", "theme-init.js", "search-index.js"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(file).path), "\(file) is in the site")
        }

        let links = SiteLinks(folder: site)
        #expect(links.pages().count == 5)
        let (broken, checked) = try links.brokenLinks()
        #expect(broken.isEmpty, "broken links: \(broken)")
        #expect(checked > 60, "links checked: \(checked)")
    }

    @Test("the sidebar marks the current chapter and lists its sections; the search index covers every chapter")
    func tableOfContentsAndSearch() throws {
        let course = try TemporaryCourse()
        let (site, _) = try buildSite(course)
        let second = try read(site, "02-second.html")
        #expect(second.contains("<li class=\"current\"><a href=\"02-second.html\" aria-current=\"page\">"))
        #expect(second.contains("<a href=\"02-second.html#numbers\">Numbers</a>"))
        #expect(!second.contains("01-first.html#numbers"), "only the current chapter lists its sections")
        let exercise = try read(site, "exercises/tversky-loss.html")
        #expect(exercise.contains("href=\"../index.html\""))
        #expect(exercise.contains("aria-current=\"page\">Tversky loss</a>"))

        let search = try read(site, "search-index.js")
        #expect(search.hasPrefix("window.LossLabSearchIndex = ["))
        #expect(search.contains("\"url\":\"03-third.html#third-chapter\""))
        #expect(search.contains("zebra-striped marginal loss"))
        #expect(search.contains("print(\\\"<tag> & more\\\")"), "code is searchable")
        #expect(search.contains("\"url\":\"exercises/tversky-loss.html#hints\""))
        #expect(!search.contains("tversky-loss.html#hints-2"))
    }

    @Test("an exercise page shows the task, the highlighted starter, each hint folded, and how to check it")
    func exercisePage() throws {
        let course = try TemporaryCourse()
        let (site, _) = try buildSite(course)
        let page = try read(site, "exercises/tversky-loss.html")
        #expect(page.contains("<h1 id=\"tversky-loss\">Tversky loss"))
        #expect(page.contains("<h2 id=\"starter-code\">Starter code"))
        #expect(page.contains("<span class=\"kw\">"), "the starter is highlighted")
        for number in 1...6 {
            #expect(page.contains("<details class=\"hint\"><summary>Hint \(number)</summary>"),
                    "3 hints from exercise.json and 3 from the README's Hints section, each folded")
        }
        #expect(page.components(separatedBy: "<h2 id=\"hints").count == 2, "one Hints section")
        #expect(!page.contains("<details class=\"hint\" open"), "hints start folded")
        #expect(page.contains("(prediction * target).sum()"))
        #expect(page.contains("<code>exercise check tversky-loss</code>"))
        #expect(page.contains("my-exercises/tversky-loss.swift"))
    }

    @Test("a chapter with a failing cell is reported, marked in the sidebar, and shows an error block")
    func failingChapter() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-fails.md", "# Fails\n" + swiftCell("let empty: [Int] = []\nprint(empty[0])"))
        let summary = try builder(for: course).build(into: course.url.appendingPathComponent("site"))
        #expect(summary.failedLessons == ["lessons/01-fails.md"])
        let page = try String(contentsOf: course.url.appendingPathComponent("site/01-fails.html"), encoding: .utf8)
        #expect(page.contains("This cell failed."))
        let errorBlock = page.components(separatedBy: "<div class=\"error\" role=\"alert\">").last ?? ""
        #expect(errorBlock.prefix(300).contains("Fatal error: Index out of range"), "the trap's message is in the error block")
        #expect(page.contains("<span class=\"badge failed\""))
    }

    @Test("math without KaTeX installed names the apt line; a page without math needs no KaTeX")
    func missingKaTeX() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-math.md", "# Math\n\nThe mean $\\bar x$.\n")
        var builder = try builder(for: course)
        builder.katexFolder = course.url.appendingPathComponent("no-katex")
        let site = course.url.appendingPathComponent("site")
        let error = #expect(throws: SiteError.self) { try builder.build(into: site) }
        #expect(error?.description.contains("apt-get install libjs-katex") == true)
        try course.addLesson("01-math.md", "# Prices\n\nIt costs $5 or $10.\n")
        _ = try builder.build(into: site)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("katex").path))
    }

    @Test("a course's theme folder replaces single files of the default theme; course.json names the course")
    func themeOverride() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-one.md", "# One\n\nText.\n")
        try course.write("body { color: purple; }\n", to: "theme/style.css")
        try course.write("<p class=\"custom\">{{courseTitle}}</p>\n", to: "theme/index.mustache")
        try course.write(#"{"title": "Losses 101", "chapters": [{"file": "01-one.md", "prerequisites": []}]}"#, to: "lessons/course.json")
        let site = course.url.appendingPathComponent("site")
        _ = try builder(for: course).build(into: site)
        #expect(try read(site, "style.css") == "body { color: purple; }\n")
        #expect(try read(site, "index.html").contains("<p class=\"custom\">Losses 101</p>"), "the title comes from course.json")
        #expect(try read(site, "site.js").contains("keydown"), "the default scripts still come along")
        #expect(try read(site, "01-one.html").contains("id=\"sidebar\""), "the default layout still applies")
    }

    @Test("a folder that is not a site is never deleted")
    func protectsOtherFolders() throws {
        let course = try TemporaryCourse()
        try course.write("keep me", to: "notes/important.txt")
        let builder = try builder(for: course)
        #expect(throws: SiteError.self) { try builder.build(into: course.url.appendingPathComponent("notes")) }
        #expect(FileManager.default.fileExists(atPath: course.url.appendingPathComponent("notes/important.txt").path))
    }
}
