import Foundation
import Notebook

/// The terminal report of a lesson run: each cell's output in order, its images, and errors at
/// their place in the lesson file.
public struct LessonReport {
    /// The lesson that ran.
    public let lesson: Lesson
    /// What happened.
    public let run: LessonRun

    /// Creates the report of `run`.
    public init(lesson: Lesson, run: LessonRun) {
        self.lesson = lesson
        self.run = run
    }

    /// The report as text, ending with a newline.
    public var text: String {
        var text = ""
        if run.compileSeconds > 0 {
            text += "  compiled in \(seconds(run.compileSeconds))\n"
        }
        for diagnostic in run.diagnostics where diagnostic.severity != .note {
            let cell = lesson.cells.first { $0.codeLines.contains(diagnostic.line) && diagnostic.file == lesson.path }
            text += diagnostic.formatted + (cell.map { " (cell \($0.index))" } ?? "") + "\n"
        }
        if run.compileFailed {
            text += "✘ The cells did not compile; fix the error above in \(lesson.path) and run the lesson again.\n"
            return text
        }
        for cell in run.cells {
            let line = lesson.cells.first { $0.index == cell.index }.map { ":\($0.fenceLine)" } ?? ""
            text += "── cell \(cell.index) (\(lesson.path)\(line)) ──\n"
            text += cell.output
            if !cell.output.isEmpty, !cell.output.hasSuffix("\n") { text += "\n" }
            for image in cell.images { text += "  [image] \(image)\n" }
            switch cell.status {
            case .succeeded: break
            case .failed(let message): text += "✘ \(message)\n"
            case .notRun: text += "  (not run: an earlier cell failed)\n"
            }
        }
        if run.succeeded {
            text += "✔ \(run.cells.count) cells ran in \(seconds(run.runSeconds)).\n"
        } else if let failed = run.failedCell {
            text += "✘ Cell \(failed.index) of \(lesson.path) failed; later cells did not run.\n"
        }
        return text
    }

    func seconds(_ value: Double) -> String { String(format: "%.1f s", value) }
}
