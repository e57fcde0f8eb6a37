import Foundation
import LabRuntime
import LabToolchain

/// Runs lessons: compiles all cells of a lesson into one program (reusing the compiled program
/// while the lesson and the library are unchanged) and runs it in a child process.
public struct LessonRunner: Sendable {
    /// The course whose lessons run.
    public let course: CourseFolder
    /// The compiler and the LossLab library the programs link.
    public let compiler: SwiftCompiler
    /// Seconds a whole lesson may run before it is stopped.
    public var timeLimit: Double = 600

    /// A runner for `course` using the LossLab built next to the running executable.
    public init(course: CourseFolder, compiler: SwiftCompiler) {
        self.course = course
        self.compiler = compiler
    }

    /// A runner for `course` that finds the built library and `swiftc` by itself.
    public init(course: CourseFolder) throws {
        self.init(course: course, compiler: try SwiftCompiler(library: try LossLabLibrary.locate()))
    }

    /// The cache folder of one version of a lesson: its program, images and last run.
    func cacheFolder(for lesson: Lesson) -> URL {
        course.cacheFolder.appendingPathComponent(lesson.slug).appendingPathComponent(cacheKey(for: lesson))
    }

    /// The key under which `lesson`'s compiled program and last run are kept: it changes when
    /// the cells, the library or the compiler change.
    public func cacheKey(for lesson: Lesson) -> String {
        contentHash([CellProgram.source(for: lesson), compiler.library.identity, compiler.swiftc.path])
    }

    /// The last run of exactly this version of `lesson`, if one was saved.
    public func cachedRun(of lesson: Lesson) -> LessonRun? {
        let file = cacheFolder(for: lesson).appendingPathComponent("run.json")
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(LessonRun.self, from: data)
    }

    /// The saved run of `lesson` when there is one, otherwise a fresh run.
    public func cachedOrFreshRun(of lesson: Lesson) throws -> (run: LessonRun, fromCache: Bool) {
        if let run = cachedRun(of: lesson) { return (run, true) }
        return (try run(lesson), false)
    }

    /// Compiles (when needed) and runs every cell of `lesson`, and saves the run.
    public func run(_ lesson: Lesson) throws -> LessonRun {
        let folder = cacheFolder(for: lesson)
        let executable = folder.appendingPathComponent("program")
        var compileSeconds = 0.0
        var diagnostics: [CompilerDiagnostic] = []
        try createFolder(folder)

        if !FileManager.default.isExecutableFile(atPath: executable.path) {
            removeOtherVersions(of: lesson, keeping: folder)
            let started = Date()
            let sourceFile = folder.appendingPathComponent("main.swift")
            try write(CellProgram.source(for: lesson), to: sourceFile)
            let outcome = try compiler.compile(
                sources: [sourceFile], to: executable, moduleName: "LessonCells",
                workingDirectory: course.url, moduleCache: course.cacheFolder.appendingPathComponent("module-cache"))
            compileSeconds = Date().timeIntervalSince(started)
            switch outcome {
            case .compiled(_, let messages):
                diagnostics = messages.map { relativeToCourse($0) }
            case .failed(let messages, let output):
                diagnostics = messages.map { relativeToCourse($0) }
                if !diagnostics.contains(where: { $0.severity == .error }) {
                    throw NotebookError("The Swift compiler failed on \(lesson.path) without saying where:\n\(output)")
                }
                let cells = lesson.cells.map { CellResult(index: $0.index, status: .notRun, output: "", images: []) }
                return LessonRun(
                    lessonPath: lesson.path, cells: cells, diagnostics: diagnostics,
                    compileSeconds: compileSeconds, runSeconds: 0)
            }
        }
        let run = try execute(executable, lesson: lesson, diagnostics: diagnostics, compileSeconds: compileSeconds)
        if let data = try? JSONEncoder().encode(run) {
            try? data.write(to: folder.appendingPathComponent("run.json"), options: .atomic)
        }
        return run
    }

    /// Runs a compiled cell program and splits what it printed by cell.
    func execute(_ executable: URL, lesson: Lesson, diagnostics: [CompilerDiagnostic], compileSeconds: Double)
        throws -> LessonRun
    {
        let imageFolder = cacheFolder(for: lesson).appendingPathComponent("images")
        try? FileManager.default.removeItem(at: imageFolder)
        try createFolder(imageFolder)
        var environment = ProcessInfo.processInfo.environment
        environment[ProgramSession.outputFolderVariable] = imageFolder.path
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let result = try ChildProcess.run(
            executable, workingDirectory: course.url, environment: environment, timeLimit: timeLimit)
        let failure: String?
        switch result.ending {
        case .exited(status: 0): failure = nil
        case .exited(let status): failure = "The program exited with status \(status) during this cell."
        case .signaled(let signal): failure = "This cell crashed (signal \(signal)); its output above shows the message."
        case .timedOut(let seconds):
            failure = "The lesson did not finish within \(Int(seconds)) seconds; it was stopped during this cell."
        }
        let relativeImages = Lesson.relativePath(of: imageFolder, inside: course.url)
        let cells = OutputSplitter.split(
            output: result.output, cellCount: lesson.cells.count, imageFolder: relativeImages, failure: failure)
        return LessonRun(
            lessonPath: lesson.path, cells: cells, diagnostics: diagnostics,
            compileSeconds: compileSeconds, runSeconds: result.duration)
    }

    /// Deletes cached programs of earlier versions of `lesson`.
    func removeOtherVersions(of lesson: Lesson, keeping folder: URL) {
        let lessonFolder = folder.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessonFolder.path)) ?? []
        for name in names where name != folder.lastPathComponent {
            try? FileManager.default.removeItem(at: lessonFolder.appendingPathComponent(name))
        }
    }

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
