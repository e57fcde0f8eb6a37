import Foundation
import Notebook

/// The terminal view of lesson runs: cell headers and outputs as they stream in, a replay of a
/// cached run, and the closing summary with errors at their place in the lesson file.
public struct LessonReport: Sendable {
    /// The lesson that runs.
    public let lesson: Lesson

    /// A report for `lesson`.
    public init(lesson: Lesson) {
        self.lesson = lesson
    }

    /// The line that introduces a cell: its number, where it is, and its options.
    public func header(for index: Int) -> String {
        guard let cell = lesson.cells.first(where: { $0.index == index }) else { return "── cell \(index) ──\n" }
        var notes: [String] = []
        if cell.options.hidden { notes.append("hidden") }
        if !cell.options.runs { notes.append("no-run: shown, not run") }
        if cell.options.expectation == .traps { notes.append("should trap") }
        if cell.options.expectation == .failsToCompile { notes.append("should not compile") }
        let label = cell.options.id.map { " “\($0)”" } ?? ""
        let suffix = notes.isEmpty ? "" : ", " + notes.joined(separator: ", ")
        return "── cell \(index)\(label) (\(lesson.path):\(cell.fenceLine)\(suffix)) ──\n"
    }

    /// The text for one live event.
    public func text(for event: LiveEvent) -> String {
        switch event {
        case .cellStarted(let index): return header(for: index)
        case .output(_, let line): return line + "\n"
        case .value(let cell, let text): return "Out[\(cell)]: \(text)\n"
        case .image(_, let path): return "  [image] \(path)\n"
        }
    }

    /// Every cell's outputs, as a live run would have printed them (for runs from the cache,
    /// and for cells that were not part of the running program).
    public func replay(_ run: LessonRun, onlyCellsOutsideTheProgram: Bool = false) -> String {
        var text = ""
        for result in run.cells {
            guard let cell = lesson.cells.first(where: { $0.index == result.index }) else { continue }
            let outside = !cell.options.runs || cell.options.expectation == .failsToCompile
            if onlyCellsOutsideTheProgram && !outside { continue }
            if result.status == .notRun && !outside { continue }
            text += header(for: result.index)
            text += result.output
            if let value = result.value { text += "Out[\(result.index)]: \(value)\n" }
            for image in result.images { text += "  [image] \(image)\n" }
        }
        return text
    }

    /// The closing lines: compiler messages, failed cells, and a one-line summary.
    public func summary(_ run: LessonRun) -> String {
        var text = ""
        for diagnostic in run.diagnostics where diagnostic.severity != .note {
            let cell = lesson.cells.first { $0.codeLines.contains(diagnostic.line) && diagnostic.file == lesson.path }
            text += diagnostic.formatted + (cell.map { " (cell \($0.index))" } ?? "") + "\n"
        }
        if run.compileFailed {
            return text + "✘ The cells did not compile; fix the error above in \(lesson.path) and run the lesson again.\n"
        }
        for result in run.cells {
            guard case .failed(let message) = result.status else { continue }
            let line = lesson.cells.first { $0.index == result.index }.map { ":\($0.fenceLine)" } ?? ""
            text += "✘ cell \(result.index) (\(lesson.path)\(line)): \(message)\n"
        }
        let notRun = run.cells.filter { $0.status == .notRun }.map { String($0.index) }
        if !notRun.isEmpty { text += "  not run because an earlier cell failed: cells \(notRun.joined(separator: ", "))\n" }
        if run.fromCache {
            text += "  (from the cache: the cells, their data files and LossLab are unchanged since the last run; --force re-runs)\n"
        } else if let reason = firstReason(run) {
            text += "  ran because \(reason)\n"
        }
        if run.succeeded {
            let timing = run.fromCache ? "" : " in \(seconds(run.runSeconds))" + (run.compileSeconds > 0 ? " (compiled in \(seconds(run.compileSeconds)))" : "")
            text += "✔ \(run.cells.count) cells of \(lesson.path) ran\(timing).\n"
        } else if let failed = run.failedCell {
            text += "✘ Cell \(failed.index) of \(lesson.path) failed.\n"
        }
        return text
    }

    /// The line that says a lesson file is not a chapter of the course.
    public var draftNote: String {
        "  a draft: \(lesson.path) is not listed in lessons/course.json, so it runs on its own, with no prerequisites\n"
    }

    /// One line for a run taken from the cache (what `lesson run --all` prints for an unchanged
    /// chapter): how it went, and where to see its outputs.
    public func oneLineSummary(_ run: LessonRun) -> String {
        let chapter = lesson.number.map(String.init) ?? lesson.slug
        if run.succeeded {
            return "✔ \(run.cells.count) cells of \(lesson.path) unchanged since their last run (from the cache; `lesson run \(chapter)` shows them)\n"
        }
        let problem = run.compileFailed ? "did not compile" : "cell \(run.failedCell?.index ?? 0) failed"
        return "✘ \(lesson.path) \(problem) in its last run, and is unchanged since (`lesson run \(chapter)` shows why)\n"
    }

    /// The reason of the first cell that re-ran for a reason other than rebuilding state.
    func firstReason(_ run: LessonRun) -> String? {
        for cell in lesson.cells {
            guard let reason = run.rerunReasons[cell.index] else { continue }
            if reason.hasPrefix("unchanged") { continue }
            return reason == "--force" ? "--force was given" : "cell \(cell.index): \(reason)"
        }
        return nil
    }

    func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
}
