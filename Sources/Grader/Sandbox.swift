import Foundation
import LabToolchain

/// Resource limits for one sandboxed run of learner code.
public struct SandboxLimits: Sendable, Equatable, Codable {
    /// Wall-clock seconds before the run is killed.
    public var wallSeconds: Double = 10
    /// Seconds of CPU time per process (`RLIMIT_CPU`).
    public var cpuSeconds: Int = 20
    /// Memory for the run as a whole (cgroup) and address space per process (`RLIMIT_AS`), in bytes.
    public var memoryBytes: Int = 4 << 30
    /// Processes and threads the run may have at once (cgroup `pids.max`; `RLIMIT_NPROC` too).
    public var processes: Int = 64
    /// Largest file the run may write, in bytes (`RLIMIT_FSIZE`).
    public var fileSizeBytes: Int = 64 << 20
    /// Size of the writable scratch folder, all files together, in bytes.
    public var scratchBytes: Int = 64 << 20
    /// Size of the private `/tmp` and of the private `/dev/shm`, each, in bytes.
    public var temporaryBytes: Int = 16 << 20

    /// The defaults: 10 s wall time, 20 s CPU, 4 GiB, 64 processes, 64 MiB files and scratch.
    public init() {}
}

/// Where learner code runs: a bubblewrap sandbox (Debian's `bubblewrap`) with a seccomp
/// system-call filter, inside a control group, under resource limits.
///
/// Inside, the program sees only what it needs to run: the system's libraries (`/usr`, without
/// `/usr/local`), the few `/etc` files the dynamic linker and fontconfig read, the Swift
/// runtime, `libLossLab.so` with its resources, and the program itself. No checkout, no `.git`,
/// no exercises, no class folder, no host `/proc`; a private `/tmp`, `/dev/shm` and scratch
/// folder, each a size-capped tmpfs that vanishes with the run; no network; a new PID namespace
/// whose processes all die with it; an empty environment. When the grader runs as root, each
/// run starts as an unprivileged user id of its own (see ``runUserIDs``), so that per-user
/// limits such as the process count cannot be used up by another run, or by anyone else.
///
/// Where bubblewrap is missing or the kernel refuses unprivileged namespaces, learner code runs
/// with resource limits only, and ``summary`` says so in every report.
///
/// The command is a small shell script: it opens the request (standard input), the answer file
/// (descriptor 3), the filter (9) and bubblewrap's start report (8), joins the control group,
/// and execs `prlimit`, `setpriv` and `bwrap` in turn.
public struct Sandbox: Sendable {
    /// How learner code is isolated.
    public enum Isolation: String, Sendable {
        /// bubblewrap namespaces, a seccomp filter and limits.
        case bubblewrap
        /// Resource limits only.
        case limitsOnly
    }

    /// How learner code is isolated on this machine.
    public let isolation: Isolation
    /// Whether each run drops to an unprivileged user id of its own first (when the grader is root).
    public let dropsPrivileges: Bool

    /// A one-line description for reports: the isolation and what capped the run as a whole.
    public var summary: String {
        let group = ResourceGroup.kind
        switch isolation {
        case .bubblewrap:
            return "sandbox: bubblewrap (only the runtime, LossLab and the test program visible; no network; private /tmp, /dev/shm and scratch), seccomp filter, \(group.rawValue) for memory and processes"
        case .limitsOnly:
            return "sandbox: resource limits only (\(group.rawValue)); install bubblewrap for isolation (this system has no usable bwrap)"
        }
    }

    /// Probes the machine once.
    public static let detected: Sandbox = {
        let root = getuid() == 0
        let drops = root && ChildProcess.findOnPath("setpriv") != nil
        guard let bubblewrap = ChildProcess.findOnPath("bwrap") else {
            return Sandbox(isolation: .limitsOnly, dropsPrivileges: drops)
        }
        var probe = drops ? ["setpriv"] + userArguments(Self.runUserIDs.lowerBound) : []
        probe += [bubblewrap.path, "--unshare-all", "--die-with-parent"] + systemMounts() + ["--", "/bin/true"]
        let program = ChildProcess.findOnPath(probe[0]) ?? URL(fileURLWithPath: probe[0])
        let works = (try? ChildProcess.run(program, arguments: Array(probe.dropFirst()), timeLimit: 10))?.ending.succeeded ?? false
        return Sandbox(isolation: works ? .bubblewrap : .limitsOnly, dropsPrivileges: drops)
    }()

    /// The user ids runs take one of, at random: far above the ids of people, system services
    /// and the subordinate ranges container tools hand out, owning no file on the machine.
    static let runUserIDs: Range<UInt32> = 1_900_000_000..<2_000_000_000

    /// `setpriv`'s arguments for running as user and group `id` with no supplementary groups.
    static func userArguments(_ id: UInt32) -> [String] {
        ["--reuid=\(id)", "--regid=\(id)", "--clear-groups", "--"]
    }

    /// What one run needs: its files, program and limits.
    struct Run {
        /// The program to run and its arguments.
        var executable: URL
        var arguments: [String] = []
        /// The file given to the program as standard input.
        var input: URL
        /// The file the program may write as descriptor 3 (the answers).
        var answers: URL
        /// The compiled system-call filter (bubblewrap only).
        var filter: URL?
        /// A file the sandbox writes once it is set up, just before the program starts (and closes
        /// before any learner code runs); empty afterwards means the sandbox failed to start.
        var started: URL? = nil
        /// Where the program works when there is no sandbox (a folder the grader removes).
        var scratchFolder: URL
        /// The library the program links, made visible read-only.
        var library: LossLabLibrary
        /// The Swift runtime's libraries, made visible read-only.
        var runtimeFolder: URL?
        var limits: SandboxLimits
        /// The control group that caps the run as a whole, if any.
        var group: ResourceGroup?
    }

    /// The program and arguments that start `run` in the sandbox.
    func command(for run: Run) -> (URL, [String]) {
        let limits = run.limits
        var script = "exec 0<\(quoted(run.input.path)) 3>\(quoted(run.answers.path))"
        if isolation == .bubblewrap {
            if let filter = run.filter { script += " 9<\(quoted(filter.path))" }
            if let started = run.started { script += " 8>\(quoted(started.path))" }
        }
        script += "\n"
        for file in run.group?.processFiles ?? [] { script += "echo $$ > \(quoted(file.path))\n" }
        var command = [
            ChildProcess.findOnPath("prlimit")?.path ?? "prlimit", "--nproc=\(limits.processes)", "--as=\(limits.memoryBytes)",
            "--cpu=\(limits.cpuSeconds)", "--fsize=\(limits.fileSizeBytes)", "--core=0", "--",
        ]
        if dropsPrivileges {
            command += [ChildProcess.findOnPath("setpriv")?.path ?? "setpriv"] + Self.userArguments(UInt32.random(in: Self.runUserIDs))
        }
        switch isolation {
        case .bubblewrap:
            command += [ChildProcess.findOnPath("bwrap")?.path ?? "bwrap"] + bubblewrapArguments(for: run)
            if run.started != nil {
                // Inside, once everything is set up: report the start on descriptor 8, close it,
                // then become the program, so no learner code can ever write that report.
                command += ["/bin/sh", "-c", "printf started >&8; exec 8>&-; exec \"$0\" \"$@\""]
            }
            command += ["/sandbox/program"] + run.arguments
        case .limitsOnly:
            script += "cd \(quoted(run.scratchFolder.path))\n"
            command += ["/usr/bin/env", "-i", "HOME=\(run.scratchFolder.path)", "PATH=/usr/bin:/bin", "SWIFT_BACKTRACE=enable=no"]
            command += [run.executable.path] + run.arguments
        }
        script += "exec " + command.map(quoted).joined(separator: " ") + "\n"
        return (URL(fileURLWithPath: "/bin/sh"), ["-c", script, "sandbox"])
    }

    /// bubblewrap's arguments for `run` (everything before the program).
    func bubblewrapArguments(for run: Run) -> [String] {
        var arguments = [
            "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", "sandbox",
        ]
        arguments += Self.systemMounts()
        // The private folders first: a bind below one of them (a package cloned under /tmp)
        // must come after it, or the tmpfs would hide it.
        arguments += [
            "--proc", "/proc", "--dev", "/dev",
            "--size", "\(run.limits.temporaryBytes)", "--tmpfs", "/tmp",
            "--size", "\(run.limits.temporaryBytes)", "--tmpfs", "/dev/shm",
            "--size", "\(run.limits.scratchBytes)", "--tmpfs", "/scratch",
        ]
        if let runtime = run.runtimeFolder, !runtime.path.hasPrefix("/usr/") {
            arguments += ["--ro-bind", runtime.path, runtime.path]
        }
        for file in Self.libraryFiles(run.library) { arguments += ["--ro-bind", file.path, file.path] }
        arguments += ["--ro-bind", run.executable.path, "/sandbox/program"]
        arguments += [
            "--chdir", "/scratch", "--clearenv",
            "--setenv", "HOME", "/scratch", "--setenv", "TMPDIR", "/tmp", "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "LANG", "C.UTF-8", "--setenv", "SWIFT_BACKTRACE", "enable=no",
        ]
        if run.filter != nil { arguments += ["--seccomp", "9"] }
        return arguments + ["--"]
    }

    /// The system folders every program needs, read-only: `/usr` without `/usr/local`, the
    /// merged-`/usr` links (or folders), and the `/etc` files the loader and fontconfig read.
    static func systemMounts() -> [String] {
        var arguments = ["--ro-bind", "/usr", "/usr", "--tmpfs", "/usr/local"]
        let files = FileManager.default
        for top in ["/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"] where files.fileExists(atPath: top) {
            if let target = try? files.destinationOfSymbolicLink(atPath: top) {
                arguments += ["--symlink", target, top]
            } else {
                arguments += ["--ro-bind", top, top]
            }
        }
        for path in ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/fonts"]
        where files.fileExists(atPath: path) {
            arguments += ["--ro-bind", path, path]
        }
        return arguments
    }

    /// `libLossLab.so` and the resource bundles next to it.
    static func libraryFiles(_ library: LossLabLibrary) -> [URL] {
        let folder = library.buildFolder
        let bundles = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("LossLab_") && $0.hasSuffix(".resources") }.sorted().map { folder.appendingPathComponent($0) }
        return [library.libraryFile] + bundles
    }

    func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
