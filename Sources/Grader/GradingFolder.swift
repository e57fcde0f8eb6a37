import Foundation

/// The temporary folder of one check, removed when the check ends: `build/` for the compiled
/// submission and probe program, `scratch/` (the working folder when there is no sandbox), and
/// the request and answer files of each probe run.
///
/// The folder has a random name and lets other users pass through but not list it; only the
/// probe program inside is readable by them (the sandbox may run as `nobody`).
struct GradingFolder {
    let root: URL
    var build: URL { root.appendingPathComponent("build") }
    var scratch: URL { root.appendingPathComponent("scratch") }
    var request: URL { root.appendingPathComponent("request") }
    var answers: URL { root.appendingPathComponent("answers") }
    var filter: URL { root.appendingPathComponent("syscall-filter.bpf") }
    var started: URL { root.appendingPathComponent("sandbox-started") }
    /// Clang's module cache, shared by checks.
    var moduleCache: URL { FileManager.default.temporaryDirectory.appendingPathComponent("losslab-module-cache") }

    init(exercise: Exercise) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("losslab-check-\(UUID().uuidString)")
        let files = FileManager.default
        do {
            try files.createDirectory(at: build, withIntermediateDirectories: true)
            try files.createDirectory(at: scratch, withIntermediateDirectories: true)
            try files.setAttributes([.posixPermissions: 0o711], ofItemAtPath: root.path)
            try files.setAttributes([.posixPermissions: 0o711], ofItemAtPath: build.path)
            try files.setAttributes([.posixPermissions: 0o777], ofItemAtPath: scratch.path)
        } catch {
            throw GraderError("Could not prepare a temporary folder for the check at \(root.path): \(error.localizedDescription).")
        }
    }

    /// Lets the sandbox (an unprivileged user when grading as root) run the compiled program.
    func makeRunnable(_ executable: URL) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable.path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
