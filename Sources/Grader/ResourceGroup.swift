import Foundation

/// A control group that caps one sandboxed run as a whole — memory and processes for every
/// process it starts together — and lets the grader kill whatever is left when it ends.
///
/// cgroup v2 is used where this process may create a group below its own with the memory and
/// pids controllers; otherwise cgroup v1's memory and pids hierarchies (as on machines that
/// mount both); otherwise no group, and only per-process limits apply (``kind`` says which).
struct ResourceGroup {
    /// Which mechanism caps a run.
    enum Kind: String, Sendable {
        case cgroupV2 = "cgroup v2"
        case cgroupV1 = "cgroup v1"
        case none = "per-process limits only"
    }

    /// The folders of this group (one for v2; memory and pids for v1).
    let folders: [URL]
    /// The files a process writes its id to, to join the group.
    var processFiles: [URL] { folders.map { $0.appendingPathComponent("cgroup.procs") } }

    /// The mechanism this machine allows, probed once.
    static let kind: Kind = {
        for candidate in [Kind.cgroupV2, .cgroupV1] {
            if let group = try? ResourceGroup(kind: candidate, memoryBytes: 64 << 20, processes: 8) {
                group.remove()
                return candidate
            }
        }
        return .none
    }()

    /// Creates a group with these caps, or returns `nil` when the machine allows none.
    static func make(memoryBytes: Int, processes: Int) -> ResourceGroup? {
        guard kind != .none else { return nil }
        return try? ResourceGroup(kind: kind, memoryBytes: memoryBytes, processes: processes)
    }

    private init(kind: Kind, memoryBytes: Int, processes: Int) throws {
        let name = "losslab-\(UUID().uuidString)"
        let files = FileManager.default
        switch kind {
        case .cgroupV2:
            guard let parent = Self.ownGroup(hierarchy: ""), files.fileExists(atPath: parent.appendingPathComponent("cgroup.controllers").path)
            else { throw GraderError("no cgroup v2") }
            let controllers = (try? String(contentsOf: parent.appendingPathComponent("cgroup.subtree_control"), encoding: .utf8)) ?? ""
            guard controllers.contains("memory"), controllers.contains("pids") else { throw GraderError("controllers not delegated") }
            let folder = parent.appendingPathComponent(name)
            try files.createDirectory(at: folder, withIntermediateDirectories: false)
            folders = [folder]
            do {
                try Self.write("\(memoryBytes)", to: folder.appendingPathComponent("memory.max"))
                try? Self.write("0", to: folder.appendingPathComponent("memory.swap.max"))
                try Self.write("\(processes)", to: folder.appendingPathComponent("pids.max"))
            } catch {
                remove()
                throw error
            }
        case .cgroupV1:
            guard let memory = Self.ownGroup(hierarchy: "memory"), let pids = Self.ownGroup(hierarchy: "pids") else {
                throw GraderError("no cgroup v1")
            }
            let memoryFolder = memory.appendingPathComponent(name), pidsFolder = pids.appendingPathComponent(name)
            try files.createDirectory(at: memoryFolder, withIntermediateDirectories: false)
            if (try? files.createDirectory(at: pidsFolder, withIntermediateDirectories: false)) == nil {
                rmdir(memoryFolder.path)
                throw GraderError("no pids group")
            }
            folders = [memoryFolder, pidsFolder]
            do {
                try Self.write("\(memoryBytes)", to: memoryFolder.appendingPathComponent("memory.limit_in_bytes"))
                try? Self.write("\(memoryBytes)", to: memoryFolder.appendingPathComponent("memory.memsw.limit_in_bytes"))
                try Self.write("\(processes)", to: pidsFolder.appendingPathComponent("pids.max"))
            } catch {
                remove()
                throw error
            }
        case .none:
            throw GraderError("no group")
        }
    }

    /// Kills every process still in the group and removes it.
    func remove() {
        for _ in 0..<50 {
            var left = false
            for file in processFiles {
                let ids = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) }
                for id in ids { kill(id, SIGKILL) }
                left = left || !ids.isEmpty
            }
            if !left { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        for folder in folders.reversed() { rmdir(folder.path) }
    }

    /// The folder of this process's own group in `hierarchy` (`""` for cgroup v2).
    static func ownGroup(hierarchy: String) -> URL? {
        guard let text = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let matches = hierarchy.isEmpty ? fields[0] == "0" && fields[1].isEmpty
                : fields[1].split(separator: ",").contains(Substring(hierarchy))
            guard matches else { continue }
            let mount = hierarchy.isEmpty
                ? (FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cgroup.controllers") ? "/sys/fs/cgroup" : "/sys/fs/cgroup/unified")
                : "/sys/fs/cgroup/\(hierarchy)"
            return URL(fileURLWithPath: mount + String(fields[2]))
        }
        return nil
    }

    static func write(_ text: String, to file: URL) throws {
        try text.write(to: file, atomically: false, encoding: .utf8)
    }
}
