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
    /// Whether the test is hidden (its source is never shown).
    public var hidden = false
    /// How it ended.
    public let status: Status

    /// An outcome of a test.
    public init(name: String, points: Int, hidden: Bool = false, status: Status) {
        self.name = name
        self.points = points
        self.hidden = hidden
        self.status = status
    }

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
    public var diagnostics: [CompilerDiagnostic]
    /// One outcome per test; empty when the submission did not compile.
    public var outcomes: [TestOutcome]
    /// Points the submission could earn.
    public let possiblePoints: Int
    /// Broken rules of the exercise (a forbidden call, with its line); any makes the score 0.
    public var ruleViolations: [String] = []
    /// When the tests could not be compiled against the submission: why, in words.
    public var testCompileProblem: String?
    /// How learner code was isolated.
    public var sandbox = ""

    /// Creates a report.
    public init(
        exercise: String, submission: String, diagnostics: [CompilerDiagnostic], outcomes: [TestOutcome],
        possiblePoints: Int
    ) {
        self.exercise = exercise
        self.submission = submission
        self.diagnostics = diagnostics
        self.outcomes = outcomes
        self.possiblePoints = possiblePoints
    }

    /// Points earned: those of the tests that passed, or 0 when a rule was broken.
    public var score: Int { ruleViolations.isEmpty ? outcomes.reduce(0) { $0 + $1.earned } : 0 }

    /// Whether the submission compiled, kept the rules, and every test passed.
    public var allPassed: Bool {
        !compileFailed && ruleViolations.isEmpty && !outcomes.isEmpty && outcomes.allSatisfy { $0.status == .passed }
    }

    /// Whether the compiler rejected the submission.
    public var compileFailed: Bool { diagnostics.contains { $0.severity == .error } }
}
