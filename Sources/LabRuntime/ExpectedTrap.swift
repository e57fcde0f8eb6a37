#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ProgramSession {
    /// Runs a `should-trap` cell in a forked copy of the program, so that its trap is observed
    /// without ending the lesson: the copy runs `body`, the original waits and announces whether
    /// the copy trapped. Whatever `body` changes is lost with the copy, so later cells see the
    /// program as it was before this cell.
    public static func expectTrap(_ body: () throws -> Void) {
        fflush(nil)
        let child = fork()
        if child == 0 {
            do {
                try body()
            } catch {
                print("Error thrown (not a trap): \(error)")
            }
            fflush(nil)
            _exit(0)
        }
        guard child > 0 else {
            print("Could not fork to run this should-trap cell; it was skipped.")
            announce(.expectedTrapMissing)
            return
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        // WIFSIGNALED: the low 7 bits hold the signal number, 0 means a normal exit.
        let signal = status & 0x7f
        announce(signal != 0 && signal != 0x7f ? .expectedTrapHappened : .expectedTrapMissing)
    }
}

/// Shows the value of a cell's last expression; generated cell programs call it, learners
/// call `display(_:)` instead.
public func __showCellResult<Value>(_ value: Value) {
    ProgramSession.announce(.value(text: String(describing: value)))
}

/// A last expression of type `Void` (an assignment, a call that returns nothing) shows nothing.
public func __showCellResult(_ value: Void) {}
