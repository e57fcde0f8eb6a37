import Foundation
import LabToolchain

/// The cache of one lesson in `.lesson-cache/<slug>/`: the compiled program (by program key)
/// and the last complete run (`run.json`, with one key per cell).
struct RunCache {
    /// The lesson's cache folder.
    let folder: URL

    /// The compiled program for a program key.
    func program(key: String) -> URL { folder.appendingPathComponent("program-\(key)") }

    /// Where images of the run being made go, and where `run.json`'s images point.
    var imageFolder: URL { folder.appendingPathComponent("images") }

    var runFile: URL { folder.appendingPathComponent("run.json") }

    /// The last complete run, if one was saved.
    func lastRun() -> LessonRun? {
        guard let data = try? Data(contentsOf: runFile) else { return nil }
        return try? JSONDecoder().decode(LessonRun.self, from: data)
    }

    /// Saves a run. The file is written whole or not at all, so an interrupted save never
    /// leaves a record that a later run would trust; a run stopped by a time limit is saved for
    /// `lesson list` but marked incomplete, and never reused.
    func save(_ run: LessonRun) {
        guard let data = try? JSONEncoder().encode(run) else { return }
        try? data.write(to: runFile, options: .atomic)
    }

    /// Removes the run record (before a run starts, so a crash of the tool leaves none).
    func forgetRun() {
        try? FileManager.default.removeItem(at: runFile)
    }

    /// Deletes compiled programs other than `keeping`.
    func removePrograms(except keeping: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix("program-") && name != keeping.lastPathComponent {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

/// The cache keys of a lesson's cells.
struct CellKeys {
    /// Part of every key: the library build and the compiler version.
    let base: String
    /// One key per cell: its source and options, the key before it, and the data files it names.
    let keys: [String]

    /// The keys of `lesson`'s cells; `analyses` remembers what parsing each cell found (its string
    /// literals among it) between runs.
    init(lesson: Lesson, base: String, courseFolder: URL, analyses: TextMemo<CellAnalysis>? = nil) {
        self.base = base
        var previous = base
        var keys: [String] = []
        for cell in lesson.cells {
            let data = Self.dataFileHashes(for: cell, courseFolder: courseFolder, analyses: analyses)
            previous = contentHash([previous, cell.code, "\(cell.options)"] + data)
            keys.append(previous)
        }
        self.keys = keys
    }

    /// Hashes of the files inside the course that the cell's string literals name.
    static func dataFileHashes(for cell: Cell, courseFolder: URL, analyses: TextMemo<CellAnalysis>? = nil) -> [String] {
        let found = CellAnalysis.of(cell.code, memo: analyses).stringLiterals
        return found.compactMap { literal in
            guard literal.contains("/") || literal.contains("."), literal.count < 512 else { return nil }
            let file = URL(fileURLWithPath: literal, relativeTo: courseFolder.appendingPathComponent("/"))
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue,
                let data = try? Data(contentsOf: file)
            else { return nil }
            return literal + ":" + contentHash([String(decoding: data, as: UTF8.self)])
        }
    }

    /// Why each cell of a new run cannot come from `old`, by cell index.
    func reasons(comparedWith old: LessonRun?, lesson: Lesson, forced: Bool) -> [Int: String] {
        var reasons: [Int: String] = [:]
        let firstChange = keys.indices.first { index in
            guard let old, index < old.cellKeys.count else { return true }
            return old.cellKeys[index] != keys[index]
        }
        for (position, cell) in lesson.cells.enumerated() {
            if forced {
                reasons[cell.index] = "--force"
            } else if old == nil {
                reasons[cell.index] = "no earlier run"
            } else if let firstChange, position < firstChange {
                reasons[cell.index] = "unchanged; re-ran to rebuild the state of later cells"
            } else if position == firstChange {
                reasons[cell.index] = "its source, options or data files changed, or LossLab was rebuilt"
            } else {
                reasons[cell.index] = "an earlier cell changed"
            }
        }
        return reasons
    }
}
