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
        let failed = zip(lessons, runs).filter { !$1.succeeded }.map { $0.0.path }
        let pages = CoursePages(
            course: course, theme: theme, courseTitle: courseTitle,
            navigation: CoursePages.navigation(lessons: lessons, failedChapters: Set(failed), exercises: exercises))
        defer { pages.saveHighlighting() }
        var search = SearchIndex()
        var needsMath = false
        for (lesson, run) in zip(lessons, runs) {
            try LessonPage(lesson: lesson, run: run, course: course).copyImages(into: output)
            let page = try pages.lesson(lesson, run: run)
            let href = LessonPage.fileName(for: lesson)
            try SiteFiles.write(page.html, to: output.appendingPathComponent(href))
            search.add(page: lesson.title, url: href, outline: page.outline)
            needsMath = needsMath || page.outline.hasMath
        }
        for exercise in exercises {
            let page = try pages.exercise(exercise)
            let href = ExercisePage.fileName(for: exercise)
            try SiteFiles.write(page.html, to: output.appendingPathComponent(href))
            search.add(page: exercise.title, url: href, outline: page.outline)
            needsMath = needsMath || page.outline.hasMath
        }
        try SiteFiles.write(try pages.index(exercises: exercises), to: output.appendingPathComponent("index.html"))
        try SiteFiles.write(try search.script(), to: output.appendingPathComponent(SearchIndex.fileName))
        if needsMath {
            progress("Copying KaTeX for the math")
            try KaTeXFiles.copy(into: output, from: katexFolder)
        }
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
}
