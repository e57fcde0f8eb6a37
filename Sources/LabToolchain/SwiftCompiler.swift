import Foundation
import Synchronization

/// One message from the Swift compiler, at a place in a source file.
public struct CompilerDiagnostic: Equatable, Sendable, Codable {
    /// How serious the message is.
    public enum Severity: String, Sendable, Codable {
        case error, warning, note, remark
    }

    /// The file the message is about, as the compiler wrote it.
    public let file: String
    /// 1-based line in `file`.
    public let line: Int
    /// 1-based column in `file`.
    public let column: Int
    /// Error, warning, note or remark.
    public let severity: Severity
    /// The compiler's message.
    public let message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int, column: Int, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `file:line:column: severity: message`, the form editors and terminals link.
    public var formatted: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }

    /// Reads every `file:line:column: severity: message` line of compiler output.
    public static func parse(_ output: String) -> [CompilerDiagnostic] {
        output.split(separator: "\n").compactMap(parseLine)
    }

    static func parseLine(_ line: Substring) -> CompilerDiagnostic? {
        for severity in [Severity.error, .warning, .note, .remark] {
            guard let marker = line.range(of: ": \(severity.rawValue): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":")
            guard location.count >= 3,
                let lineNumber = Int(location[location.count - 2]),
                let column = Int(location[location.count - 1])
            else { continue }
            let file = location[..<(location.count - 2)].joined(separator: ":")
            return CompilerDiagnostic(
                file: file, line: lineNumber, column: column, severity: severity,
                message: String(line[marker.upperBound...]))
        }
        return nil
    }
}

/// The outcome of compiling a program.
public enum CompileOutcome: Sendable {
    /// The executable was written; warnings may have been reported.
    case compiled(executable: URL, diagnostics: [CompilerDiagnostic])
    /// Compilation failed; `diagnostics` holds at least one error, `output` the full text.
    case failed(diagnostics: [CompilerDiagnostic], output: String)
}

/// Compiles Swift source files into an executable linked against the built LossLab.
public struct SwiftCompiler: Sendable {
    /// The `swiftc` executable.
    public let swiftc: URL
    /// The library the programs link.
    public let library: LossLabLibrary

    /// Uses `swiftc` from `SWIFTC` or the `PATH`.
    public init(library: LossLabLibrary, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if let explicit = environment["SWIFTC"], !explicit.isEmpty {
            swiftc = URL(fileURLWithPath: explicit)
        } else if let found = ChildProcess.findOnPath("swiftc", environment: environment) {
            swiftc = found
        } else {
            throw ToolchainError("Could not find `swiftc` on the PATH. Install the Swift toolchain (or set SWIFTC to its path), then try again.")
        }
        self.library = library
    }

    /// The folder of the Swift runtime libraries programs load (`…/usr/lib/swift/linux`), found
    /// next to `swiftc`.
    public var runtimeLibraryFolder: URL? {
        let toolchain = swiftc.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        let folder = toolchain.appendingPathComponent("lib/swift/linux")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }

    /// A tool that ships next to `swiftc` (for example `llvm-nm` or `swift-demangle`), if present.
    public func toolchainProgram(_ name: String) -> URL? {
        let candidate = swiftc.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(name)
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    /// The `--version` text of each compiler this process has asked, by path: every lesson's
    /// cache key needs it, and asking `swiftc` once per lesson made a warm `course build` of a
    /// many-chapter course slow.
    private static let versionTexts = Mutex<[String: String]>([:])

    /// The compiler's `--version` text, part of every cache key (asked once per process).
    public func versionText() throws -> String {
        if let known = Self.versionTexts.withLock({ $0[swiftc.path] }) { return known }
        let result = try ChildProcess.run(swiftc, arguments: ["--version"], timeLimit: 60)
        guard result.ending.succeeded else {
            throw ToolchainError("`\(swiftc.path) --version` failed: \(result.output). Check the Swift installation.")
        }
        Self.versionTexts.withLock { $0[swiftc.path] = result.output }
        return result.output
    }

    /// Type-checks `sources` without producing a program; returns the diagnostics.
    public func typeCheck(sources: [URL], workingDirectory: URL, moduleCache: URL, languageMode: String = "6") throws
        -> [CompilerDiagnostic]
    {
        var arguments = ["-typecheck", "-swift-version", languageMode, "-diagnostic-style", "llvm"]
        arguments += ["-module-cache-path", moduleCache.path]
        arguments += library.compilerArguments.filter { !$0.hasPrefix("-l") }
        arguments += sources.map(\.path)
        let result = try ChildProcess.run(swiftc, arguments: arguments, workingDirectory: workingDirectory, timeLimit: 300)
        return CompilerDiagnostic.parse(result.output)
    }

    /// Compiles one library file into a module of its own (`NAME.swiftmodule` and `NAME.o` in
    /// `folder`), with `-enable-testing` so that tests can reach its internal declarations.
    ///
    /// - Parameters:
    ///   - timeLimit: wall-clock seconds before the compiler is stopped.
    ///   - memoryLimitBytes: the compiler's address space, when capped.
    ///   - extraArguments: more `swiftc` arguments (for example frontend limits).
    public func compileModule(
        source: URL, moduleName: String, into folder: URL, workingDirectory: URL, moduleCache: URL,
        timeLimit: Double = 300, memoryLimitBytes: Int? = nil, extraArguments: [String] = []
    ) throws -> (object: URL?, diagnostics: [CompilerDiagnostic], output: String, ending: ProcessEnding) {
        let object = folder.appendingPathComponent("\(moduleName).o")
        var arguments = [
            "-c", "-parse-as-library", "-enable-testing", "-swift-version", "6", "-Onone", "-diagnostic-style", "llvm",
            "-module-name", moduleName, "-emit-module", "-emit-module-path",
            folder.appendingPathComponent("\(moduleName).swiftmodule").path,
        ]
        arguments += ["-module-cache-path", moduleCache.path]
        arguments += library.compilerArguments.filter { !$0.hasPrefix("-l") }
        arguments += extraArguments
        arguments += [source.path, "-o", object.path]
        let result = try ChildProcess.run(
            swiftc, arguments: arguments, workingDirectory: workingDirectory, timeLimit: timeLimit,
            memoryLimitBytes: memoryLimitBytes)
        return (result.ending.succeeded ? object : nil, CompilerDiagnostic.parse(result.output), result.output, result.ending)
    }

    /// Compiles `sources` into `executable`.
    ///
    /// - Parameters:
    ///   - workingDirectory: where the compiler runs; relative paths in `#sourceLocation`
    ///     directives and in diagnostics are relative to it.
    ///   - moduleCache: a folder for Clang's module cache.
    ///   - extraArguments: more `swiftc` arguments (object files, `-I` folders).
    ///   - languageMode: the Swift language mode (`"6"`, or `"5"` for lesson cells, see ``LessonRunner``).
    public func compile(
        sources: [URL], to executable: URL, moduleName: String, workingDirectory: URL, moduleCache: URL,
        extraArguments: [String] = [], languageMode: String = "6", timeLimit: Double = 300
    ) throws -> CompileOutcome {
        var arguments = ["-swift-version", languageMode, "-Onone", "-diagnostic-style", "llvm", "-module-name", moduleName]
        arguments += extraArguments
        arguments += ["-module-cache-path", moduleCache.path]
        arguments += library.compilerArguments
        arguments += sources.map(\.path)
        // Written under a temporary name and renamed once complete, so an interrupted build
        // never leaves a program that a later run would take for finished.
        let partial = executable.deletingLastPathComponent()
            .appendingPathComponent(".\(executable.lastPathComponent).partial")
        arguments += ["-o", partial.path]
        let result = try ChildProcess.run(
            swiftc, arguments: arguments, workingDirectory: workingDirectory, timeLimit: timeLimit)
        let diagnostics = CompilerDiagnostic.parse(result.output)
        if result.ending.succeeded {
            try? FileManager.default.removeItem(at: executable)
            do {
                try FileManager.default.moveItem(at: partial, to: executable)
            } catch {
                throw ToolchainError("Could not move the compiled program to \(executable.path): \(error.localizedDescription).")
            }
            return .compiled(executable: executable, diagnostics: diagnostics)
        }
        try? FileManager.default.removeItem(at: partial)
        if case .timedOut(let seconds) = result.ending {
            throw ToolchainError("The Swift compiler did not finish within \(Int(seconds)) seconds and was stopped. Simplify the code (very long expressions slow type checking) and try again.")
        }
        return .failed(diagnostics: diagnostics, output: result.output)
    }
}
