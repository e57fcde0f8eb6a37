import Foundation

/// Writes a lesson and its run as a Jupyter notebook (nbformat 4.5), so the run opens in
/// Jupyter, VS Code or on GitHub with its outputs and figures.
public enum NotebookExport {
    /// The notebook as JSON data. Prose becomes markdown cells; each Swift cell becomes a code
    /// cell with its printed output (a stream), its value (an execute result), its images
    /// (display data, PNG in base64) and its failure (an error output).
    public static func ipynb(lesson: Lesson, run: LessonRun, courseFolder: URL) throws -> Data {
        let results = Dictionary(uniqueKeysWithValues: run.cells.map { ($0.index, $0) })
        var cells: [[String: Any]] = []
        var proseCount = 0
        for block in lesson.blocks {
            switch block {
            case .prose(let markdown, _):
                proseCount += 1
                cells.append([
                    "cell_type": "markdown", "id": "prose-\(proseCount)", "metadata": [String: Any](),
                    "source": lines(markdown),
                ])
            case .cell(let cell):
                let result = results[cell.index]
                let ran = result.map { $0.status != .notRun && $0.status != .skipped } ?? false
                var outputs: [[String: Any]] = []
                if let result {
                    if !result.output.isEmpty {
                        outputs.append(["output_type": "stream", "name": "stdout", "text": lines(result.output)])
                    }
                    for image in result.images {
                        let file = courseFolder.appendingPathComponent(image)
                        guard let data = try? Data(contentsOf: file) else {
                            throw NotebookError("The image \(image) of cell \(cell.index) is missing; run the lesson again with --force, then export.")
                        }
                        outputs.append([
                            "output_type": "display_data", "metadata": [String: Any](),
                            "data": ["image/png": data.base64EncodedString(), "text/plain": ["<Figure>"]],
                        ])
                    }
                    if let value = result.value {
                        outputs.append([
                            "output_type": "execute_result", "execution_count": cell.index,
                            "metadata": [String: Any](), "data": ["text/plain": lines(value)],
                        ])
                    }
                    if case .failed(let message) = result.status {
                        outputs.append(["output_type": "error", "ename": "CellFailed", "evalue": message, "traceback": [message]])
                    }
                }
                var metadata: [String: Any] = [:]
                if cell.options.hidden { metadata["jupyter"] = ["source_hidden": true] }
                cells.append([
                    "cell_type": "code", "id": cell.options.id ?? "cell-\(cell.index)", "metadata": metadata,
                    "execution_count": ran ? cell.index as Any : NSNull(), "source": lines(cell.code),
                    "outputs": outputs,
                ])
            }
        }
        let notebook: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5,
            "metadata": [
                "kernelspec": ["name": "swift", "display_name": "Swift (LossLab)", "language": "swift"],
                "language_info": ["name": "swift", "file_extension": ".swift", "mimetype": "text/x-swift"],
                "losslab": ["lesson": lesson.path, "title": lesson.title],
            ],
            "cells": cells,
        ]
        return try JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys])
    }

    /// Text as notebook source lines: each line keeps its newline, except the last.
    static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if let last = parts.last {
            parts[parts.count - 1] = String(last.dropLast())
            if parts[parts.count - 1].isEmpty { parts.removeLast() }
        }
        return parts
    }
}
