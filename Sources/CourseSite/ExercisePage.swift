import Foundation
import Grader
import Notebook

/// The template context of one exercise page: the task, the starter code, the hints folded
/// away one by one, and how to check a solution.
struct ExercisePage {
    let exercise: Exercise
    let course: CourseFolder

    /// The page's path in the site.
    static func fileName(for exercise: Exercise) -> String { "exercises/\(exercise.slug).html" }

    /// The page's context, and its outline (headings, sections, math) gathered on the way.
    func render() throws -> (context: [String: Any], outline: PageOutline) {
        let starter: String
        do {
            starter = try String(contentsOf: exercise.starterFile, encoding: .utf8)
        } catch {
            throw SiteError("Could not read \(exercise.starterFile.path): \(error.localizedDescription).")
        }
        var outline = PageOutline(reserved: Layout.reservedAnchors)
        let task = outline.prose(exercise.task)
        var context: [String: Any] = ["slug": exercise.slug, "taskHTML": task]
        context["starterHeading"] = headingContext(outline.heading(level: 2, text: "Starter code"))
        outline.code(starter)
        let hints = exercise.manifest.hints ?? []
        if !hints.isEmpty {
            context["hintsHeading"] = headingContext(outline.heading(level: 2, text: "Hints"))
            context["hints"] = hints.enumerated().map { position, hint in
                ["number": position + 1, "html": outline.prose(hint)] as [String: Any]
            }
        }
        context["checkHeading"] = headingContext(outline.heading(level: 2, text: "Checking your solution"))
        outline.code("exercise check \(exercise.slug)")
        context["starterHTML"] = SwiftHighlighter.html(starter)
        context["workingCopy"] = "my-exercises/\(exercise.slug).swift"
        return (context, outline)
    }

    private func headingContext(_ heading: PageOutline.Heading) -> [String: Any] {
        ["title": heading.text, "anchor": heading.anchor]
    }
}
