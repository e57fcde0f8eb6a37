/// A problem with a lesson file or with running it, told as a full sentence naming the file
/// (and line or cell where there is one) and what to do next.
public struct NotebookError: Error, CustomStringConvertible, Sendable {
    /// The explanation shown to the user.
    public let description: String

    /// Creates an error with a full-sentence explanation.
    public init(_ description: String) {
        self.description = description
    }
}
