import Foundation
import LabTestSupport
import Testing

@testable import Grader

/// `exercise release`: the learners' copy is made from an allow-list, holds no line of any
/// solution or hidden test, and still builds.
@Suite("Releases", .serialized)
struct ReleaseTests {
    func temporaryDestination() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("release-\(UUID().uuidString)")
    }

    /// Every file below `folder`, as paths relative to it.
    func files(in folder: URL) -> [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let file = enumerator?.nextObject() as? URL {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            found.append(String(file.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
        }
        return found.sorted()
    }

    /// The lines of the course's solutions and hidden tests that a learner must never see.
    ///
    /// Every trimmed line of 25 characters or more of each `Solution.swift` and
    /// `HiddenTests.swift` that is not a comment or an import, less the lines the course
    /// publishes on purpose: those in the exercises' own public files (the starter repeats the
    /// signatures, public and hidden tests share their helpers), in the library's sources
    /// (LossKit implements the losses that the exercises forbid calling) and in the lessons
    /// (which work through the methods).
    func secretLines() throws -> (lines: Set<String>, published: Int) {
        let exercises = packageFolder.appendingPathComponent("exercises")
        var candidates: Set<String> = []
        var published: Set<String> = []
        for relative in files(in: exercises) {
            let text = try String(contentsOf: exercises.appendingPathComponent(relative), encoding: .utf8)
            let name = URL(fileURLWithPath: relative).lastPathComponent
            if name == "Solution.swift" || name == "HiddenChecks.swift" || name == "HiddenProbes.swift" {
                candidates.formUnion(trimmedLines(text).filter { line in
                    line.count >= 25 && !line.hasPrefix("//") && !line.hasPrefix("import ") && !line.hasPrefix("@testable import ")
                })
            } else if !ReleasePolicy.learners.isInstructorFile(name) {
                published.formUnion(trimmedLines(text))
            }
        }
        for folder in ["Sources/LossKit", "Sources/LossPlot", "lessons"] {
            let root = packageFolder.appendingPathComponent(folder)
            for relative in files(in: root) {
                published.formUnion(trimmedLines((try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)) ?? ""))
            }
        }
        let secret = candidates.subtracting(published)
        return (secret, candidates.count - secret.count)
    }

    /// The lines of `text` without their leading and trailing white space.
    func trimmedLines(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// The secret lines found in the release at `folder` (as whole lines, however indented),
    /// with the file each is in.
    func leaks(in folder: URL, of secret: Set<String>) -> [(file: String, line: String)] {
        files(in: folder).flatMap { relative -> [(file: String, line: String)] in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8) else { return [] }
            return trimmedLines(text).intersection(secret).sorted().map { (relative, $0) }
        }
    }

    @Test("a release of this course has no Tests/, no instructor file, and no line of any solution or hidden test",
          .enabled(if: hasReferenceSolutions, "a learners' copy has no solutions"))
    func releaseOfThisCourse() throws {
        let destination = temporaryDestination()
        defer { try? FileManager.default.removeItem(at: destination) }
        let summary = try CourseRelease.make(from: packageFolder, to: destination)

        let top = try FileManager.default.contentsOfDirectory(atPath: destination.path).sorted()
        #expect(top == [".gitignore", "Package.swift", "README.md", "Sources", "exercises", "lessons", "scripts"])
        let released = files(in: destination)
        #expect(!released.contains { $0.hasPrefix("Tests/") || $0.hasPrefix(".git/") || $0.hasPrefix(".build/") })
        #expect(released.filter { $0.hasPrefix("scripts/") } == ["scripts/lib.sh", "scripts/quickstart.sh"])
        let exercises = try courseExercises.exercises()
        #expect(summary.instructorFiles.count == 3 * exercises.count)
        for exercise in exercises {
            #expect(released.contains("exercises/\(exercise.slug)/Starter.swift"))
            #expect(released.contains("exercises/\(exercise.slug)/Probes.swift"))
            #expect(released.contains("exercises/\(exercise.slug)/Checks.swift"))
            #expect(!released.contains("exercises/\(exercise.slug)/Solution.swift"))
            #expect(!released.contains("exercises/\(exercise.slug)/HiddenChecks.swift"))
            #expect(!released.contains("exercises/\(exercise.slug)/partial.json"))
        }
        #expect(released.contains("exercises/tversky-loss/reference.json"), "the data the public checks read")

        let (secret, published) = try secretLines()
        #expect(secret.count > 300, "only \(secret.count) lines to look for (\(published) are published on purpose)")
        #expect(leaks(in: destination, of: secret).map { "\($0.file): \($0.line)" } == [])
    }

    @Test("the leak search finds the solutions when a release lets the instructor files through",
          .enabled(if: hasReferenceSolutions, "a learners' copy has no solutions"))
    func leakSearchHasTeeth() throws {
        let (secret, _) = try secretLines()
        var careless = ReleasePolicy.learners
        careless.instructorFiles = []
        careless.instructorPrefixes = []
        let destination = temporaryDestination()
        defer { try? FileManager.default.removeItem(at: destination) }
        try CourseRelease.make(from: packageFolder, to: destination, policy: careless)
        #expect(Set(leaks(in: destination, of: secret).map(\.line)) == secret)
    }

    @Test("the released Package.swift has no test target and every target's folder is in the copy (read by SwiftPM)")
    func releasedManifestBuilds() throws {
        let destination = temporaryDestination()
        defer { try? FileManager.default.removeItem(at: destination) }
        let summary = try CourseRelease.make(from: packageFolder, to: destination)
        #expect(summary.removedTargets.contains("GraderTests"))
        #expect(summary.removedTargets.contains("LabTestSupport"))

        let manifest = try String(contentsOf: destination.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.hasPrefix("// swift-tools-version:"))
        #expect(!manifest.contains("Tests/") && !manifest.contains(".testTarget"))
        // SwiftPM itself evaluates the manifest, independently of the release's own reading of it.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "package", "--package-path", destination.path, "dump-package"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try #require(data.firstIndex(of: UInt8(ascii: "{")).map { data[$0...] })
        let package = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let targets = try #require(package["targets"] as? [[String: Any]])
        // Every target of the course's own manifest but the test targets and their support library.
        let original = try String(contentsOf: packageFolder.appendingPathComponent("Package.swift"), encoding: .utf8)
        let all = original.components(separatedBy: ".target(name:").count - 1 + original.components(separatedBy: ".systemLibrary(name:").count - 1
            + original.components(separatedBy: ".executableTarget(name:").count - 1
        #expect(targets.count == all - 1, "the release keeps \(targets.count) of \(all) non-test targets (LabTestSupport lives in Tests/)")
        for target in targets {
            let name = try #require(target["name"] as? String)
            #expect(target["type"] as? String != "test", "\(name) is a test target")
            let folder = (target["path"] as? String) ?? "Sources/\(name)"
            var isFolder: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent(folder).path, isDirectory: &isFolder)
                && isFolder.boolValue, "\(name) reads \(folder), which is not in the release")
        }
    }

    @Test("instructor files are found by name and by prefix at any depth of exercises/, and links are never copied")
    func instructorFilesAndLinks() throws {
        let course = try TemporaryCourse()
        for name in ["Starter.swift", "Tests.swift", "README.md", "data.json", "Solution.swift", "HiddenTests.swift", "HiddenChecks.swift",
                     "HiddenProbes.swift", "partial.json", "SolutionNotes.md", "hidden-labels.json", "more/HiddenTests.swift"] {
            try course.write("content of \(name)", to: "exercises/e/\(name)")
        }
        try course.write("# A", to: "lessons/01-a.md")
        try course.write("notes", to: "Tests/GraderTests/Secret.swift")
        try course.write("ci", to: ".ci/run")
        try FileManager.default.createSymbolicLink(
            at: course.url.appendingPathComponent("lessons/shadow"), withDestinationURL: URL(fileURLWithPath: "/etc/shadow"))
        let destination = temporaryDestination()
        defer { try? FileManager.default.removeItem(at: destination) }
        let summary = try CourseRelease.make(from: course.url, to: destination)
        #expect(files(in: destination) == ["exercises/e/README.md", "exercises/e/Starter.swift", "exercises/e/Tests.swift", "exercises/e/data.json", "lessons/01-a.md"])
        #expect(summary.instructorFiles == [
            "exercises/e/HiddenChecks.swift", "exercises/e/HiddenProbes.swift", "exercises/e/HiddenTests.swift", "exercises/e/Solution.swift",
            "exercises/e/SolutionNotes.md", "exercises/e/hidden-labels.json", "exercises/e/more/HiddenTests.swift", "exercises/e/partial.json",
        ])
        #expect(summary.skipped == ["lessons/shadow"])
    }

    @Test("a release never overwrites, never goes inside the course, and leaves nothing behind when it fails")
    func failuresLeaveNothing() throws {
        let course = try TemporaryCourse()
        try course.write("# A", to: "lessons/01-a.md")
        // A manifest whose target reads a folder the release does not copy.
        try course.write("""
            // swift-tools-version: 6.1
            import PackageDescription
            let package = Package(name: "C", targets: [.target(name: "Kit", path: "Vendor/Kit")])
            """, to: "Package.swift")
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("releases-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let destination = parent.appendingPathComponent("copy")
        #expect(throws: GraderError.self) { try CourseRelease.make(from: course.url, to: destination) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])

        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        #expect(throws: GraderError.self) { try CourseRelease.make(from: course.url, to: destination) }
        #expect(throws: GraderError.self) { try CourseRelease.make(from: course.url, to: course.url.appendingPathComponent("out")) }
    }

    @Test("the manifest rewrite drops test targets with their comments, keeps the rest, and refuses dangling references")
    func manifestRewrite() throws {
        let manifest = """
            // swift-tools-version: 6.1
            import PackageDescription
            let package = Package(
                name: "C",
                products: [.library(name: "Kit", targets: ["Kit"])],
                targets: [
                    .target(name: "Kit"),
                    // Shared by the tests.
                    .target(name: "Support", path: "Tests/Support"),
                    .testTarget(name: "KitTests", dependencies: ["Kit", "Support"]),
                ]
            )
            """
        let rewritten = try ReleaseManifest.withoutTests(manifest)
        #expect(rewritten.removedTargets == ["Support", "KitTests"])
        #expect(rewritten.text == """
            // swift-tools-version: 6.1
            // The learners' copy made by `exercise release`: it has no test targets (the tests stay with the instructors).
            import PackageDescription
            let package = Package(
                name: "C",
                products: [.library(name: "Kit", targets: ["Kit"])],
                targets: [
                    .target(name: "Kit"),
                ]
            )
            """)
        #expect(ReleaseManifest.targets(in: rewritten.text) == [ReleaseManifest.Target(name: "Kit", kind: "target", folder: "Sources/Kit")])

        let dangling = manifest.replacingOccurrences(of: ".target(name: \"Kit\")", with: ".target(name: \"Kit\", dependencies: [\"Support\"])")
        #expect(throws: GraderError.self) { try ReleaseManifest.withoutTests(dangling) }
        #expect(throws: GraderError.self) { try ReleaseManifest.withoutTests("let package = Package(name: \"C\", targets: allTargets)") }
    }
}
