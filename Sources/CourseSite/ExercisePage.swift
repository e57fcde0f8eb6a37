import Foundation
import Grader
import Notebook

/// The template context of one exercise page: the task, the starter code, the hints folded
/// away one by one, and how to check a solution.
struct ExercisePage {
    let exercise: Exercise
    let course: CourseFolder
    /// Turns Swift code into highlighted HTML.
    var highlight: (String) -> String = SwiftHighlighter.html

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
        let (taskMarkdown, taskHints) = Self.separatingHints(from: exercise.task)
        let task = outline.prose(taskMarkdown)
        var context: [String: Any] = ["slug": exercise.slug, "taskHTML": task]
        context["starterHeading"] = headingContext(outline.heading(level: 2, text: "Starter code"))
        outline.code(starter)
        let hints = (exercise.manifest.hints ?? []) + taskHints
        if !hints.isEmpty {
            context["hintsHeading"] = headingContext(outline.heading(level: 2, text: "Hints"))
            context["hints"] = hints.enumerated().map { position, hint in
                ["number": position + 1, "html": outline.prose(hint)] as [String: Any]
            }
        }
        context["checkHeading"] = headingContext(outline.heading(level: 2, text: "Checking your solution"))
        outline.code("exercise check \(exercise.slug)")
        context["starterHTML"] = highlight(starter)
        context["workingCopy"] = "my-exercises/\(exercise.slug).swift"
        return (context, outline)
    }

    /// The task without its `## Hints` section, and that section's list items (or its whole
    /// text when it has no list): the page shows them folded, with the manifest's hints.
    static func separatingHints(from task: String) -> (task: String, hints: [String]) {
        let lines = task.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "## hints" })
        else { return (task, []) }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("# ") || $0.hasPrefix("## ") } ?? lines.endIndex
        var hints: [String] = []
        var loose: [String] = []
        for line in lines[(start + 1)..<end] {
            if line.hasPrefix("- ") || line.hasPrefix("* ") {
                hints.append(String(line.dropFirst(2)))
            } else if let last = hints.indices.last, line.hasPrefix("  ") {
                hints[last] += "\n" + line.trimmingCharacters(in: .whitespaces)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                loose.append(line)
            }
        }
        if hints.isEmpty && !loose.isEmpty { hints = [loose.joined(separator: "\n")] }
        let remaining = Array(lines[..<start]) + Array(lines[end...])
        return (remaining.joined(separator: "\n"), hints)
    }

    private func headingContext(_ heading: PageOutline.Heading) -> [String: Any] {
        ["title": heading.text, "anchor": heading.anchor]
    }
}
