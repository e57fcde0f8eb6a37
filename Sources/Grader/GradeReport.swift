import LabToolchain

/// The result of one graded test.
public struct TestOutcome: Sendable, Equatable, Codable {
    /// How the test ended.
    public enum Status: Sendable, Equatable, Codable {
        /// The test's checks all held.
        case passed
        /// A check failed; the message says which and why.
        case failed(message: String)
        /// The test trapped or crashed the program.
        case crashed(message: String)
        /// The test ran past its time limit and was killed.
        case timedOut(seconds: Double)
    }

    /// The test's name.
    public let name: String
    /// Points the test is worth.
    public let points: Int
    /// How it ended.
    public let status: Status

    /// Points earned: all of them when passed, none otherwise.
    public var earned: Int { status == .passed ? points : 0 }
}

/// What `exercise check` found: compiler messages, then one outcome per test, and the score.
public struct GradeReport: Sendable, Equatable, Codable {
    /// The exercise's slug.
    public let exercise: String
    /// The file that was graded.
    public let submission: String
    /// Compiler errors and warnings for the submission.
    public let diagnostics: [CompilerDiagnostic]
    /// One outcome per test; empty when the submission did not compile.
    public let outcomes: [TestOutcome]
    /// Points the submission could earn.
    public let possiblePoints: Int

    /// Points earned.
    public var score: Int { outcomes.reduce(0) { $0 + $1.earned } }

    /// Whether the submission compiled and every test passed.
    public var allPassed: Bool {
        !compileFailed && !outcomes.isEmpty && outcomes.allSatisfy { $0.status == .passed }
    }

    /// Whether the compiler rejected the submission.
    public var compileFailed: Bool { diagnostics.contains { $0.severity == .error } }
}
