import Foundation
import Grader
import Notebook

/// Builds the static course site: an index, a page per chapter with its cells' outputs and
/// figures, and a page per exercise. The pages link to each other with relative paths, so the
/// site opens from disk without a server.
public struct CourseBuilder {
    /// The course to build.
    public let course: CourseFolder
    /// Runs lessons (or reuses their cached runs).
    public let runner: LessonRunner
    /// The title on every page.
    public var courseTitle = "LossLab"

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
        let theme = try Theme.load(for: course.url)
        let lessons = try course.lessons()
        let exercises = try ExerciseCatalog(folder: course.exercisesFolder).exercises()
        try SiteFiles.prepare(output)
        try SiteFiles.copy(theme.stylesheet, to: output.appendingPathComponent("style.css"))

        var failed: [String] = []
        var chapters: [[String: Any]] = []
        for (position, lesson) in lessons.enumerated() {
            progress("[\(position + 1)/\(lessons.count)] \(lesson.path)")
            let run = try runner.run(lesson)
            progress(run.fromCache ? "    outputs from the cache" : "    ran in \(String(format: "%.1f", run.compileSeconds + run.runSeconds)) s")
            if !run.succeeded { failed.append(lesson.path) }
            let page = LessonPage(lesson: lesson, run: run, course: course)
            try page.copyImages(into: output)
            let neighbours = Neighbours(lessons: lessons, position: position)
            let html = try theme.page(
                "lesson", page.context(),
                layout: layoutContext(title: lesson.title, root: "", navigation: neighbours.context))
            try SiteFiles.write(html, to: output.appendingPathComponent(LessonPage.fileName(for: lesson)))
            chapters.append(["title": lesson.title, "href": LessonPage.fileName(for: lesson), "failed": !run.succeeded])
        }
        for exercise in exercises {
            progress("exercise \(exercise.slug)")
            let html = try theme.page(
                "exercise", try ExercisePage(exercise: exercise, course: course).context(),
                layout: layoutContext(title: exercise.title, root: "../", navigation: nil))
            try SiteFiles.write(html, to: output.appendingPathComponent(ExercisePage.fileName(for: exercise)))
        }
        let exerciseLinks: [[String: Any]] = exercises.map {
            ["title": $0.title, "slug": $0.slug, "href": ExercisePage.fileName(for: $0)]
        }
        let index = try theme.page(
            "index", ["courseTitle": courseTitle, "chapters": chapters, "exercises": exerciseLinks],
            layout: layoutContext(title: "Contents", root: "", navigation: nil))
        try SiteFiles.write(index, to: output.appendingPathComponent("index.html"))
        return Summary(folder: output, lessonCount: lessons.count, exerciseCount: exercises.count, failedLessons: failed)
    }

    func layoutContext(title: String, root: String, navigation: [String: Any]?) -> [String: Any] {
        var context: [String: Any] = ["pageTitle": title, "courseTitle": courseTitle, "root": root]
        if let navigation, !navigation.isEmpty {
            context.merge(navigation) { _, new in new }
            context["hasNavigation"] = true
        }
        return context
    }
}

/// The chapters before and after one chapter, for the previous/next links.
struct Neighbours {
    let lessons: [Lesson]
    let position: Int

    var context: [String: Any] {
        var context: [String: Any] = [:]
        if position > 0 {
            let previous = lessons[position - 1]
            context["previous"] = ["title": previous.title, "href": LessonPage.fileName(for: previous)]
        }
        if position + 1 < lessons.count {
            let next = lessons[position + 1]
            context["next"] = ["title": next.title, "href": LessonPage.fileName(for: next)]
        }
        return context
    }
}
