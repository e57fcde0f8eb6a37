import Foundation
import Grader
import LabToolchain
import Notebook

/// Builds the static course site: an index, a page per chapter with its cells' outputs and
/// figures, a page per exercise, the search index, the theme's stylesheet and scripts, and
/// KaTeX when some page has math. The pages link to each other with relative paths and load
/// nothing from the network, so the site opens from disk without a server.
public struct CourseBuilder {
    /// The course to build.
    public let course: CourseFolder
    /// Runs lessons (or reuses their cached runs).
    public let runner: LessonRunner
    /// The title on every page, unless `lessons/course.json` gives one.
    public var courseTitle = "LossLab"
    /// Where KaTeX is copied from when a page has math: `$LOSSLAB_KATEX_DIR`, or Debian's
    /// `/usr/share/javascript/katex` (package `libjs-katex`).
    public var katexFolder = KaTeXFiles.folder()

    /// A builder for `course` that runs lessons with `runner`.
    public init(course: CourseFolder, runner: LessonRunner) {
        self.course = course
        self.runner = runner
    }

    /// What a build produced.
    public struct Summary: Sendable {
        /// The site folder.
        public let folder: URL
        /// Chapter pages written.
        public let lessonCount: Int
        /// Exercise pages written.
        public let exerciseCount: Int
        /// Paths of chapters with a failing or uncompilable cell.
        public let failedLessons: [String]
    }

    /// Writes the site into `output`, reporting each step through `progress`.
    public func build(into output: URL, progress: (String) -> Void = { _ in }) throws -> Summary {
        var builder = self
        if let title = try course.manifest()?.title, !title.isEmpty { builder.courseTitle = title }
        return try builder.write(into: output, progress: progress)
    }

    private func write(into output: URL, progress: (String) -> Void) throws -> Summary {
        let theme = try Theme.load(for: course.url)
        let lessons = try course.lessons()
        let exercises = try ExerciseCatalog(folder: course.exercisesFolder).exercises()
        let runs = try runAll(lessons, progress: progress)

        progress("Writing \(lessons.count + exercises.count + 1) pages to \(output.path)")
        try SiteFiles.prepare(output)
        try theme.copyAssets(into: output)
        let navigation = SiteNavigation(
            chapters: zip(lessons, runs).map { lesson, run in
                .init(title: lesson.title, href: LessonPage.fileName(for: lesson), number: lesson.number, failed: !run.succeeded)
            },
            exercises: exercises.map { .init(title: $0.title, href: ExercisePage.fileName(for: $0)) })
        var search = SearchIndex()
        var needsMath = false
        // Highlighting parses each listing with swift-syntax; unchanged listings are remembered.
        let highlighting = TextMemo<String>(
            file: course.cacheFolder.appendingPathComponent("site-highlighting.json"),
            version: "highlighting|" + LossLabLibrary.toolIdentity)
        let highlight: (String) -> String = { code in highlighting.value(for: code, compute: SwiftHighlighter.html) }
        defer { highlighting.save() }

        for (lesson, run) in zip(lessons, runs) {
            let page = LessonPage(lesson: lesson, run: run, course: course, highlight: highlight)
            try page.copyImages(into: output)
            let (context, outline) = page.render()
            let href = LessonPage.fileName(for: lesson)
            try write(theme, "lesson", context, title: lesson.title, href: href, root: "", outline: outline, navigation, to: output)
            search.add(page: lesson.title, url: href, outline: outline)
            needsMath = needsMath || outline.hasMath
        }
        for exercise in exercises {
            let (context, outline) = try ExercisePage(exercise: exercise, course: course, highlight: highlight).render()
            let href = ExercisePage.fileName(for: exercise)
            try write(theme, "exercise", context, title: exercise.title, href: href, root: "../", outline: outline, navigation, to: output)
            search.add(page: exercise.title, url: href, outline: outline)
            needsMath = needsMath || outline.hasMath
        }
        let index: [String: Any] = [
            "courseTitle": courseTitle,
            "chapters": navigation.chapters.map { ["title": $0.title, "href": $0.href, "failed": $0.failed] },
            "exercises": zip(exercises, navigation.exercises).map { ["title": $1.title, "slug": $0.slug, "href": $1.href] },
        ]
        try write(theme, "index", index, title: "Contents", href: "index.html", root: "", outline: PageOutline(), navigation, to: output)
        try SiteFiles.write(try search.script(), to: output.appendingPathComponent(SearchIndex.fileName))
        if needsMath {
            progress("Copying KaTeX for the math")
            try KaTeXFiles.copy(into: output, from: katexFolder)
        }
        let failed = zip(lessons, runs).filter { !$1.succeeded }.map { $0.0.path }
        return Summary(folder: output, lessonCount: lessons.count, exerciseCount: exercises.count, failedLessons: failed)
    }

    /// Runs every chapter (or takes its run from the cache), one progress line each.
    private func runAll(_ lessons: [Lesson], progress: (String) -> Void) throws -> [LessonRun] {
        try lessons.enumerated().map { position, lesson in
            let run = try runner.run(lesson)
            let how = run.fromCache
                ? "outputs from the cache"
                : "ran in \(String(format: "%.1f", run.compileSeconds + run.runSeconds)) s"
            let failure = run.succeeded ? "" : run.compileFailed ? " (does not compile)" : " (a cell failed)"
            progress("[\(position + 1)/\(lessons.count)] \(lesson.path): \(how)\(failure)")
            return run
        }
    }

    /// Renders one page in the layout and writes it to `href` in the site.
    private func write(
        _ theme: Theme, _ template: String, _ context: [String: Any], title: String, href: String, root: String,
        outline: PageOutline, _ navigation: SiteNavigation, to output: URL
    ) throws {
        let layout = Layout.context(
            title: title, courseTitle: courseTitle, root: root,
            navigation: navigation.context(for: href, headings: outline.headings), hasMath: outline.hasMath)
        let html = try theme.page(template, context, layout: layout)
        try SiteFiles.write(html, to: output.appendingPathComponent(href))
    }
}
