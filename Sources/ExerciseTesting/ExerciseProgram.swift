import Foundation
import LabRuntime

/// The entry point of a compiled exercise: lists its tests, or runs one and reports the result.
///
/// `exercise check` runs each test in its own child process (`--run N`), so a test that loops
/// forever or traps costs only that test's points.
public enum ExerciseProgram {
    /// Reads the command line and acts on it: `--list` prints one `points<TAB>name` line per
    /// test; `--run N` runs test N (0-based) and announces its result.
    public static func main(tests: [ExerciseTest], arguments: [String] = CommandLine.arguments) -> Never {
        ProgramSession.start()
        let words = Array(arguments.dropFirst())
        if words == ["--list"] {
            for test in tests {
                print("\(test.points)\t\(RuntimeEvent.escape(test.name))")
            }
            exit(0)
        }
        if words.count == 2, words[0] == "--run", let index = Int(words[1]), tests.indices.contains(index) {
            let test = tests[index]
            do {
                try test.body()
                ProgramSession.announce(.testFinished(name: test.name, passed: true, message: ""))
            } catch {
                ProgramSession.announce(.testFinished(name: test.name, passed: false, message: "\(error)"))
            }
            exit(0)
        }
        FileHandle.standardError.write(Data("usage: --list | --run INDEX (0..<\(tests.count))\n".utf8))
        exit(2)
    }
}
