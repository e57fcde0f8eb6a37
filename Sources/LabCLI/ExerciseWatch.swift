import ArgumentParser
import Foundation
import Grader

extension ExerciseCommand {
    /// `exercise watch <name>`: check again whenever the file is saved.
    public struct Watch: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Check your file, then check it again each time you save it (Ctrl-C stops).")

        @OptionGroup var options: CourseOptions

        @Argument(help: "The exercise's folder name.")
        var name: String

        @Option(help: "The Swift file to watch (default: my-exercises/<name>.swift).")
        var file: String?

        @Option(help: .hidden)
        var maxRuns: Int?

        /// Creates the subcommand.
        public init() {}

        /// Watches the file and re-checks it on every change.
        public func run() throws {
            try reportingErrors {
                let context = try ExerciseContext(options)
                let exercise = try context.catalog.exercise(named: name)
                let copy = context.workingCopy(of: exercise)
                if file == nil { try copy.ensureExists() }
                let watched = file.map { URL(fileURLWithPath: $0) } ?? copy.file
                var runs = 0
                var lastSeen: Date?
                while maxRuns.map({ runs < $0 }) ?? true {
                    let modified = (try? FileManager.default.attributesOfItem(atPath: watched.path))?[.modificationDate] as? Date
                    if modified != lastSeen {
                        lastSeen = modified
                        runs += 1
                        do {
                            _ = try context.check(exercise, file: watched.path, timeLimit: nil)
                        } catch {
                            write("error: \(error)\n")
                        }
                        write("(watching \(watched.lastPathComponent) for changes)\n")
                    }
                    Thread.sleep(forTimeInterval: 0.3)
                }
            }
        }
    }
}
