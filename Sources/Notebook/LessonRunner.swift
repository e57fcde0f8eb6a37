import Foundation
import LabRuntime
import LabToolchain
import Synchronization

/// Something that happens while a lesson runs, reported as it happens.
public enum LiveEvent: Sendable, Equatable {
    /// A cell started.
    case cellStarted(index: Int)
    /// A cell printed a line.
    case output(cell: Int, line: String)
    /// A cell ended with an expression whose value is `text`.
    case value(cell: Int, text: String)
    /// A cell displayed an image; `path` is relative to the course folder.
    case image(cell: Int, path: String)
}

/// Runs lessons: compiles all cells of a lesson into one program (reusing the compiled program
/// while the cells and the library are unchanged), runs it in a child process with time
/// limits, and keeps the run in the cache so an unchanged lesson is not run again.
public struct LessonRunner: Sendable {
    /// The course whose lessons run.
    public let course: CourseFolder
    /// The compiler and the LossLab library the programs link.
    public let compiler: SwiftCompiler
    /// Seconds a whole lesson may run before it is stopped.
    public var timeLimit: Double = 600
    /// Re-run even when the cache holds a run of exactly these cells.
    public var force = false
    /// Where compiled programs and runs are kept, one folder per lesson slug: the course's
    /// `.lesson-cache` unless a caller keeps its runs apart (the live course keeps the learner's
    /// edited chapters in a folder of their own, so `lesson run` and `course build` never see them).
    public var cacheFolder: URL

    /// Cells compile in Swift 5 language mode: in Swift 6 mode the top-level variables of a
    /// program are isolated to the main actor, so a function defined in one cell could not use a
    /// non-Sendable value made in an earlier cell — everyday notebook code. The library itself is
    /// Swift 6.
    static let cellLanguageMode = "5"

    /// A runner for `course` using `compiler`.
    public init(course: CourseFolder, compiler: SwiftCompiler) {
        self.course = course
        self.compiler = compiler
        cacheFolder = course.cacheFolder
    }

    /// A runner for `course` that finds the built library and `swiftc` by itself.
    public init(course: CourseFolder) throws {
        self.init(course: course, compiler: try SwiftCompiler(library: try LossLabLibrary.locate()))
    }

    /// The cache of `lesson`: `.lesson-cache/<slug>/` for a file of `lessons/`, and
    /// `.lesson-cache/drafts/<slug>-<hash of its path>/` for a file elsewhere, so that a draft
    /// copy of a chapter never replaces the chapter's cached run.
    func cache(for lesson: Lesson) -> RunCache {
        if lesson.path == "lessons/\(lesson.slug).md" {
            return RunCache(folder: cacheFolder.appendingPathComponent(lesson.slug))
        }
        let key = String(contentHash([lesson.path]).prefix(12))
        return RunCache(folder: cacheFolder.appendingPathComponent("drafts/\(lesson.slug)-\(key)"))
    }

    /// The cache keys of `lesson`'s cells with this build of LossLab and this compiler.
    func cellKeys(for lesson: Lesson, analyses: TextMemo<CellAnalysis>? = nil) throws -> CellKeys {
        // Finding the string literals parses every cell; remembering the analyses keeps a warm
        // `course build` or `lesson run` fast.
        let memo = analyses ?? CellAnalysis.memo(in: cache(for: lesson).folder)
        let keys = CellKeys(
            lesson: lesson,
            base: contentHash([compiler.library.identity, try compiler.versionText(), LossLabLibrary.toolIdentity]),
            courseFolder: course.url, analyses: memo)
        memo.save()
        return keys
    }

    /// The cache key of each of `lesson`'s cells, in order: equal keys mean the cell and every
    /// cell before it, their data files, the library and the compiler are unchanged.
    public func cellKeys(of lesson: Lesson) throws -> [String] {
        try cellKeys(for: lesson).keys
    }

    /// The saved run of exactly this version of `lesson`, if there is one.
    public func cachedRun(of lesson: Lesson) throws -> LessonRun? {
        guard var run = cache(for: lesson).lastRun(), run.completed, run.cellKeys == (try cellKeys(for: lesson)).keys
        else {
            return nil
        }
        run.fromCache = true
        run.rerunReasons = [:]
        return run
    }

    /// The last saved run of any version of `lesson` (for listings).
    public func lastSavedRun(of lesson: Lesson) -> LessonRun? {
        cache(for: lesson).lastRun()
    }

    /// Runs `lesson`, or returns its cached run when its cells, data and library are unchanged
    /// (and ``force`` is off). `observer` hears cells start and print while they run.
    /// `stopRequest` is asked about ten times a second while the cells run; a reason it returns
    /// stops the program, fails the running cell with that reason, and keeps the run out of the cache.
    public func run(
        _ lesson: Lesson, observer: (@Sendable (LiveEvent) -> Void)? = nil,
        stopRequest: (@Sendable () -> String?)? = nil
    ) throws -> LessonRun {
        let cache = cache(for: lesson)
        let analyses = CellAnalysis.memo(in: cache.folder)
        let keys = try cellKeys(for: lesson, analyses: analyses)
        if !force, var cached = cache.lastRun(), cached.completed, cached.cellKeys == keys.keys {
            cached.fromCache = true
            cached.rerunReasons = [:]
            return cached
        }
        try createFolder(cache.folder)
        // One run of a chapter writes its cache folder at a time; a run that waited may find the
        // other one's result ready.
        let lock = try FolderLock(folder: cache.folder)
        defer { withExtendedLifetime(lock) {} }
        let previous = cache.lastRun()
        if !force, var cached = previous, cached.completed, cached.cellKeys == keys.keys {
            cached.fromCache = true
            cached.rerunReasons = [:]
            return cached
        }
        cache.forgetRun()
        let program = CellProgram(lesson: lesson, analyses: analyses)
        analyses.save()
        let programKey = contentHash([program.source, keys.base])
        let executable = cache.program(key: programKey)
        var compileSeconds = 0.0
        var diagnostics: [CompilerDiagnostic] = []
        let started = Date()
        if !FileManager.default.isExecutableFile(atPath: executable.path) {
            let sourceFile = cache.folder.appendingPathComponent("main.swift")
            try write(program.source, to: sourceFile)
            let outcome = try compiler.compile(
                sources: [sourceFile], to: executable, moduleName: "LessonCells", workingDirectory: course.url,
                moduleCache: moduleCache, languageMode: Self.cellLanguageMode)
            switch outcome {
            case .compiled(_, let messages):
                diagnostics = messages.map { program.corrected(relativeToCourse($0)) }
                cache.removePrograms(except: executable)
            case .failed(let messages, let output):
                diagnostics = messages.map { program.corrected(relativeToCourse($0)) }
                guard diagnostics.contains(where: { $0.severity == .error }) else {
                    throw NotebookError("The Swift compiler failed on \(lesson.path) without saying where:\n\(output)")
                }
                let cells = lesson.cells.map { CellResult(index: $0.index, status: $0.options.runs ? .notRun : .skipped) }
                var run = LessonRun(
                    lessonPath: lesson.path, cells: cells, diagnostics: diagnostics,
                    compileSeconds: Date().timeIntervalSince(started), runSeconds: 0)
                run.cellKeys = keys.keys
                run.rerunReasons = keys.reasons(comparedWith: previous, lesson: lesson, forced: force)
                cache.save(run)
                return run
            }
        }
        let compileFailures = try checkCompileFailures(in: lesson)
        compileSeconds = Date().timeIntervalSince(started)
        var run = try execute(executable, lesson: lesson, cache: cache, observer: observer, stopRequest: stopRequest)
        for (index, result) in compileFailures { run.cells[index - 1] = result }
        run.diagnostics = diagnostics
        run.compileSeconds = compileSeconds
        run.cellKeys = keys.keys
        run.rerunReasons = keys.reasons(comparedWith: previous, lesson: lesson, forced: force)
        cache.save(run)
        return run
    }

    /// Checks that every `compile-fail` cell fails to compile after the cells before it; the
    /// compiler's errors become the cell's output.
    func checkCompileFailures(in lesson: Lesson) throws -> [Int: CellResult] {
        var results: [Int: CellResult] = [:]
        for cell in lesson.cells where cell.options.runs && cell.options.expectation == .failsToCompile {
            let probe = cache(for: lesson).folder.appendingPathComponent("compile-fail-\(cell.index).swift")
            try write(CellProgram.compileFailureProbe(for: cell, in: lesson), to: probe)
            let diagnostics = try compiler.typeCheck(
                sources: [probe], workingDirectory: course.url, moduleCache: moduleCache, languageMode: Self.cellLanguageMode)
                .map { relativeToCourse($0) }
            let inCell = diagnostics.filter {
                $0.severity == .error && $0.file == lesson.path && cell.codeLines.contains($0.line)
            }
            if inCell.isEmpty {
                results[cell.index] = CellResult(
                    index: cell.index,
                    status: .failed(message: "This cell is marked compile-fail, but it compiled without an error."))
            } else {
                let text = inCell.map { RedefinitionRenamer.restoreNames(in: $0.formatted) }.joined(separator: "\n")
                results[cell.index] = CellResult(index: cell.index, status: .succeeded, output: text + "\n")
            }
        }
        return results
    }

    /// Runs a compiled cell program, streaming its output, and splits what it printed by cell.
    func execute(
        _ executable: URL, lesson: Lesson, cache: RunCache, observer: (@Sendable (LiveEvent) -> Void)?,
        stopRequest: (@Sendable () -> String?)? = nil
    ) throws -> LessonRun
    {
        try? FileManager.default.removeItem(at: cache.imageFolder)
        try createFolder(cache.imageFolder)
        var environment = ProcessInfo.processInfo.environment
        environment[ProgramSession.outputFolderVariable] = cache.imageFolder.path
        environment["SWIFT_BACKTRACE"] = "enable=no"
        // Sets and dictionaries print in the same order on every run.
        environment["SWIFT_DETERMINISTIC_HASHING"] = "1"
        // Tensors allocate large temporary buffers; by default glibc maps and unmaps each one, and
        // the page faults cost more than the arithmetic (5× on some losses, see BENCHMARKS.md).
        environment["MALLOC_MMAP_THRESHOLD_"] = environment["MALLOC_MMAP_THRESHOLD_"] ?? "4294967296"
        environment["MALLOC_TRIM_THRESHOLD_"] = environment["MALLOC_TRIM_THRESHOLD_"] ?? "4294967296"
        let relativeImages = Lesson.relativePath(of: cache.imageFolder, inside: course.url)
        let tracker = CellTracker(
            limits: Dictionary(uniqueKeysWithValues: lesson.cells.map { ($0.index, $0.timeLimit) }),
            imageFolder: relativeImages)
        let result = try ChildProcess.run(
            executable, workingDirectory: course.url, environment: environment, timeLimit: timeLimit,
            onLine: { line in tracker.receive(line, observer: observer) },
            watchdog: { tracker.overdueCell() ?? stopRequest?() })
        let failure: String?
        switch result.ending {
        case .exited(status: 0): failure = nil
        case .exited(let status): failure = "The program exited with status \(status) during this cell."
        case .signaled(let signal): failure = "This cell crashed (signal \(signal)); its output above shows the message."
        case .timedOut(let seconds):
            failure = "The lesson did not finish within \(Int(seconds)) seconds (the lesson's time limit); it was stopped during this cell."
        case .stopped(let reason): failure = reason
        }
        var cells = OutputSplitter.split(
            output: result.output, cells: lesson.cells, imageFolder: relativeImages, failure: failure)
        if result.truncatedBytes > 0, let last = cells.lastIndex(where: { $0.status != .notRun && $0.status != .skipped }) {
            cells[last].output += "[output truncated: the program wrote \(result.truncatedBytes) more bytes]\n"
        }
        var run = LessonRun(
            lessonPath: lesson.path, cells: cells, diagnostics: [], compileSeconds: 0, runSeconds: result.duration)
        switch result.ending {
        case .timedOut, .stopped: run.completed = false
        default: break
        }
        return run
    }

    var moduleCache: URL { course.cacheFolder.appendingPathComponent("module-cache") }

    /// Diagnostics name files relative to the course folder, as the lesson paths are.
    func relativeToCourse(_ diagnostic: CompilerDiagnostic) -> CompilerDiagnostic {
        // The compiler runs in the course folder, so a relative path already is relative to it.
        let file = diagnostic.file.hasPrefix("/")
            ? Lesson.relativePath(of: URL(fileURLWithPath: diagnostic.file), inside: course.url) : diagnostic.file
        return CompilerDiagnostic(
            file: file, line: diagnostic.line, column: diagnostic.column,
            severity: diagnostic.severity, message: diagnostic.message)
    }

    func createFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw NotebookError("Could not create the folder \(folder.path): \(error.localizedDescription). Check that the course folder is writable.")
        }
    }

    func write(_ text: String, to file: URL) throws {
        do {
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            throw NotebookError("Could not write \(file.path): \(error.localizedDescription). Check that the course folder is writable.")
        }
    }
}

/// Follows which cell is running while the program's output streams in, forwards it to an
/// observer, and says when the running cell is past its time limit.
final class CellTracker: Sendable {
    private struct State {
        var cell: Int?
        var started = Date()
        var printedBytes = 0
        var inStackTrace = false
    }

    private let state = Mutex(State())
    private let limits: [Int: Double]
    private let imageFolder: String

    init(limits: [Int: Double], imageFolder: String) {
        self.limits = limits
        self.imageFolder = imageFolder
    }

    func receive(_ line: Substring, observer: (@Sendable (LiveEvent) -> Void)?) {
        if let event = RuntimeEvent(line: line) {
            let cell = state.withLock { $0.cell }
            switch event {
            case .cellStarted(let index):
                state.withLock { $0 = State(cell: index, started: Date()) }
                observer?(.cellStarted(index: index))
            case .value(let text):
                if let cell { observer?(.value(cell: cell, text: text)) }
            case .imageWritten(let path):
                if let cell { observer?(.image(cell: cell, path: imageFolder + "/" + path)) }
            default:
                break
            }
            return
        }
        let (cell, before, isTrace) = state.withLock { state -> (Int?, Int, Bool) in
            // The runtime's stack trace after a trap names no lesson line; it is left out.
            if line == "Current stack trace:" {
                state.inStackTrace = true
            } else if state.inStackTrace, !(line.first?.isNumber == true && line.contains(" 0x")) {
                state.inStackTrace = false
            }
            defer { if !state.inStackTrace { state.printedBytes += line.utf8.count + 1 } }
            return (state.cell, state.printedBytes, state.inStackTrace)
        }
        guard let cell, let observer, !isTrace else { return }
        if before < OutputSplitter.cellOutputLimit {
            observer(.output(cell: cell, line: String(line)))
        } else if before - OutputSplitter.cellOutputLimit < line.utf8.count + 1 {
            observer(.output(cell: cell, line: "[output truncated: the rest of this cell's output is not shown]"))
        }
    }

    func overdueCell() -> String? {
        state.withLock { state in
            guard let cell = state.cell, let limit = limits[cell] else { return nil }
            guard Date().timeIntervalSince(state.started) > limit else { return nil }
            let duration = limit == 1 ? "1 second" : "\(limit.formatted()) seconds"
            return "Cell \(cell) did not finish within \(duration) (its time limit; set timeout=SECONDS on the cell's fence to change it) and was stopped."
        }
    }
}
