import Foundation
import LabToolchain

/// Resource limits for one test process.
public struct SandboxLimits: Sendable, Equatable, Codable {
    /// Wall-clock seconds before the process is killed.
    public var wallSeconds: Double = 10
    /// Seconds of CPU time (`RLIMIT_CPU`).
    public var cpuSeconds: Int = 20
    /// Address space in bytes (`RLIMIT_AS`).
    public var memoryBytes: Int = 4 << 30
    /// Processes the test may run at once, itself included (`RLIMIT_NPROC`).
    public var processes: Int = 64
    /// Largest file the test may write, in bytes (`RLIMIT_FSIZE`).
    public var fileSizeBytes: Int = 64 << 20

    /// The defaults: 10 s wall time, 20 s CPU, 4 GiB, 64 processes, 64 MiB files.
    public init() {}
}

/// Where and how learner code runs: always in a child process with resource limits (`prlimit`),
/// and, where the system allows it, in its own user, network and mount namespaces (`unshare`):
/// no network, every file read-only except a scratch folder, and the exercise folders (with
/// solutions and hidden tests) replaced by an empty folder. When the grader runs as root, the
/// child first becomes `nobody` (`setpriv`), because the kernel does not apply the process limit
/// to root.
public struct Sandbox: Sendable {
    /// Whether namespaces are used.
    public let isolated: Bool
    /// Whether the child drops to the `nobody` user.
    public let dropsToNobody: Bool

    /// A one-line description for reports.
    public var summary: String {
        isolated
            ? "sandbox: no network, read-only files except a scratch folder, exercises hidden, resource limits"
            : "sandbox: resource limits only (this system does not allow unprivileged namespaces)"
    }

    /// Probes the system once: can this process make namespaces, and is it root?
    public static let detected: Sandbox = {
        let root = getuid() == 0
        let setpriv = ChildProcess.findOnPath("setpriv")
        let unshare = ChildProcess.findOnPath("unshare")
        guard let unshare, !root || setpriv != nil else { return Sandbox(isolated: false, dropsToNobody: root && setpriv != nil) }
        var probe = root && setpriv != nil ? [setpriv?.path ?? ""] + nobodyArguments : []
        probe += [unshare.path] + namespaceArguments + ["/bin/true"]
        let works = (try? ChildProcess.run(
            URL(fileURLWithPath: probe[0]), arguments: Array(probe.dropFirst()), timeLimit: 10))?.ending.succeeded ?? false
        return Sandbox(isolated: works, dropsToNobody: root && setpriv != nil)
    }()

    static let nobodyArguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"]
    /// A new PID namespace makes the test its init process: when it is killed, the kernel kills
    /// every process it started (fork bombs included); `--kill-child` ties it to the grader.
    static let namespaceArguments = [
        "--user", "--map-root-user", "--net", "--mount", "--pid", "--fork", "--kill-child", "--",
    ]

    /// The program and arguments that run `executable arguments` inside the sandbox, with
    /// `scratch` as its working, writable folder and `hidden` folders emptied.
    func command(
        _ executable: URL, arguments: [String], scratch: URL, hidden: [URL], limits: SandboxLimits
    ) -> (URL, [String]) {
        let prlimit = ChildProcess.findOnPath("prlimit")?.path ?? "prlimit"
        let limitArguments = [
            "--nproc=\(limits.processes)", "--as=\(limits.memoryBytes)", "--cpu=\(limits.cpuSeconds)",
            "--fsize=\(limits.fileSizeBytes)", "--core=0",
        ]
        var script = "set -e\n"
        if isolated {
            // The scratch folder becomes a mount of its own, so it stays writable when / turns read-only.
            script += "mount --bind \(quoted(scratch.path)) \(quoted(scratch.path))\n"
            script += "mount --bind / / 2>/dev/null || true\n"
            script += "mount -o remount,bind,ro / 2>/dev/null || true\n"
            let paths = hidden.map { $0.standardizedFileURL.path }
            // A folder inside another hidden folder is hidden with it (and no longer exists to mount on).
            let outermost = Set(paths).filter { path in !paths.contains { path != $0 && path.hasPrefix($0 + "/") } }
            for folder in outermost.sorted().map(URL.init(fileURLWithPath:))
            where FileManager.default.fileExists(atPath: folder.path) {
                script += "mount -t tmpfs -o size=64k,mode=0555 none \(quoted(folder.path))\n"
            }
        }
        script += "cd \(quoted(scratch.path))\n"
        // The shell stays as the namespace's first process (which ignores signals it sends
        // itself); the test runs as its child, and a death by signal N comes back as 128 + N.
        script += "set +e\n"
        script += "\(quoted(prlimit)) \(limitArguments.joined(separator: " ")) -- \"$@\"\n"
        script += "exit $?\n"
        var command: [String] = []
        if dropsToNobody, let setpriv = ChildProcess.findOnPath("setpriv") { command += [setpriv.path] + Self.nobodyArguments }
        if isolated, let unshare = ChildProcess.findOnPath("unshare") { command += [unshare.path] + Self.namespaceArguments }
        command += ["/bin/sh", "-c", script, "sandbox", executable.path] + arguments
        return (URL(fileURLWithPath: command[0]), Array(command.dropFirst()))
    }

    func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
