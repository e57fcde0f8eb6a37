import Foundation

/// The temporary folders of one check: `build/` for the compiled program (readable by the
/// sandboxed tests), and `scratch/`, the tests' working folder, the only place they may write,
/// holding copies of the exercise's data files.
struct GradingFolder {
    let root: URL
    var build: URL { root.appendingPathComponent("build") }
    var scratch: URL { root.appendingPathComponent("scratch") }
    /// Clang's module cache, shared by checks.
    var moduleCache: URL { FileManager.default.temporaryDirectory.appendingPathComponent("losslab-module-cache") }

    init(exercise: Exercise) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("losslab-check-\(exercise.slug)-\(UUID().uuidString)")
        let files = FileManager.default
        do {
            try files.createDirectory(at: build, withIntermediateDirectories: true)
            try files.createDirectory(at: scratch, withIntermediateDirectories: true)
            // Tests may run as `nobody`: they must read the program and write in scratch/.
            try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
            try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: build.path)
            try files.setAttributes([.posixPermissions: 0o777], ofItemAtPath: scratch.path)
            for name in try files.contentsOfDirectory(atPath: exercise.folder.path)
            where !name.hasSuffix(".swift") && name != "exercise.json" && name != "README.md" && !name.hasPrefix(".")
                && !Exercise.instructorFiles.contains(name) {
                let destination = scratch.appendingPathComponent(name)
                try files.copyItem(at: exercise.folder.appendingPathComponent(name), to: destination)
                try files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: destination.path)
            }
        } catch {
            throw GraderError("Could not prepare a temporary folder for the check at \(root.path): \(error.localizedDescription).")
        }
    }

    func makeReadableByTests(_ executable: URL) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable.path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
