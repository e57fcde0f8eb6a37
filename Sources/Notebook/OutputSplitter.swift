import LabRuntime
import LabToolchain

/// Splits the output of a cell program into per-cell results, at its event lines.
enum OutputSplitter {
    /// The most output kept for one cell; the rest is replaced by a note.
    static let cellOutputLimit = 64 * 1024

    /// The cell results for `output`.
    ///
    /// - Parameters:
    ///   - cells: the lesson's cells; those the program does not run are given as `skipped`.
    ///   - imageFolder: the folder images were written to, relative to the course folder.
    ///   - failure: why the program stopped early, or `nil` when it exited normally.
    static func split(output: String, cells: [Cell], imageFolder: String, failure: String?) -> [CellResult] {
        var results = cells.map { cell in
            CellResult(index: cell.index, status: cell.options.runs ? .notRun : .skipped)
        }
        let positions = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1.index, $0) })
        var current: Int?  // position of the running cell
        var finished = false
        var preamble = ""
        var trapVerdict: [Int: Bool] = [:]
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).dropLastIfEmpty() {
            guard let event = RuntimeEvent(line: line) else {
                if let current {
                    results[current].output += line + "\n"
                } else {
                    preamble += line + "\n"
                }
                continue
            }
            switch event {
            case .cellStarted(let index):
                guard let position = positions[index] else { continue }
                if let current { results[current].status = .succeeded }
                current = position
                results[position].output = preamble
                preamble = ""
            case .imageWritten(let path):
                if let current { results[current].images.append(imageFolder + "/" + path) }
            case .value(let text):
                if let current { results[current].value = text }
            case .expectedTrapHappened:
                if let current { trapVerdict[current] = true }
            case .expectedTrapMissing:
                if let current { trapVerdict[current] = false }
            case .programFinished:
                if let current { results[current].status = .succeeded }
                current = nil
                finished = true
            }
        }
        if !finished, let current {
            results[current].status = .failed(message: failure ?? "The program stopped before this cell ended.")
            results[current].output = removingStackTrace(results[current].output)
        }
        for (position, trapped) in trapVerdict where !trapped && results[position].status == .succeeded {
            results[position].status = .failed(
                message: "This cell is marked should-trap, but it finished without trapping.")
        }
        for position in results.indices {
            results[position].output = truncated(removingStackTrace(results[position].output))
        }
        return results
    }

    /// `text` cut to ``cellOutputLimit`` bytes, with a note saying how much was left out.
    static func truncated(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.count > cellOutputLimit else { return text }
        let kept = String(decoding: bytes.prefix(cellOutputLimit), as: UTF8.self)
        let keptLines = kept.split(separator: "\n", omittingEmptySubsequences: false).dropLast().joined(separator: "\n")
        return keptLines + "\n[output truncated: \(bytes.count - keptLines.utf8.count) more bytes not shown]\n"
    }
}

extension Array where Element == Substring {
    /// Drops the empty string that follows a final newline.
    fileprivate func dropLastIfEmpty() -> ArraySlice<Substring> {
        last == "" ? dropLast() : self[...]
    }
}
