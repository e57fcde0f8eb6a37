#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LabRuntime

/// The entry point of a compiled checks program (an exercise's checks, never linked with
/// learner code).
///
/// `--list` sends the checks' names, points and visibility; `--check N` runs check N (0-based,
/// public checks first), asking the grader to run probes as the check needs them, and sends the
/// verdict. Messages travel on standard input and the original standard output; whatever the
/// checks print goes to standard error, so a stray `print` cannot corrupt the channel.
public enum ChecksProgram {
    /// Lists the checks or runs one, then exits.
    public static func main(
        checks: [Check], hiddenChecks: [Check] = [], arguments: [String] = CommandLine.arguments
    ) -> Never {
        let channelOutput = dup(1)
        dup2(2, 1)
        let channel = FrameChannel(input: 0, output: channelOutput)
        let all = checks.map { ($0, false) } + hiddenChecks.map { ($0, true) }
        let words = Array(arguments.dropFirst())
        do {
            if words == ["--list"] {
                try channel.send(.listing(all.map { ListedCheck(name: $0.0.name, points: $0.0.points, hidden: $0.1) }))
                exit(0)
            }
            if words.count == 2, words[0] == "--check", let index = Int(words[1]), all.indices.contains(index) {
                let (check, hidden) = all[index]
                CheckContext.isHidden = hidden
                let verdict: GradingMessage
                do {
                    try check.body(Learner(channel: channel))
                    verdict = .verdict(passed: true, message: "")
                } catch {
                    verdict = .verdict(passed: false, message: "\(error)")
                }
                try channel.send(verdict)
                exit(0)
            }
        } catch {
            fputs("checks program: \(error)\n", stderr)
            exit(70)
        }
        fputs("usage: --list | --check INDEX (0..<\(all.count))\n", stderr)
        exit(2)
    }
}
