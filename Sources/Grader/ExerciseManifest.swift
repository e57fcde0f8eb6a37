import Foundation

/// The settings of an exercise, from its `exercise.json` (every field optional):
///
/// ```json
/// {
///   "chapter": 5,
///   "timeLimitSeconds": 10,
///   "memoryLimitMegabytes": 4096,
///   "forbiddenCalls": ["tverskyLoss"],
///   "hints": ["First hint.", "Second hint."]
/// }
/// ```
///
/// Points are given per check in `Checks.swift` (public checks) and `HiddenChecks.swift` (hidden
/// checks, never shown to learners and stripped by `exercise release`).
public struct ExerciseManifest: Sendable, Equatable, Codable {
    /// The number of the course chapter the exercise practises; `exercise list`, `exercise next`
    /// and the course site take exercises in chapter order (those without one come last).
    public var chapter: Int?
    /// Wall-clock seconds each test may run.
    public var timeLimitSeconds: Double?
    /// Address space each test may use, in MiB.
    public var memoryLimitMegabytes: Int?
    /// Library functions and types the submission may not use (they would make the exercise
    /// trivial), decided from the compiled submission's symbols: any use of the entity (a call,
    /// an alias, its initialiser, a method) counts, and a function's name forbids the type of the
    /// same name with a capital first letter too (`tverskyLoss` forbids `TverskyLoss`).
    public var forbiddenCalls: [String]?
    /// Hints, given one at a time by `exercise hint`.
    public var hints: [String]?

    /// A manifest with every default.
    public init() {}

    /// Reads `exercise.json` in `folder`, or the defaults when there is none.
    static func load(from folder: URL) throws -> ExerciseManifest {
        let file = folder.appendingPathComponent("exercise.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return ExerciseManifest() }
        do {
            return try JSONDecoder().decode(ExerciseManifest.self, from: Data(contentsOf: file))
        } catch let DecodingError.dataCorrupted(context) {
            throw GraderError("\(file.path) is not valid JSON: \(context.debugDescription). Fix the file (see ExerciseManifest for the fields).")
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw GraderError("\(file.path): the field “\(field)” has the wrong type (\(context.debugDescription)).")
        } catch {
            throw GraderError("Could not read \(file.path): \(error).")
        }
    }

    /// The limits for each test process.
    var limits: SandboxLimits {
        var limits = SandboxLimits()
        if let timeLimitSeconds {
            limits.wallSeconds = timeLimitSeconds
            limits.cpuSeconds = max(1, Int((timeLimitSeconds * 2).rounded(.up)))
        }
        if let memoryLimitMegabytes { limits.memoryBytes = memoryLimitMegabytes << 20 }
        return limits
    }
}
