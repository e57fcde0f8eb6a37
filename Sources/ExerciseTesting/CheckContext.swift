import Synchronization

/// What the running check is: hidden checks word their failures without expected values.
public enum CheckContext {
    private static let hidden = Atomic<Bool>(false)

    /// Whether the check running now is hidden: its failure messages say what failed and how far
    /// off it was, never the expected numbers (learners could collect them).
    public static var isHidden: Bool {
        get { hidden.load(ordering: .relaxed) }
        set { hidden.store(newValue, ordering: .relaxed) }
    }
}
