import CourseSite
import Foundation
import LabToolchain
import Notebook

/// The JSON the live chapter page reads: cells with their code, the chapter's own code, their
/// results and whether each is stale; compiler messages placed at their cell and line.
enum LessonJSON {
    /// One cell's result as the page shows it (the same texts as the static page).
    static func result(_ result: CellResult, lesson: Lesson, compileFailed: Bool, imageVersion: Int) -> [String: Any] {
        var json: [String: Any] = ["output": result.output, "images": result.images.map { StaticFiles.imageLink($0) + "?v=\(imageVersion)" }]
        if let value = result.value { json["value"] = value }
        switch result.status {
        case .succeeded:
            json["status"] = "succeeded"
        case .failed(let message):
            json["status"] = "failed"
            json["failure"] = CoursePages.failureText(message: message, output: result.output)
            if let line = trapLine(in: result.output + "\n" + message, cell: result.index, lesson: lesson) {
                json["line"] = line
            }
        case .notRun:
            json["status"] = compileFailed ? "notCompiled" : "notRun"
        case .skipped:
            json["status"] = "skipped"
        }
        return json
    }

    /// The line within the cell that a trap message names (`LessonCells/01-x.md:12: Fatal error: …`,
    /// the program's module and the lesson's file name), when it names one of the cell's lines.
    static func trapLine(in text: String, cell index: Int, lesson: Lesson) -> Int? {
        guard let cell = lesson.cells.first(where: { $0.index == index }) else { return nil }
        let name = "/" + URL(fileURLWithPath: lesson.path).lastPathComponent + ":"
        for line in text.split(separator: "\n") {
            guard let start = line.range(of: name) else { continue }
            let number = line[start.upperBound...].prefix { $0.isNumber }
            if let value = Int(number), cell.codeLines.contains(value) { return value - cell.firstCodeLine + 1 }
        }
        return nil
    }

    /// A compiler message placed in its cell: the line and column within the cell, and the
    /// text `lesson run` prints for it.
    static func diagnostic(_ diagnostic: CompilerDiagnostic, lesson: Lesson) -> [String: Any] {
        var json: [String: Any] = [
            "severity": diagnostic.severity.rawValue, "message": diagnostic.message, "column": diagnostic.column,
        ]
        if let cell = lesson.cell(containingLine: diagnostic.line, of: diagnostic.file) {
            json["cell"] = cell.index
            json["line"] = diagnostic.line - cell.firstCodeLine + 1
            json["text"] = diagnostic.formatted + " (cell \(cell.index))"
        } else {
            json["text"] = diagnostic.formatted
        }
        return json
    }

    /// Every cell of `lesson` with its code, the chapter's code, its shown result and staleness.
    static func cells(
        lesson: Lesson, original: Lesson, keys: [String], state: ChapterState, compileFailed: Bool
    ) -> [[String: Any]] {
        let originalCode = Dictionary(uniqueKeysWithValues: original.cells.map { ($0.index, $0.code) })
        return zip(lesson.cells, keys).map { cell, key in
            var json: [String: Any] = [
                "index": cell.index, "code": cell.code, "firstLine": cell.firstCodeLine,
                "hidden": cell.options.hidden, "runs": cell.options.runs,
                "expectation": cell.options.expectation.rawValue,
                "stale": state.isStale(cell, key: key),
            ]
            if let code = originalCode[cell.index] { json["original"] = code }
            if let shown = state.cells[cell.index] {
                json["result"] = result(shown.result, lesson: lesson, compileFailed: compileFailed, imageVersion: state.runCount)
            }
            return json
        }
    }

    /// The line that sums a run up, as `lesson run` ends its report.
    static func summary(_ run: LessonRun, lesson: Lesson, through: Int?) -> String {
        let part = through.map { $0 == 1 ? "cell 1 of \(lesson.path)" : "cells 1–\($0) of \(lesson.path)" }
            ?? "\(lesson.cells.count) cells of \(lesson.path)"
        if run.compileFailed {
            let cells = Set(run.diagnostics.filter { $0.severity == .error }.compactMap { lesson.cell(containingLine: $0.line, of: $0.file)?.index })
            let named = cells.sorted().map(String.init).joined(separator: ", ")
            return "✘ The cells did not compile; fix the error\(cells.count == 1 ? "" : "s") in cell\(cells.count == 1 ? "" : "s") \(named) and run again."
        }
        if let failed = run.failedCell { return "✘ Cell \(failed.index) of \(lesson.path) failed." }
        let timing = String(format: "%.2f s", run.runSeconds) + (run.compileSeconds > 0 ? String(format: " (compiled in %.2f s)", run.compileSeconds) : "")
        return run.fromCache ? "✔ \(part): unchanged, outputs from the cache." : "✔ \(part) ran in \(timing)."
    }

    /// `value` as one line of JSON text.
    static func text(_ value: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
