import Foundation
import LabToolchain

/// Compiles an exercise's checks (`Checks.swift`, `HiddenChecks.swift`) into a program of their
/// own, which never links learner code, and keeps it: the program depends only on the check
/// files, the library and the compiler, so every submission of the exercise reuses it.
///
/// Kept in `<course>/.exercise-work/checks/`, next to the exercises, where learner code (which
/// only ever runs in the sandbox) cannot reach.
struct ChecksProgramBuild {
    let compiler: SwiftCompiler

    /// The compiled checks program of `exercise`, compiling it when the cache has none. One
    /// compile at a time per program, across threads (`exercise grade` checks several submissions
    /// of one exercise at once) and processes (``FolderLock``); a waiting one finds it ready.
    func program(for exercise: Exercise) throws -> URL {
        let folder = try cacheFolder(for: exercise)
        let program = folder.appendingPathComponent("checks")
        if FileManager.default.isExecutableFile(atPath: program.path) { return program }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw GraderError("Could not create the folder for the compiled checks, \(folder.path): \(error.localizedDescription).")
        }
        let lock = try FolderLock(folder: folder)
        defer { withExtendedLifetime(lock) {} }
        if FileManager.default.isExecutableFile(atPath: program.path) { return program }
        return try compile(exercise, into: folder, program: program)
    }

    /// The cache folder for `exercise`'s checks, named by a hash of what the program depends on.
    func cacheFolder(for exercise: Exercise) throws -> URL {
        let sources = [exercise.checksFile] + (exercise.hiddenChecksFile.map { [$0] } ?? [])
        var parts = [try compiler.versionText(), compiler.library.identity, LossLabLibrary.toolIdentity]
        for source in sources {
            do {
                parts += [source.lastPathComponent, try String(contentsOf: source, encoding: .utf8)]
            } catch {
                throw GraderError("Could not read \(source.path): \(error.localizedDescription).")
            }
        }
        let course = exercise.folder.deletingLastPathComponent().deletingLastPathComponent()
        return course.appendingPathComponent(".exercise-work/checks/\(exercise.slug)-\(contentHash(parts))")
    }

    /// Compiles the checks into a program of a unique name, then renames it to `program`, so a
    /// compile that stops halfway never leaves a half-written program in its place.
    func compile(_ exercise: Exercise, into folder: URL, program: URL) throws -> URL {
        let sources = [exercise.checksFile] + (exercise.hiddenChecksFile.map { [$0] } ?? [])
        // Top-level code must be in a file called main.swift; each compile gets its own.
        let mainFolder = folder.appendingPathComponent("main-\(UUID().uuidString)")
        let main = mainFolder.appendingPathComponent("main.swift")
        let hidden = exercise.hiddenChecksFile != nil ? ", hiddenChecks: hiddenChecks" : ""
        do {
            try FileManager.default.createDirectory(at: mainFolder, withIntermediateDirectories: true)
            try "import ExerciseTesting\nChecksProgram.main(checks: checks\(hidden))\n".write(to: main, atomically: true, encoding: .utf8)
        } catch {
            throw GraderError("Could not write the checks program's main file in \(folder.path): \(error.localizedDescription).")
        }
        defer { try? FileManager.default.removeItem(at: mainFolder) }
        let unique = mainFolder.appendingPathComponent("checks")
        let outcome = try compiler.compile(
            sources: sources + [main], to: unique, moduleName: "ExerciseChecks", workingDirectory: exercise.folder,
            moduleCache: FileManager.default.temporaryDirectory.appendingPathComponent("losslab-module-cache"))
        if case .failed(let diagnostics, let output) = outcome {
            let errors = diagnostics.filter { $0.severity == .error }.map(\.formatted).joined(separator: "\n")
            throw GraderError("The checks of the exercise \(exercise.slug) do not compile; fix Checks.swift (this is the exercise's fault, not the submission's):\n\(errors.isEmpty ? output : errors)")
        }
        guard rename(unique.path, program.path) == 0 else {
            throw GraderError("Could not put the compiled checks in place at \(program.path) (errno \(errno)).")
        }
        return program
    }
}
