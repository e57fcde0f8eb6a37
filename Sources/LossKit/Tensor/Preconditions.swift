// Stopping with a clear message when a tensor is used the wrong way.

/// Stops the program with `message` when `condition` is false, in every build configuration.
///
/// Swift's `precondition` drops its message in optimized (`-O`) builds, leaving only
/// "Illegal instruction". Learners run LossKit in release builds too, and the message (which
/// names the shapes involved) is the useful part, so LossKit checks its preconditions with this.
@inline(__always)
func checkPrecondition(
    _ condition: @autoclosure () -> Bool,
    _ message: @autoclosure () -> String,
    file: StaticString = #fileID,
    line: UInt = #line
) {
    if !condition() {
        fatalError(message(), file: file, line: line)
    }
}
