import Foundation
import LabToolchain
import Notebook

/// What the live page of a chapter shows: the latest result of each cell with the cache key of
/// the code that made it, and the compiler's messages of the latest run. Kept in
/// `.lesson-cache/live/<slug>/shown.json`, so a reload shows the same outputs, and a cell whose
/// key still matches (its code and every cell before it unchanged) needs no run at all.
struct ChapterState: Codable, Equatable {
    /// A cell's result and the key of the code that made it.
    struct Shown: Codable, Equatable {
        let key: String
        var result: CellResult
        /// Whether the result may stand in for a run: it came from a run that was not stopped.
        let reusable: Bool
    }

    /// Results by cell index.
    var cells: [Int: Shown] = [:]
    /// The compiler's messages of the latest run, and the keys of the cells that run compiled.
    var diagnostics: [CompilerDiagnostic] = []
    var diagnosticKeys: [String] = []
    /// Numbers the folders that keep each run's figures.
    var runCount = 0

    /// The first cell among `cells` (with `keys`, in the same order) whose shown result cannot
    /// stand in for running it; `nil` when every one can.
    func firstCellToRun(_ cells: [Cell], keys: [String]) -> Int? {
        for (cell, key) in zip(cells, keys) where cell.options.runs {
            guard let shown = self.cells[cell.index], shown.key == key, shown.reusable else { return cell.index }
        }
        return nil
    }

    /// Whether the shown result of `cell` was made by other code than `key`'s.
    func isStale(_ cell: Cell, key: String) -> Bool {
        guard cell.options.runs else { return false }
        return self.cells[cell.index]?.key != key
    }

    /// Takes in the results of `run` for the cells it ran, whose keys are `keys`.
    mutating func record(_ run: LessonRun, lesson: Lesson, keys: [String]) {
        for (cell, key) in zip(lesson.cells, keys) {
            guard let result = run.cells.first(where: { $0.index == cell.index }) else { continue }
            cells[cell.index] = Shown(key: key, result: result, reusable: run.completed)
        }
        diagnostics = run.diagnostics
        diagnosticKeys = keys
    }

    /// The compiler's messages to show for a lesson whose cells have `keys`: those of the latest
    /// run when it compiled the same code.
    func currentDiagnostics(keys: [String]) -> [CompilerDiagnostic] {
        guard !diagnosticKeys.isEmpty, keys.starts(with: diagnosticKeys) else { return [] }
        return diagnostics
    }
}

/// Reads and writes a chapter's ``ChapterState`` and keeps the figures it shows.
struct ChapterStateStore: Sendable {
    /// `.lesson-cache/live/<slug>/`.
    let folder: URL
    /// The course folder (figure paths are relative to it).
    let course: URL

    var file: URL { folder.appendingPathComponent("shown.json") }

    func load() -> ChapterState? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(ChapterState.self, from: data)
    }

    func save(_ state: ChapterState) {
        guard let data = try? JSONEncoder().encode(state) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? data.write(to: file, options: .atomic)
    }

    /// Copies the figures of `run` into a folder of their own (the next run clears the runner's
    /// image folder) and points the run's results at the copies.
    func keepImages(of run: LessonRun, number: Int) -> LessonRun {
        var kept = run
        let target = folder.appendingPathComponent("shown").appendingPathComponent(String(number))
        try? FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for position in kept.cells.indices {
            kept.cells[position].images = kept.cells[position].images.compactMap { image in
                let source = course.appendingPathComponent(image)
                let copy = target.appendingPathComponent(source.lastPathComponent)
                try? FileManager.default.removeItem(at: copy)
                guard (try? FileManager.default.copyItem(at: source, to: copy)) != nil else { return nil }
                return Lesson.relativePath(of: copy, inside: course)
            }
        }
        return kept
    }

    /// `state` with the figures of its results copied into a folder of its own (for a state
    /// taken from `lesson run`'s cache, whose figures the next `lesson run` replaces).
    func keepingImages(of state: ChapterState) -> ChapterState {
        var kept = state
        let results = state.cells.sorted { $0.key < $1.key }
        let run = LessonRun(lessonPath: "", cells: results.map(\.value.result), diagnostics: [], compileSeconds: 0, runSeconds: 0)
        let copied = keepImages(of: run, number: 0)
        for (position, entry) in results.enumerated() {
            kept.cells[entry.key]?.result.images = copied.cells[position].images
        }
        return kept
    }

    /// Deletes the figure folders no shown result points at any more.
    func removeUnusedImages(_ state: ChapterState) {
        let shown = folder.appendingPathComponent("shown")
        let used = Set(state.cells.values.flatMap(\.result.images).map {
            URL(fileURLWithPath: $0).deletingLastPathComponent().lastPathComponent
        })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: shown.path)) ?? [] where !used.contains(name) {
            try? FileManager.default.removeItem(at: shown.appendingPathComponent(name))
        }
    }
}
