/// One graded check of an exercise: a name the learner reads, the points it is worth, and a
/// body that throws ``ExpectationFailure`` (through `expect…` functions) when the check fails.
public struct ExerciseTest: Sendable {
    /// What the test checks, as a phrase (for example “α = β = 0.5 gives the Dice loss”).
    public let name: String
    /// Points earned when the test passes.
    public let points: Int
    /// The check itself.
    public let body: @Sendable () throws -> Void

    /// Creates a test worth `points` (1 by default).
    public init(_ name: String, points: Int = 1, _ body: @escaping @Sendable () throws -> Void) {
        precondition(points >= 0, "A test cannot be worth \(points) points; use 0 or more.")
        self.name = name
        self.points = points
        self.body = body
    }
}

/// Why a test failed, in words for the learner.
public struct ExpectationFailure: Error, CustomStringConvertible, Sendable {
    /// The explanation shown next to the failed test.
    public let description: String

    /// Creates a failure with a message for the learner.
    public init(_ description: String) {
        self.description = description
    }
}
