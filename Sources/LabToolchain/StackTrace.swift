/// Removes the Swift runtime's "Current stack trace:" block that follows a trap message: its
/// addresses point into generated code and the runtime, which tells a learner nothing.
public func removingStackTrace(_ output: String) -> String {
    var kept: [Substring] = []
    var inTrace = false
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
        if line == "Current stack trace:" {
            inTrace = true
            continue
        }
        if inTrace, let first = line.first, first.isNumber, line.contains(" 0x") { continue }
        inTrace = false
        kept.append(line)
    }
    return kept.joined(separator: "\n")
}
