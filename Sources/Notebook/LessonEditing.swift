import Foundation

extension Lesson {
    /// The lesson with the code of some cells replaced, parsed again from the edited Markdown so
    /// that every line number is right; `path` names the file the edited lesson will live in.
    ///
    /// - Parameter code: the new code of each edited cell, by cell index.
    /// - Throws: ``NotebookError`` naming the cell when its index does not exist, when a line of
    ///   the new code would close the cell's fence, or when the edited file would not parse back
    ///   into the same cells with exactly this code (nothing is written in that case).
    public func replacingCode(_ code: [Int: String], path newPath: String) throws -> Lesson {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // From the last cell to the first, so that earlier cells' line numbers stay valid.
        for (index, newCode) in code.sorted(by: { $0.key > $1.key }) {
            guard let cell = cells.first(where: { $0.index == index }) else {
                throw NotebookError("\(path) has no cell \(index) (it has \(cells.count)); reload the page to see the chapter as it is now.")
            }
            let fence = Fence(line: lines[cell.fenceLine - 1])
            let newLines = Self.codeLines(newCode).map { fence.indentation + $0 }
            if let closing = newLines.firstIndex(where: fence.isClosed(by:)) {
                throw NotebookError("Line \(closing + 1) of cell \(index) (\(path)) starts with \(fence.marker), which would end the cell in the Markdown file; indent it or write it another way.")
            }
            let closed = cell.endLine > cell.fenceLine && fence.isClosed(by: lines[cell.endLine - 1])
            let codeEnd = closed ? cell.endLine - 1 : cell.endLine
            lines.replaceSubrange((cell.firstCodeLine - 1)..<codeEnd, with: newLines + (closed ? [] : [fence.marker]))
        }
        let edited = try Lesson.parse(lines.joined(separator: "\n"), path: newPath)
        let unchanged = Dictionary(uniqueKeysWithValues: cells.map { ($0.index, $0.code) })
        let expected = unchanged.merging(code.mapValues(Self.normalized)) { _, new in new }
        guard edited.cells.count == cells.count,
            edited.cells.allSatisfy({ Self.normalized($0.code) == Self.normalized(expected[$0.index] ?? "") })
        else {
            throw NotebookError("Saving the edited cells would change the structure of \(path) (its cells would not read back as written); nothing was saved. Check the edited cells for unbalanced ``` fences.")
        }
        return edited
    }

    /// The lesson up to and including cell `index`: what a run of "the cells up to this one" needs.
    public func prefix(throughCell index: Int) -> Lesson {
        guard let position = blocks.firstIndex(where: { if case .cell(let cell) = $0 { cell.index == index } else { false } })
        else { return self }
        return Lesson(
            path: path, slug: slug, number: number, title: title, blocks: Array(blocks[...position]), source: source)
    }

    /// The first cell whose code holds `line` of `file` (a compiler message's place), if any.
    public func cell(containingLine line: Int, of file: String) -> Cell? {
        guard file == path else { return nil }
        return cells.first { $0.codeLines.contains(line) }
    }

    /// Code as the Markdown parser gives it back: every line ends with a newline.
    static func normalized(_ code: String) -> String {
        code.isEmpty || code.hasSuffix("\n") ? code : code + "\n"
    }

    /// The lines of a cell's code, without the newline that ends the last one.
    static func codeLines(_ code: String) -> [String] {
        let normalized = normalized(code)
        guard !normalized.isEmpty else { return [] }
        return normalized.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

/// The opening fence of a cell: its indentation and its run of ``` or ~~~.
struct Fence {
    let indentation: String
    let marker: String

    init(line: String) {
        indentation = String(line.prefix { $0 == " " })
        let rest = line.dropFirst(indentation.count)
        let character = rest.first ?? "`"
        marker = String(rest.prefix { $0 == character })
    }

    /// Whether `line` is a closing fence for this opening one (CommonMark: up to three spaces,
    /// at least as many fence characters, then only spaces).
    func isClosed(by line: String) -> Bool {
        let spaces = line.prefix { $0 == " " }.count
        guard spaces <= 3, let character = marker.first else { return false }
        let rest = line.dropFirst(spaces)
        let run = rest.prefix { $0 == character }.count
        return run >= marker.count && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
