import ArgumentParser
import Foundation
import Notebook

extension LessonCommand {
    /// `lesson watch <chapter>`: run again whenever the chapter file is saved.
    public struct Watch: ParsableCommand {
        /// The subcommand's help.
        public static let configuration = CommandConfiguration(
            abstract: "Run a chapter, then run it again each time its file changes (Ctrl-C stops).")

        @OptionGroup var options: ChapterOptions

        @Argument(help: "The chapter: a number, a slug or a file.")
        var chapter: String

        @Option(help: .hidden)
        var maxRuns: Int?

        /// Creates the subcommand.
        public init() {}

        /// Watches the chapter file and re-runs it on every change.
        public func run() throws {
            try reportingErrors {
                let folder = try options.course.courseFolder()
                let runner = try options.runner(for: folder)
                var runs = 0
                var lastSeen: Date?
                var file = try folder.lesson(named: chapter).path
                while maxRuns.map({ runs < $0 }) ?? true {
                    let modified = Self.modificationDate(folder.url.appendingPathComponent(file))
                    if modified != lastSeen {
                        lastSeen = modified
                        runs += 1
                        do {
                            let lesson = try folder.lesson(named: chapter)
                            file = lesson.path
                            let report = LessonReport(lesson: lesson)
                            write("▶ \(lesson.path) (run \(runs), watching for changes)\n")
                            let run = try runner.run(lesson) { event in
                                write(report.text(for: event))
                            }
                            write(report.replay(run, onlyCellsOutsideTheProgram: !run.fromCache))
                            write(report.summary(run))
                        } catch {
                            // A broken save (an unknown option, say) is reported; watching goes on.
                            write("error: \(error)\n")
                        }
                    }
                    Thread.sleep(forTimeInterval: 0.3)
                }
            }
        }

        static func modificationDate(_ file: URL) -> Date? {
            (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date
        }
    }
}
