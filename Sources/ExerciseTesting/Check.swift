import LabRuntime

/// One graded check of an exercise: a name the learner reads, the points it is worth, and a body
/// that runs the learner's code through probes and judges what comes back, throwing (through the
/// `expect…` functions) when the check fails.
///
/// Checks live in an exercise's `Checks.swift` (and `HiddenChecks.swift`). They are compiled into
/// a program of their own that never loads the learner's code: reference values, tolerances and
/// points stay there, and the only thing the learner's process contributes is values.
///
/// ```swift
/// let checks: [Check] = [
///     Check("α = β = 0.5 is the Dice loss", points: 2) { learner in
///         let result = try learner.run("loss", ["alpha": .number(0.5), "beta": .number(0.5), …])
///         try expectClose(try result.number("loss"), dice, tolerance: 1e-12, "The Tversky loss with α = β = 0.5")
///     },
/// ]
/// ```
public struct Check: Sendable {
    /// What the check checks, as a phrase (for example “α = β = 0.5 gives the Dice loss”).
    public let name: String
    /// Points earned when the check passes.
    public let points: Int
    /// The check itself.
    public let body: @Sendable (Learner) throws -> Void

    /// A check worth `points` (1 by default).
    public init(_ name: String, points: Int = 1, _ body: @escaping @Sendable (Learner) throws -> Void) {
        precondition(points >= 0, "A check cannot be worth \(points) points; use 0 or more.")
        self.name = name
        self.points = points
        self.body = body
    }
}

/// The learner's code as a check sees it: reachable only by running probes in the sandbox.
public struct Learner: Sendable {
    let channel: FrameChannel

    /// Runs probe `probe` on one input and returns what the learner's code computed.
    ///
    /// Throws ``ProbeFailure`` when the learner's code threw, trapped, ran too long or exited
    /// without answering; its message is written for the learner.
    public func run(_ probe: String, _ input: ProbeValues = [:]) throws -> ProbeValues {
        let results = try run(probe, each: [input])
        guard let only = results.first else { throw ProbeFailure("The program returned no result.") }
        return only
    }

    /// Runs probe `probe` on every input in one process (cheaper than one run each) and returns
    /// the results in order.
    public func run(_ probe: String, each inputs: [ProbeValues]) throws -> [ProbeValues] {
        try channel.send(.runProbe(probe: probe, inputs: inputs))
        guard let reply = try channel.receive() else { throw ProbeFailure("The grader stopped answering.") }
        switch reply {
        case .answers(let answers):
            guard answers.count == inputs.count else {
                throw ProbeFailure("The program returned \(answers.count) results for \(inputs.count) inputs.")
            }
            return try answers.map { answer in
                switch answer {
                case .values(let values): return values
                case .threw(let message): throw ProbeFailure(message)
                }
            }
        case .probeFailed(_, let message):
            throw ProbeFailure(message)
        default:
            throw ProbeFailure("The grader sent an unexpected reply.")
        }
    }
}

/// The learner's code gave no usable result; the message says why, for the learner.
public struct ProbeFailure: Error, CustomStringConvertible, Sendable {
    /// The explanation shown next to the failed check.
    public let description: String

    /// A failure with a message for the learner.
    public init(_ description: String) {
        self.description = description
    }
}

/// Why a check failed, in words for the learner.
public struct ExpectationFailure: Error, CustomStringConvertible, Sendable {
    /// The explanation shown next to the failed check.
    public let description: String

    /// A failure with a message for the learner.
    public init(_ description: String) {
        self.description = description
    }
}
