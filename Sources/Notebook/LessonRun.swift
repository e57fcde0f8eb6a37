import LabToolchain

/// What happened to one cell when its lesson ran.
public struct CellResult: Sendable, Equatable, Codable {
    /// How the cell ended.
    public enum Status: Sendable, Equatable, Codable {
        /// The cell ran to its end.
        case succeeded
        /// The cell trapped, crashed or ran out of time; `message` says how.
        case failed(message: String)
        /// An earlier cell failed (or the program did not compile), so this one never ran.
        case notRun
    }

    /// The cell's 1-based index in its lesson.
    public let index: Int
    /// How the cell ended.
    public var status: Status
    /// Everything the cell printed, standard output and standard error together.
    public var output: String
    /// Images the cell displayed, as paths relative to the course folder.
    public var images: [String]
}

/// The record of one run of a lesson: a result per cell, plus compiler messages.
public struct LessonRun: Sendable, Equatable, Codable {
    /// The lesson file, relative to the course folder.
    public let lessonPath: String
    /// One result per cell, in order.
    public var cells: [CellResult]
    /// Compiler errors and warnings, with lesson-file locations.
    public var diagnostics: [CompilerDiagnostic]
    /// Seconds spent compiling (0 when a compiled program was reused).
    public var compileSeconds: Double
    /// Seconds spent running the cells.
    public var runSeconds: Double

    /// Whether the program compiled and every cell ran to its end.
    public var succeeded: Bool {
        !compileFailed && cells.allSatisfy { $0.status == .succeeded }
    }

    /// Whether the compiler rejected the cells.
    public var compileFailed: Bool {
        diagnostics.contains { $0.severity == .error }
    }

    /// The first cell that failed, if any.
    public var failedCell: CellResult? {
        cells.first { if case .failed = $0.status { return true } else { return false } }
    }
}
