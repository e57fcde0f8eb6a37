import Foundation
import LabTestSupport
import LabToolchain
import Testing

@testable import Grader

extension AdversarialSuite {
    /// Swift submissions cannot even name `unshare`, `ptrace` or `syscall` (the rules refuse
    /// them); this C program asks the kernel directly, to show the filter itself holds.
    @Suite("The system-call filter", .enabled(if: Adversary.sandboxTestsRun, "needs bubblewrap (set LOSSLAB_REQUIRE_SANDBOX=1 to fail instead)"))
    struct SyscallFilterTests {
        static let program = #"""
            #define _GNU_SOURCE
            #include <errno.h>
            #include <sched.h>
            #include <stdio.h>
            #include <sys/ptrace.h>
            #include <unistd.h>
            int main(void) {
                if (unshare(CLONE_NEWUSER) == 0) { puts("made a user namespace"); return 10; }
                if (errno != EPERM) { printf("unshare: errno %d\n", errno); return 11; }
                if (ptrace(PTRACE_TRACEME, 0, 0, 0) == 0) { puts("ptrace worked"); return 12; }
                if (chroot("/tmp") == 0) { puts("chroot worked"); return 13; }
                puts("refused");
                return 0;
            }
            """#

        /// Compiles the program and runs it in the sandbox, with or without the filter.
        func run(filtered: Bool) throws -> ProcessResult {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("losslab-filter-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            let source = folder.appendingPathComponent("probe.c"), binary = folder.appendingPathComponent("probe")
            try Self.program.write(to: source, atomically: true, encoding: .utf8)
            let cc = try #require(ChildProcess.findOnPath("cc") ?? ChildProcess.findOnPath("clang"))
            let built = try ChildProcess.run(cc, arguments: [source.path, "-o", binary.path], timeLimit: 60)
            try #require(built.ending.succeeded, "\(built.output)")
            let filter = folder.appendingPathComponent("filter.bpf")
            try SyscallFilter.write(to: filter)
            for file in ["request", "answers"] { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(file).path, contents: nil) }
            let compiler = try SwiftCompiler(library: try LossLabLibrary(buildFolder: buildFolder))
            let run = Sandbox.Run(
                executable: binary, input: folder.appendingPathComponent("request"), answers: folder.appendingPathComponent("answers"),
                filter: filtered ? filter : nil, scratchFolder: folder, library: compiler.library,
                runtimeFolder: compiler.runtimeLibraryFolder, limits: SandboxLimits(), group: nil)
            let (launcher, arguments) = Sandbox.detected.command(for: run)
            return try ChildProcess.run(launcher, arguments: arguments, timeLimit: 30)
        }

        @Test("new namespaces, ptrace and chroot are refused with EPERM")
        func refusesDangerousCalls() throws {
            let result = try run(filtered: true)
            #expect(result.ending == .exited(status: 0), "\(result.ending): \(result.output)")
            #expect(result.output.contains("refused"))
        }

        @Test("a sandbox that cannot start is the grader's failure, never a score")
        func sandboxThatCannotStart() throws {
            let work = try GradingFolder(exercise: Adversary.exercise)
            defer { work.remove() }
            let compiler = try SwiftCompiler(library: try LossLabLibrary(buildFolder: buildFolder))
            try SyscallFilter.write(to: work.filter)
            let runner = ProbeRunner(
                sandbox: .detected, compiler: compiler, program: work.build.appendingPathComponent("no-such-program"),
                work: work, limits: SandboxLimits())
            let reply = runner.run("loss", inputs: [[:]])
            guard case .probeFailed = reply else {
                Issue.record("expected a failed run, got \(reply)")
                return
            }
            #expect(runner.sandboxFailure != nil)
        }

        @Test("the control: without the filter the same program makes a user namespace")
        func controlWithoutFilter() throws {
            let result = try run(filtered: false)
            #expect(result.ending == .exited(status: 10), "\(result.ending): \(result.output)")
        }
    }
}
