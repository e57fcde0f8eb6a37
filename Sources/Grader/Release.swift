import Foundation

/// What goes into a learners' copy of a course: an allow-list, so that a file nobody thought of
/// (a new test suite, a benchmark, an instructor's notes) stays out unless someone adds it here.
///
/// Copied, and why:
///
/// | entry | why learners need it |
/// |---|---|
/// | `Package.swift` | they build the package: `exercise check` compiles their file against the built LossLab library. It is rewritten without the test targets (see ``ReleaseManifest``). |
/// | `Sources` | the library their code imports and the `lesson`, `exercise` and `course` tools they run |
/// | `lessons` | the course itself |
/// | `exercises` | each task, starter, public tests and the data those tests read, without the files in ``instructorFiles`` |
/// | `README.md` | how to build and use the tools |
/// | `scripts/quickstart.sh`, `scripts/lib.sh` | install the Debian packages and build (the first sources the second) |
/// | `theme` | the course's own look for `course build`, when it has one |
/// | `.gitignore` | keeps their builds, progress and work out of their own repository |
/// | `LICENSE`, `LICENSE.md` | the terms, when the course has them |
///
/// Left out, among everything else: `Tests/` (the grader's own test suites quote reference
/// solutions, and one holds a complete one), `.ci/`, `Benchmarks/`, the documentation and
/// browser checks in `scripts/`, `.git` (its history holds every solution), build output, caches,
/// progress and anyone's work. Inside copied folders, names starting with `.` (caches, editor
/// files, version control) and links are never copied.
public struct ReleasePolicy: Sendable {
    /// The files and folders copied, as paths relative to the course folder (a missing one is skipped).
    public var included: [String]
    /// Files of an exercise folder that only instructors get: the reference solution, hidden
    /// tests and checks, and the partial edits the course's own tests apply. Any file whose name
    /// starts with one of ``instructorPrefixes`` counts too, so a new `HiddenData.json` or
    /// `Solution.md` stays out without a change here.
    public var instructorFiles: Set<String>
    /// Name beginnings that mark an exercise file as the instructors' (compared ignoring case).
    public var instructorPrefixes: [String]

    /// A policy with these lists.
    public init(included: [String], instructorFiles: Set<String>, instructorPrefixes: [String]) {
        self.included = included
        self.instructorFiles = instructorFiles
        self.instructorPrefixes = instructorPrefixes
    }

    /// The learners' copy of a LossLab course, as the table above describes.
    public static let learners = ReleasePolicy(
        included: [
            "Package.swift", "Sources", "lessons", "exercises", "README.md", "scripts/quickstart.sh", "scripts/lib.sh",
            "theme", ".gitignore", "LICENSE", "LICENSE.md",
        ],
        instructorFiles: Exercise.instructorFiles.union([
            "Solution.swift", "HiddenTests.swift", "HiddenChecks.swift", "HiddenProbes.swift", "partial.json",
        ]),
        instructorPrefixes: ["Solution", "Hidden"])

    /// Whether `name`, in an exercise folder, is for instructors only.
    public func isInstructorFile(_ name: String) -> Bool {
        instructorFiles.contains(name) || instructorPrefixes.contains { name.lowercased().hasPrefix($0.lowercased()) }
    }
}

/// Makes the learners' copy of a course from ``ReleasePolicy``'s allow-list.
public enum CourseRelease {
    /// What a release copied and left out.
    public struct Summary: Sendable, Equatable {
        /// How many files were copied.
        public var copiedFiles = 0
        /// Instructor-only exercise files left out, relative to the course folder.
        public var instructorFiles: [String] = []
        /// Links and other entries that are not plain files or folders, left out, relative to the course folder.
        public var skipped: [String] = []
        /// Targets removed from `Package.swift` because their sources are in `Tests/`.
        public var removedTargets: [String] = []
    }

    /// Copies the course at `courseFolder` into `destination`, which must not exist yet. The copy
    /// is written next to `destination` and moved into place only when complete, so a failure
    /// leaves nothing behind.
    @discardableResult
    public static func make(from courseFolder: URL, to destination: URL, policy: ReleasePolicy = .learners) throws -> Summary {
        let files = FileManager.default
        guard !files.fileExists(atPath: destination.path) else {
            throw GraderError("\(destination.path) already exists; choose a new folder for the release so nothing is overwritten.")
        }
        let source = courseFolder.standardizedFileURL.resolvingSymlinksInPath()
        let target = destination.standardizedFileURL
        let resolvedParent = target.deletingLastPathComponent().resolvingSymlinksInPath()
        guard !(resolvedParent.path + "/").hasPrefix(source.path + "/") else {
            throw GraderError("The release folder \(destination.path) is inside the course; choose a folder outside it.")
        }
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        var summary = Summary()
        do {
            try files.createDirectory(at: partial, withIntermediateDirectories: true)
            for path in policy.included {
                try copy(path, from: source, to: partial, policy: policy, summary: &summary)
            }
            let manifest = partial.appendingPathComponent("Package.swift")
            if files.fileExists(atPath: manifest.path) {
                summary.removedTargets = try rewriteManifest(manifest, release: partial)
            }
            try files.moveItem(at: partial, to: target)
        } catch {
            try? files.removeItem(at: partial)
            if let error = error as? GraderError { throw error }
            throw GraderError("Could not write the release to \(destination.path): \(error.localizedDescription). Nothing was left there.")
        }
        return summary
    }

    /// Copies `relativePath` of the course (a file, or a folder with all it holds) into the release.
    static func copy(_ relativePath: String, from course: URL, to release: URL, policy: ReleasePolicy, summary: inout Summary) throws {
        let files = FileManager.default
        let item = course.appendingPathComponent(relativePath)
        guard let type = try? files.attributesOfItem(atPath: item.path)[.type] as? FileAttributeType else { return }
        let insideExercises = relativePath == "exercises" || relativePath.hasPrefix("exercises/")
        let name = item.lastPathComponent
        switch type {
        case .typeDirectory:
            try files.createDirectory(at: release.appendingPathComponent(relativePath), withIntermediateDirectories: true)
            for child in try files.contentsOfDirectory(atPath: item.path).sorted() where !child.hasPrefix(".") {
                try copy(relativePath + "/" + child, from: course, to: release, policy: policy, summary: &summary)
            }
        case .typeRegular where insideExercises && policy.isInstructorFile(name):
            summary.instructorFiles.append(relativePath)
        case .typeRegular:
            let destination = release.appendingPathComponent(relativePath)
            try files.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try files.copyItem(at: item, to: destination)
            summary.copiedFiles += 1
        default:
            summary.skipped.append(relativePath)
        }
    }

    /// Rewrites the release's `Package.swift` without the test targets, checks that every target
    /// left has its folder in the release, and returns the removed targets.
    static func rewriteManifest(_ manifest: URL, release: URL) throws -> [String] {
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let rewritten = try ReleaseManifest.withoutTests(text)
        for target in ReleaseManifest.targets(in: rewritten.text) {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: release.appendingPathComponent(target.folder).path, isDirectory: &isFolder),
                isFolder.boolValue
            else {
                throw GraderError("Package.swift's target \(target.name) reads \(target.folder), which the release does not copy; add that folder to ReleasePolicy.included (or move the target) so the learners' copy builds.")
            }
        }
        try rewritten.text.write(to: manifest, atomically: true, encoding: .utf8)
        return rewritten.removedTargets
    }
}
