import Foundation

/// A chapter of the course: Markdown prose with runnable Swift cells, parsed once into values.
public struct Lesson: Sendable, Equatable, Codable {
    /// The file, relative to the course folder (for example `lessons/01-loss-functions.md`).
    public let path: String
    /// The file name without its extension (for example `01-loss-functions`).
    public let slug: String
    /// The chapter number taken from the file name's leading digits.
    public let number: Int?
    /// The text of the first level-1 heading, or the slug when there is none.
    public let title: String
    /// The prose and cells, in the order they appear.
    public let blocks: [LessonBlock]
    /// The whole Markdown source.
    public let source: String

    /// The cells in order.
    public var cells: [Cell] {
        blocks.compactMap { block in
            if case .cell(let cell) = block { return cell }
            return nil
        }
    }
}

/// A piece of a lesson: prose to read, or a cell to run.
public enum LessonBlock: Sendable, Equatable, Codable {
    /// Markdown text, starting at `line` of the lesson file.
    case prose(markdown: String, line: Int)
    /// A Swift cell.
    case cell(Cell)
}

/// A fenced ```swift block of a lesson.
public struct Cell: Sendable, Equatable, Codable {
    /// 1-based position among the lesson's cells.
    public let index: Int
    /// The Swift source of the cell.
    public let code: String
    /// The line of the lesson file that holds the cell's first line of code.
    public let firstCodeLine: Int
    /// The line of the opening fence.
    public let fenceLine: Int
    /// The line of the closing fence (or the last line, when the fence is never closed).
    public let endLine: Int
    /// What the fence's info string says about the cell (`hide`, `should-trap`, ...).
    public let options: CellOptions

    /// The time limit of this cell in seconds.
    public var timeLimit: Double { options.timeLimit ?? CellOptions.defaultTimeLimit }

    /// The lines of the lesson file the code occupies.
    public var codeLines: ClosedRange<Int> {
        let lineCount = max(1, code.split(separator: "\n", omittingEmptySubsequences: false).count - 1)
        return firstCodeLine...(firstCodeLine + lineCount - 1)
    }
}
