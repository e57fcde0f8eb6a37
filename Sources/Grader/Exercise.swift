import Foundation

/// An exercise folder: `exercises/<slug>/` with the task, a starter, a solution, probes and checks.
///
/// | file | what it holds |
/// |---|---|
/// | `README.md` | the task, starting with a `# Title` line |
/// | `Starter.swift` | the learner's file, with TODOs (learners edit it in place) |
/// | `Solution.swift` | the reference solution (not in learners' copies) |
/// | `Probes.swift` | `let probes: [Probe]`: how the checks call the learner's code (compiled with it) |
/// | `Checks.swift` | `let checks: [Check]`: the public graded checks (compiled without learner code) |
/// | `HiddenProbes.swift` | `let hiddenProbes: [Probe]` (optional; never shown) |
/// | `HiddenChecks.swift` | `let hiddenChecks: [Check]` (optional; never shown) |
/// | `exercise.json` | limits, forbidden calls and hints (optional; see ``ExerciseManifest``) |
/// | `partial.json` | for instructors: a one-line edit of the solution that must earn partial credit, which the course's own tests apply (optional; not in learners' copies) |
/// | other files | data the checks read (they run in the exercise folder; learner code never sees it) |
///
/// Probes start with `@testable import Submission` to reach the learner's code, which is
/// compiled as a module of its own. Checks never import it: they reach the learner's code only
/// by running probes in the sandbox, and decide every verdict in a process of their own.
public struct Exercise: Sendable, Equatable {
    /// Files of an exercise folder that only instructors get: never in a learners' copy.
    public static let instructorFiles: Set<String> = [
        "Solution.swift", "HiddenChecks.swift", "HiddenProbes.swift", "partial.json",
    ]

    /// The folder name, used on the command line (`exercise check tversky-loss`).
    public let slug: String
    /// The exercise folder.
    public let folder: URL
    /// The README's first `#` heading.
    public let title: String
    /// The task in Markdown.
    public let task: String
    /// Limits, forbidden calls and hints.
    public let manifest: ExerciseManifest

    /// The file learners edit.
    public var starterFile: URL { folder.appendingPathComponent("Starter.swift") }
    /// The reference solution.
    public var solutionFile: URL { folder.appendingPathComponent("Solution.swift") }
    /// How the checks call the learner's code.
    public var probesFile: URL { folder.appendingPathComponent("Probes.swift") }
    /// The public graded checks.
    public var checksFile: URL { folder.appendingPathComponent("Checks.swift") }
    /// The hidden probes, when the exercise has any.
    public var hiddenProbesFile: URL? { existing("HiddenProbes.swift") }
    /// The hidden graded checks, when the exercise has any.
    public var hiddenChecksFile: URL? { existing("HiddenChecks.swift") }

    func existing(_ name: String) -> URL? {
        let file = folder.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    /// Reads the exercise in `folder`, checking that every required file is there.
    public init(folder: URL) throws {
        self.folder = folder.standardizedFileURL
        slug = folder.lastPathComponent
        let readme = folder.appendingPathComponent("README.md")
        // Solution.swift is optional: learners' copies (`exercise release`) have none.
        let required = ["Starter.swift", "Probes.swift", "Checks.swift"].map { folder.appendingPathComponent($0) }
        for file in [readme] + required where !FileManager.default.fileExists(atPath: file.path) {
            throw GraderError("The exercise \(folder.lastPathComponent) is missing \(file.lastPathComponent) (looked in \(folder.path)). Every exercise needs README.md, Starter.swift, Probes.swift and Checks.swift (and, for instructors, Solution.swift).")
        }
        do {
            task = try String(contentsOf: readme, encoding: .utf8)
        } catch {
            throw GraderError("Could not read \(readme.path): \(error.localizedDescription).")
        }
        let heading = task.split(separator: "\n").first { $0.hasPrefix("# ") }
        title = heading.map { String($0.dropFirst(2)).trimmingCharacters(in: .whitespaces) } ?? slug
        manifest = try ExerciseManifest.load(from: folder)
    }
}

/// The exercises of a course, one folder each below `exercises/`.
public struct ExerciseCatalog: Sendable {
    /// The `exercises/` folder.
    public let folder: URL

    /// A catalog of the exercises in `folder`.
    public init(folder: URL) {
        self.folder = folder
    }

    /// Every exercise, in course order: by the chapter its manifest names (none last), then by slug.
    public func exercises() throws -> [Exercise] {
        try exercisesBySlug().sorted { ($0.manifest.chapter ?? .max, $0.slug) < ($1.manifest.chapter ?? .max, $1.slug) }
    }

    /// Every exercise, sorted by slug.
    private func exercisesBySlug() throws -> [Exercise] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw GraderError("Could not list the exercises in \(folder.path): \(error.localizedDescription).")
        }
        return try names.sorted().filter { !$0.hasPrefix(".") }.compactMap { name in
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
                return nil
            }
            return try Exercise(folder: url)
        }
    }

    /// The exercise called `slug`.
    public func exercise(named slug: String) throws -> Exercise {
        let url = folder.appendingPathComponent(slug)
        guard !slug.contains("/"), FileManager.default.fileExists(atPath: url.path) else {
            let available = (try? exercises().map(\.slug).joined(separator: ", ")) ?? "none"
            throw GraderError("There is no exercise “\(slug)” in \(folder.path). Exercises: \(available.isEmpty ? "none" : available).")
        }
        return try Exercise(folder: url)
    }
}

/// A problem with an exercise or with grading it, as a full sentence saying what to do.
public struct GraderError: Error, CustomStringConvertible, Sendable {
    /// The explanation shown to the user.
    public let description: String

    /// Creates an error with a full-sentence explanation.
    public init(_ description: String) {
        self.description = description
    }
}
