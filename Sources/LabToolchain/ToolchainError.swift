/// A failure of the tools around a lesson or an exercise (not of the learner's code), told as
/// a full sentence that says what to do next.
public struct ToolchainError: Error, CustomStringConvertible, Sendable {
    /// The explanation shown to the user.
    public let description: String

    /// Creates an error with a full-sentence explanation.
    public init(_ description: String) {
        self.description = description
    }
}
