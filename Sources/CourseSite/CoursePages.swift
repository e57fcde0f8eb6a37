import Foundation
import Grader
import LabToolchain
import Notebook

/// The pages of the course site, rendered one at a time in the theme's layout: what `course
/// build` writes to disk, and what the live course (`course serve`) sends, so both show the same
/// pages.
public struct CoursePages {
    /// A rendered page and its outline (headings, sections and math) for search and navigation.
    struct Rendered {
        let html: String
        let outline: PageOutline
    }

    let course: CourseFolder
    let theme: Theme
    /// The title on every page.
    public let courseTitle: String
    let navigation: SiteNavigation
    /// Highlighted listings remembered between runs (see ``saveHighlighting()``).
    let highlighting: TextMemo<String>

    init(course: CourseFolder, theme: Theme, courseTitle: String, navigation: SiteNavigation) {
        self.course = course
        self.theme = theme
        self.courseTitle = courseTitle
        self.navigation = navigation
        // Highlighting parses each listing with swift-syntax; unchanged listings are remembered.
        highlighting = TextMemo<String>(
            file: course.cacheFolder.appendingPathComponent("site-highlighting.json"),
            version: "highlighting|" + LossLabLibrary.toolIdentity)
    }

    /// The pages of `course`, whose sidebar lists `lessons` (a chapter whose path is in
    /// `failedChapters` is marked failed) and `exercises`, in the course's theme.
    ///
    /// - Throws: ``SiteError`` when the theme or the course index cannot be read.
    public init(course: CourseFolder, lessons: [Lesson], failedChapters: Set<String>, exercises: [Exercise]) throws {
        let title = try course.manifest()?.title
        self.init(
            course: course, theme: try Theme.load(for: course.url),
            courseTitle: title.flatMap { $0.isEmpty ? nil : $0 } ?? "LossLab",
            navigation: Self.navigation(lessons: lessons, failedChapters: failedChapters, exercises: exercises))
    }

    static func navigation(lessons: [Lesson], failedChapters: Set<String>, exercises: [Exercise]) -> SiteNavigation {
        SiteNavigation(
            chapters: lessons.map { lesson in
                .init(title: lesson.title, href: LessonPage.fileName(for: lesson), number: lesson.number,
                      failed: failedChapters.contains(lesson.path))
            },
            exercises: exercises.map { .init(title: $0.title, href: ExercisePage.fileName(for: $0)) })
    }

    func highlight(_ code: String) -> String {
        highlighting.value(for: code, compute: SwiftHighlighter.html)
    }

    /// Keeps the listings highlighted so far for the next run.
    public func saveHighlighting() {
        highlighting.save()
    }

    /// The page of a chapter with the results of `run`; `imageLink` turns an image's path in the
    /// course folder into the page's link to it (by default the site's `images/<slug>/` copy).
    func lesson(_ lesson: Lesson, run: LessonRun, imageLink: ((String) -> String)? = nil) throws -> Rendered {
        var page = LessonPage(lesson: lesson, run: run, course: course, highlight: highlight)
        page.imageLink = imageLink
        let (context, outline) = page.render()
        let html = try render("lesson", context, title: lesson.title, href: LessonPage.fileName(for: lesson), root: "", outline: outline)
        return Rendered(html: html, outline: outline)
    }

    /// The page of an exercise.
    func exercise(_ exercise: Exercise) throws -> Rendered {
        let (context, outline) = try ExercisePage(exercise: exercise, course: course, highlight: highlight).render()
        let html = try render("exercise", context, title: exercise.title, href: ExercisePage.fileName(for: exercise), root: "../", outline: outline)
        return Rendered(html: html, outline: outline)
    }

    /// The contents page.
    func index(exercises: [Exercise]) throws -> String {
        let context: [String: Any] = [
            "courseTitle": courseTitle,
            "chapters": navigation.chapters.map { ["title": $0.title, "href": $0.href, "failed": $0.failed] },
            "exercises": zip(exercises, navigation.exercises).map { ["title": $1.title, "slug": $0.slug, "href": $1.href] },
        ]
        return try render("index", context, title: "Contents", href: "index.html", root: "", outline: PageOutline())
    }

    /// Renders one page in the layout.
    private func render(_ template: String, _ context: [String: Any], title: String, href: String, root: String, outline: PageOutline)
        throws -> String
    {
        let layout = Layout.context(
            title: title, courseTitle: courseTitle, root: root,
            navigation: navigation.context(for: href, headings: outline.headings), hasMath: outline.hasMath)
        return try theme.page(template, context, layout: layout)
    }
}

extension CoursePages {
    /// The HTML of a chapter's page with the results of `run`; `imageLink` turns an image's
    /// path in the course folder into the page's link to it.
    public func lessonPage(_ lesson: Lesson, run: LessonRun, imageLink: @escaping (String) -> String) throws -> String {
        try self.lesson(lesson, run: run, imageLink: imageLink).html
    }

    /// The HTML of an exercise's page (at `exercises/<slug>.html`).
    public func exercisePage(_ exercise: Exercise) throws -> String {
        try self.exercise(exercise).html
    }

    /// The HTML of the contents page.
    public func indexPage(exercises: [Exercise]) throws -> String {
        try index(exercises: exercises)
    }

    /// The search index script (`search-index.js`) over every chapter's and exercise's page.
    public func searchIndexScript(lessons: [Lesson], exercises: [Exercise]) throws -> String {
        var search = SearchIndex()
        for lesson in lessons {
            let outline = try self.lesson(lesson, run: LessonRun(lessonPath: lesson.path, cells: [], diagnostics: [], compileSeconds: 0, runSeconds: 0)).outline
            search.add(page: lesson.title, url: LessonPage.fileName(for: lesson), outline: outline)
        }
        for exercise in exercises {
            search.add(page: exercise.title, url: ExercisePage.fileName(for: exercise), outline: try self.exercise(exercise).outline)
        }
        return try search.script()
    }

    /// The theme's stylesheet or script called `name` (`style.css`, `site.js`, …), if it has one.
    public func themeFile(named name: String) -> URL? {
        theme.assets[name]
    }

    /// The page's path in the site of a chapter (`01-loss-functions.html`).
    public static func pagePath(of lesson: Lesson) -> String { LessonPage.fileName(for: lesson) }

    /// The page's path in the site of an exercise (`exercises/tversky-loss.html`).
    public static func pagePath(of exercise: Exercise) -> String { ExercisePage.fileName(for: exercise) }

    /// The site's name for the search index script.
    public static let searchIndexName = SearchIndex.fileName

    /// The site folder KaTeX goes in (`katex`).
    public static let katexFolderName = KaTeXFiles.siteFolder
}

extension CoursePages {
    /// The text a page shows for a failed cell: the runner's message, after the trap's own line
    /// from the output when the message only points at it.
    public static func failureText(message: String, output: String) -> String {
        LessonPage.failureText(message, output: output)
    }
}
