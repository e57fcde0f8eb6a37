import LabRuntime
import LabToolchain

/// Splits the output of a cell program into per-cell results, at its event lines.
enum OutputSplitter {
    /// The cell results for `output`, given how the program ended.
    ///
    /// - Parameters:
    ///   - imageFolder: the folder images were written to, relative to the course folder.
    ///   - failure: why the program stopped early, or `nil` when it exited normally.
    static func split(output: String, cellCount: Int, imageFolder: String, failure: String?) -> [CellResult] {
        var results = (1...max(cellCount, 1)).prefix(cellCount).map {
            CellResult(index: $0, status: .notRun, output: "", images: [])
        }
        var current: Int?  // array index of the running cell
        var finished = false
        var preamble = ""
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).dropLastIfEmpty() {
            if let event = RuntimeEvent(line: line) {
                switch event {
                case .cellStarted(let index) where index >= 1 && index <= cellCount:
                    if let current { results[current].status = .succeeded }
                    current = index - 1
                    results[index - 1].output = preamble
                    preamble = ""
                case .imageWritten(let path):
                    if let current { results[current].images.append(imageFolder + "/" + path) }
                case .programFinished:
                    if let current { results[current].status = .succeeded }
                    finished = true
                default:
                    break
                }
            } else if let current {
                results[current].output += line + "\n"
            } else {
                preamble += line + "\n"
            }
        }
        if !finished, let current {
            results[current].status = .failed(message: failure ?? "The program stopped before this cell ended.")
            results[current].output = removingStackTrace(results[current].output)
        }
        return results
    }
}

extension Array where Element == Substring {
    /// Drops the empty string that follows a final newline.
    fileprivate func dropLastIfEmpty() -> ArraySlice<Substring> {
        last == "" ? dropLast() : self[...]
    }
}
