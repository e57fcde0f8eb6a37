import CSeccomp
import Foundation

/// The system-call filter learner code runs under, built with libseccomp and handed to
/// bubblewrap (`--seccomp 9`) as a compiled BPF program.
///
/// Everything a numeric program needs stays allowed; the calls that reach outside the sandbox
/// or into other processes fail with `EPERM`: tracing and reading other processes' memory,
/// mounting, new namespaces, kernel keyrings, BPF, performance counters, `userfaultfd`,
/// io_uring, modules, clocks and the like. `clone3` answers `ENOSYS`, so the C library falls
/// back to `clone`, whose namespace flags the filter can see.
enum SyscallFilter {
    /// System calls refused outright.
    static let refusedCalls = [
        "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
        "mount", "umount2", "pivot_root", "chroot", "setns", "unshare", "move_mount", "open_tree",
        "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
        "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd",
        "io_uring_setup", "io_uring_enter", "io_uring_register",
        "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
        "iopl", "ioperm", "swapon", "swapoff", "reboot", "acct", "quotactl", "vhangup",
        "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "syslog",
        "open_by_handle_at", "name_to_handle_at", "lookup_dcookie", "fanotify_init",
        "sethostname", "setdomainname", "uselib", "personality",
    ]

    /// `clone` flags that would make a new namespace.
    static let namespaceFlags: [UInt64] = [
        0x1000_0000,  // CLONE_NEWUSER
        0x0002_0000,  // CLONE_NEWNS
        0x4000_0000,  // CLONE_NEWNET
        0x2000_0000,  // CLONE_NEWPID
        0x0800_0000,  // CLONE_NEWIPC
        0x0400_0000,  // CLONE_NEWUTS
        0x0200_0000,  // CLONE_NEWCGROUP
    ]

    /// `SCMP_ACT_ALLOW`.
    static let allow: UInt32 = 0x7fff_0000
    /// `SCMP_ACT_ERRNO(code)`.
    static func failing(with code: Int32) -> UInt32 { 0x0005_0000 | (UInt32(code) & 0xffff) }

    /// Writes the compiled filter to `file`.
    static func write(to file: URL) throws {
        guard let context = seccomp_init(allow) else {
            throw GraderError("libseccomp could not start a system-call filter. Check that libseccomp2 is installed.")
        }
        defer { seccomp_release(context) }
        for name in refusedCalls {
            let number = seccomp_syscall_resolve_name(name)
            // Calls this kernel or architecture does not have need no rule.
            guard number != -1 else { continue }
            try check(seccomp_rule_add_array(context, failing(with: EPERM), number, 0, nil), "refuse \(name)")
        }
        let clone3 = seccomp_syscall_resolve_name("clone3")
        if clone3 != -1 {
            try check(seccomp_rule_add_array(context, failing(with: ENOSYS), clone3, 0, nil), "refuse clone3")
        }
        let clone = seccomp_syscall_resolve_name("clone")
        for flag in namespaceFlags {
            var comparison = scmp_arg_cmp(arg: 0, op: SCMP_CMP_MASKED_EQ, datum_a: flag, datum_b: flag)
            try check(seccomp_rule_add_array(context, failing(with: EPERM), clone, 1, &comparison), "limit clone")
        }
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw GraderError("Could not create \(file.path) for the system-call filter.")
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try check(seccomp_export_bpf(context, handle.fileDescriptor), "write the filter")
    }

    static func check(_ status: Int32, _ step: String) throws {
        guard status == 0 else {
            throw GraderError("libseccomp could not \(step) (error \(-status)). The sandbox cannot start without its system-call filter.")
        }
    }
}
