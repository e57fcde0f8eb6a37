import LabToolchain

/// What happened to one cell when its lesson ran.
public struct CellResult: Sendable, Equatable, Codable {
    /// How the cell ended.
    public enum Status: Sendable, Equatable, Codable {
        /// The cell ran to its end, or failed exactly as its options said it should.
        case succeeded
        /// The cell trapped, crashed, ran out of time or did not fail as expected; `message` says how.
        case failed(message: String)
        /// An earlier cell failed (or the program did not compile), so this one never ran.
        case notRun
        /// The cell is marked `no-run`.
        case skipped
    }

    /// The cell's 1-based index in its lesson.
    public let index: Int
    /// How the cell ended.
    public var status: Status
    /// Everything the cell printed, standard output and standard error together.
    public var output: String
    /// The value of the cell's last expression, when it ended with one (like Jupyter's `Out[n]`).
    public var value: String?
    /// Images the cell displayed, as paths relative to the course folder.
    public var images: [String]

    /// A result with no output yet.
    public init(index: Int, status: Status, output: String = "", value: String? = nil, images: [String] = []) {
        self.index = index
        self.status = status
        self.output = output
        self.value = value
        self.images = images
    }
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
    /// One cache key per cell, covering its source, every cell before it, the LossLab build,
    /// the toolchain and the data files the cells name.
    public var cellKeys: [String] = []
    /// Whether this record was read from the cache instead of running the cells.
    public var fromCache = false
    /// For cells that ran: why they did not come from the cache, by cell index.
    public var rerunReasons: [Int: String] = [:]
    /// Whether the program ran to its end or stopped by itself (not stopped by a time limit);
    /// only such runs are saved in the cache.
    public var completed = true

    /// A record of a run with these results (a lesson that never ran has none).
    public init(
        lessonPath: String, cells: [CellResult], diagnostics: [CompilerDiagnostic], compileSeconds: Double,
        runSeconds: Double
    ) {
        self.lessonPath = lessonPath
        self.cells = cells
        self.diagnostics = diagnostics
        self.compileSeconds = compileSeconds
        self.runSeconds = runSeconds
    }

    /// Whether the program compiled and every cell ran to its end (or was skipped).
    public var succeeded: Bool {
        !compileFailed && cells.allSatisfy { $0.status == .succeeded || $0.status == .skipped }
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
