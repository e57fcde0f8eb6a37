import Foundation
import Grader
import Notebook

/// The template context of one exercise page.
struct ExercisePage {
    let exercise: Exercise
    let course: CourseFolder

    /// The page's path in the site.
    static func fileName(for exercise: Exercise) -> String { "exercises/\(exercise.slug).html" }

    func context() throws -> [String: Any] {
        let starter: String
        do {
            starter = try String(contentsOf: exercise.starterFile, encoding: .utf8)
        } catch {
            throw SiteError("Could not read \(exercise.starterFile.path): \(error.localizedDescription).")
        }
        return [
            "slug": exercise.slug,
            "taskHTML": Markdown.html(exercise.task),
            "starter": starter,
            "starterPath": "exercises/\(exercise.slug)/Starter.swift",
        ]
    }
}
