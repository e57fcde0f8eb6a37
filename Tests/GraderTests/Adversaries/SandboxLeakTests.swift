import Foundation
import LabTestSupport
import LabToolchain
import Testing

@testable import Grader

extension AdversarialSuite {
    /// Each submission here is correct only if it can reach something it must not; a fair
    /// grader gives it 0.
    @Suite("What learner code can see", .enabled(if: Adversary.sandboxTestsRun, "needs bubblewrap (set LOSSLAB_REQUIRE_SANDBOX=1 to fail instead)"))
    struct SandboxLeakTests {
        /// A submission that computes the right loss only when `condition` holds.
        func correctOnlyIf(_ condition: String) throws -> GradeReport {
            try Adversary.grade("if \(condition) {\n\(Adversary.correct)\n}\nreturn Tensor(0.0)", timeLimit: 20)
        }

        @Test("the control: the same submission under a true condition earns full marks")
        func control() throws {
            let report = try correctOnlyIf("ProcessInfo.processInfo.environment[\"HOME\"] != nil")
            #expect(report.score == Adversary.fullScore, "\(report.outcomes)")
        }

        @Test("the checkout, its .git, the solution and the hidden checks are invisible")
        func checkoutIsInvisible() throws {
            let paths = [
                packageFolder.appendingPathComponent(".git").path,
                packageFolder.appendingPathComponent("Package.swift").path,
                Adversary.exercise.solutionFile.path,
                Adversary.exercise.folder.appendingPathComponent("HiddenChecks.swift").path,
                packageFolder.appendingPathComponent("exercises").path,
            ]
            let condition = paths.map { "FileManager.default.fileExists(atPath: \(swiftStringLiteral($0)))" }.joined(separator: " || ")
            let report = try correctOnlyIf(condition)
            #expect(report.score == 0, "\(report.outcomes)")
        }

        @Test("the host's processes are invisible: /proc shows only the sandbox")
        func hostProcessesAreInvisible() throws {
            // The test runner's own process id, seen from inside, would prove a shared /proc.
            let report = try correctOnlyIf(
                "FileManager.default.fileExists(atPath: \"/proc/\(getpid())/cmdline\") && \(getpid()) > 3")
            #expect(report.score == 0, "\(report.outcomes)")
        }

        @Test("there is no network, not even the grader's loopback")
        func noNetwork() throws {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(listener) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            listen(listener, 4)
            var bound = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
            let port = UInt16(bigEndian: bound.sin_port)
            let report = try correctOnlyIf("""
                ({ () -> Bool in
                    let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                    var a = sockaddr_in(); a.sin_family = sa_family_t(AF_INET); a.sin_port = UInt16(\(port)).bigEndian
                    a.sin_addr.s_addr = inet_addr("127.0.0.1")
                    return withUnsafePointer(to: &a) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
                }())
                """)
            #expect(report.score == 0, "\(report.outcomes)")
        }

        @Test("environment variables of the grader do not reach learner code")
        func environmentIsCleared() throws {
            setenv("LOSSLAB_SECRET_FOR_TEST", "x", 1)
            defer { unsetenv("LOSSLAB_SECRET_FOR_TEST") }
            let known: Set<String> = ["HOME", "PATH", "TMPDIR", "LANG", "SWIFT_BACKTRACE", "PWD"]
            let report = try correctOnlyIf(
                "!Set(ProcessInfo.processInfo.environment.keys).isSubset(of: \(known.sorted())) || ProcessInfo.processInfo.environment[\"LOSSLAB_SECRET_FOR_TEST\"] != nil")
            #expect(report.score == 0, "\(report.outcomes)")
        }

        @Test("files written to /tmp, /dev/shm and the working folder are gone after the check")
        func nothingIsLeftBehind() throws {
            let marker = "losslab-leftover-\(UUID().uuidString)"
            let report = try Adversary.grade("""
                for folder in ["/tmp", "/dev/shm", "."] {
                    try? "x".write(toFile: folder + "/\(marker)", atomically: false, encoding: .utf8)
                }
                \(Adversary.correct)
                """, timeLimit: 20)
            #expect(report.score == Adversary.fullScore, "writing its own files is allowed: \(report.outcomes)")
            for folder in ["/tmp", "/dev/shm", FileManager.default.temporaryDirectory.path] {
                #expect(!FileManager.default.fileExists(atPath: folder + "/" + marker), "left in \(folder)")
            }
        }

        @Test("the scratch folder is capped in total, not only per file")
        func scratchIsCappedInTotal() throws {
            let report = try correctOnlyIf("""
                (0..<100).allSatisfy { index in
                    FileManager.default.createFile(atPath: "chunk-\\(index)", contents: Data(count: 1 << 20))
                }
                """)
            #expect(report.score == 0, "\(report.outcomes)")
        }

        @Test("walking up from the library's own path (read from /proc/self/maps) finds nothing of the checkout")
        func libraryPathLeadsNowhere() throws {
            // The library is bound into the sandbox at its host path, so the path itself is no
            // secret; what must hold is that none of the checkout around it is there.
            let search = """
                func checkoutNearLibrary() -> Bool {
                    // Read to the end: /proc files report a size of 0.
                    let data = FileHandle(forReadingAtPath: "/proc/self/maps")?.readDataToEndOfFile() ?? Data()
                    let maps = String(decoding: data, as: UTF8.self)
                    let libraries = maps.split(separator: "\\n").compactMap { $0.split(separator: " ").last.map(String.init) }
                    for library in libraries where library.hasSuffix("libLossLab.so") {
                        var folder = URL(fileURLWithPath: library).deletingLastPathComponent()
                        while folder.path != "/" {
                            for name in [".git", "Package.swift", "Sources", ".exercise-work", "exercises/tversky-loss/Solution.swift"]
                            where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
                                return true
                            }
                            folder.deleteLastPathComponent()
                        }
                    }
                    return false
                }
                """
            let report = try Adversary.grade("if checkoutNearLibrary() {\n\(Adversary.correct)\n}\nreturn Tensor(0.0)", extra: search, timeLimit: 20)
            #expect(report.score == 0, "\(report.outcomes)")
        }

        @Test("a flood of empty files (inodes, not bytes) ends inside the run and leaves nothing behind")
        func inodeFlood() throws {
            let marker = "inode-flood-\(UUID().uuidString.prefix(8))"
            let report = try Adversary.grade("""
                var index = 0
                while FileManager.default.createFile(atPath: "/tmp/\(marker)-\\(index)", contents: nil) { index += 1 }
                return Tensor(0.0)
                """, timeLimit: 3)
            #expect(report.score == 0)
            let left = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp"))?.filter { $0.hasPrefix(marker) } ?? []
            #expect(left.isEmpty, "\(left.count) files left in the host's /tmp")
            try Adversary.expectGraderStillWorks()
        }

        @Test("the exercise's files cannot be changed from learner code")
        func exerciseIsReadOnly() throws {
            let target = Adversary.exercise.folder.appendingPathComponent("Checks.swift")
            let before = try String(contentsOf: target, encoding: .utf8)
            _ = try Adversary.grade("try? \"pwned\".write(toFile: \(swiftStringLiteral(target.path)), atomically: false, encoding: .utf8)\nreturn Tensor(0.0)")
            #expect(try String(contentsOf: target, encoding: .utf8) == before)
        }
    }
}
