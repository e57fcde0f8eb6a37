import Foundation
import LabRuntime

/// The entry point of a compiled exercise: lists its tests, or runs one and reports the result.
///
/// `exercise check` runs each test in its own child process (`--run N`), so a test that loops
/// forever or traps costs only that test's points. Before running a test, the program reads a
/// secret token from standard input, before any learner code runs; the result line carries it,
/// so a result printed by learner code is not believed.
public enum ExerciseProgram {
    /// Reads the command line and acts on it: `--list` prints one `points<TAB>visibility<TAB>name`
    /// line per test (public tests first); `--run N` runs test N (0-based) and announces its result.
    public static func main(
        tests: [ExerciseTest], hiddenTests: [ExerciseTest] = [], arguments: [String] = CommandLine.arguments
    ) -> Never {
        ProgramSession.start()
        let all = tests.map { ($0, "public") } + hiddenTests.map { ($0, "hidden") }
        let words = Array(arguments.dropFirst())
        if words == ["--list"] {
            for (test, visibility) in all {
                print("\(test.points)\t\(visibility)\t\(RuntimeEvent.escape(test.name))")
            }
            exit(0)
        }
        if words.count == 2, words[0] == "--run", let index = Int(words[1]), all.indices.contains(index) {
            let token = readLine(strippingNewline: true) ?? ""
            let test = all[index].0
            do {
                try test.body()
                ProgramSession.announce(.testFinished(token: token, passed: true, message: ""))
            } catch {
                ProgramSession.announce(.testFinished(token: token, passed: false, message: "\(error)"))
            }
            exit(0)
        }
        FileHandle.standardError.write(Data("usage: --list | --run INDEX (0..<\(all.count))\n".utf8))
        exit(2)
    }
}
