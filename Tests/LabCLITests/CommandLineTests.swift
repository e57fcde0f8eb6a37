import Foundation
import LabTestSupport
import LabToolchain
import Synchronization
import Testing

/// These tests launch the built `lesson`, `exercise` and `course` executables, as a learner would.
@Suite("The command-line tools")
struct CommandLineTests {
    func launch(_ tool: String, _ arguments: [String], in folder: URL = packageFolder, timeLimit: Double = 300)
        throws -> ProcessResult
    {
        try ChildProcess.run(
            buildFolder.appendingPathComponent(tool), arguments: arguments, workingDirectory: folder, timeLimit: timeLimit)
    }

    /// Width and height from a PNG's IHDR chunk.
    func pngSize(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes[12...15] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        let number = { (offset: Int) in bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    @Test("`lesson run 1` prints every cell's output and writes the figure")
    func runsChapterOne() throws {
        let result = try launch("lesson", ["run", "1", "--force"])
        #expect(result.ending.succeeded, "\(result.output)")
        let cellCount = result.output.components(separatedBy: "── cell ").count - 1
        #expect(cellCount >= 5)
        #expect(result.output.contains("✔ \(cellCount) cells of lessons/01-loss-functions.md ran"))
        #expect(result.output.contains("loss at the first guess:"))
        let imageLine = result.output.split(separator: "\n").first { $0.contains("[image]") }
        let imagePath = imageLine.map { String($0.split(separator: " ").last ?? "") } ?? ""
        let data = try Data(contentsOf: packageFolder.appendingPathComponent(imagePath))
        let size = pngSize(data)
        #expect(size?.0 == 720 && size?.1 == 440, "the figure is a 720×440 PNG, got \(String(describing: size))")
    }

    @Test("a type error exits non-zero and names the lesson file and line")
    func reportsTypeError() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-typo.md", "# Typo\n\n" + swiftCell("let n = 1") + swiftCell("let s: String = n"))
        let result = try launch("lesson", ["run", "1"], in: course.url)
        #expect(result.ending == .exited(status: 1))
        #expect(result.output.contains("lessons/01-typo.md:7:17: error: cannot convert value of type 'Int' to specified type 'String' (cell 2)"), "\(result.output)")
    }

    @Test("lesson run --json, lesson list, and a second run from the cache")
    func jsonListAndCache() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-one.md", "# One\n" + swiftCell("print(\"hello\")\n1 + 1"))
        try course.addLesson("02-two.md", "# Two\n" + swiftCell("let broken: Int = \"x\""))
        #expect(try launch("lesson", ["list"], in: course.url).output.contains("1\t01-one\tOne\t1 cells\tnever run"))
        let json = try launch("lesson", ["run", "--all", "--json"], in: course.url)
        #expect(json.ending == .exited(status: 1), "chapter 2 does not compile")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(runs.count == 2)
        let cells = try #require(runs[0]["cells"] as? [[String: Any]])
        #expect(cells.first?["output"] as? String == "hello\n")
        #expect(cells.first?["value"] as? String == "2")
        let list = try launch("lesson", ["list"], in: course.url).output
        #expect(list.contains("01-one\tOne\t1 cells\tpassed"))
        #expect(list.contains("02-two\tTwo\t1 cells\tdid not compile"))
        let again = try launch("lesson", ["run", "1"], in: course.url)
        #expect(again.output.contains("(from the cache"))
        #expect(again.output.contains("hello\nOut[1]: 2\n"))
    }

    @Test("`lesson run FILE` runs a draft outside course.json on its own, beside the chapter it copies")
    func runsADraftFile() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-one.md", "# One\n" + swiftCell("print(\"chapter\")"))
        try course.write(#"{"title": "T", "chapters": [{"file": "01-one.md", "prerequisites": []}]}"#, to: "lessons/course.json")
        let draft = try course.write("# Draft of one\n" + swiftCell("print(\"draft\", Tensor([0.123456]))"), to: "drafts/01-one.md")
        #expect(try launch("lesson", ["run", "1"], in: course.url).ending.succeeded)
        let result = try launch("lesson", ["run", draft.path], in: course.url)
        #expect(result.ending.succeeded, "\(result.output)")
        #expect(result.output.contains("a draft: drafts/01-one.md is not listed in lessons/course.json, so it runs on its own, with no prerequisites"), "\(result.output)")
        #expect(result.output.contains("draft tensor([0.1235])"))
        // The draft has its own cache: the chapter of the same name still replays its own run.
        let chapter = try launch("lesson", ["run", "1"], in: course.url)
        #expect(chapter.output.contains("(from the cache") && chapter.output.contains("chapter\n"), "\(chapter.output)")
        #expect(!chapter.output.contains("draft"))
    }

    @Test("`lesson run --all` prints one line for each chapter that replays from the cache")
    func allPrintsOneLinePerCachedChapter() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-one.md", "# One\n" + swiftCell("print(\"one\")\n1 + 1"))
        try course.addLesson("02-two.md", "# Two\n" + swiftCell("print(\"two\")") + swiftCell("print(\"more\")"))
        #expect(try launch("lesson", ["run", "--all"], in: course.url).ending.succeeded)
        let again = try launch("lesson", ["run", "--all"], in: course.url)
        #expect(again.ending.succeeded)
        let lines = again.output.split(separator: "\n")
        #expect(lines.count == 2, "\(again.output)")
        #expect(lines.first?.hasPrefix("✔ 1 cells of lessons/01-one.md unchanged since their last run") == true, "\(again.output)")
        #expect(lines.last?.hasPrefix("✔ 2 cells of lessons/02-two.md unchanged since their last run") == true, "\(again.output)")
    }

    @Test("lesson watch runs again when the chapter file changes")
    func watchReruns() throws {
        let course = try TemporaryCourse()
        let file = try course.addLesson("01-watch.md", "# W\n" + swiftCell("print(\"first version\")"))
        let editor = Thread {
            Thread.sleep(forTimeInterval: 4)
            try? "# W\n\(swiftCell("print(\"second version\")"))".write(to: file, atomically: true, encoding: .utf8)
        }
        editor.start()
        let result = try launch("lesson", ["watch", "1", "--max-runs", "2"], in: course.url)
        #expect(result.ending.succeeded, "\(result.output)")
        #expect(result.output.contains("first version"))
        #expect(result.output.contains("(run 2, watching for changes)"))
        #expect(result.output.contains("second version"))
    }

    @Test("lesson export writes an .ipynb that parses back")
    func exportsNotebook() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-nb.md", "# NB\n" + swiftCell("print(3)"))
        let file = course.url.appendingPathComponent("out.ipynb")
        let result = try launch("lesson", ["export", "1", "--ipynb", "--out", file.path], in: course.url)
        #expect(result.ending.succeeded, "\(result.output)")
        let notebook = try JSONSerialization.jsonObject(with: try Data(contentsOf: file)) as? [String: Any]
        #expect(notebook?["nbformat"] as? Int == 4)
    }

    @Test("a terminated `lesson run` stops its cell program and leaves no cached run")
    func interruptedRun() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-sleepy.md", "# S\n" + swiftCell("print(\"sleeping\")\nsleep(60)"))
        // Interrupt once the cell is running (not while the compiler runs), however loaded the machine is.
        let started = Mutex(false)
        let result = try ChildProcess.run(
            buildFolder.appendingPathComponent("lesson"), arguments: ["run", "1"], workingDirectory: course.url,
            timeLimit: 300, onLine: { line in if line.contains("sleeping") { started.withLock { $0 = true } } },
            watchdog: { started.withLock { $0 } ? "the cell is running" : nil })
        #expect(result.ending == .stopped(reason: "the cell is running"))
        #expect(result.output.contains("Interrupted; stopped the running program."))
        Thread.sleep(forTimeInterval: 1)
        let cacheFolder = course.url.appendingPathComponent(".lesson-cache/01-sleepy")
        #expect(!FileManager.default.fileExists(atPath: cacheFolder.appendingPathComponent("run.json").path))
        let survivors = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/pgrep"), arguments: ["-f", cacheFolder.path], timeLimit: 10)
        #expect(survivors.output.isEmpty, "the cell program is still running: \(survivors.output)")
    }

    @Test("an unknown cell option exits non-zero naming the file and line")
    func unknownOption() throws {
        let course = try TemporaryCourse()
        try course.addLesson("01-opt.md", "# O\n\n" + swiftCell("print(1)", options: "hdie"))
        let result = try launch("lesson", ["run", "1"], in: course.url)
        #expect(result.ending == .exited(status: 1))
        #expect(result.output.contains("lessons/01-opt.md:3: unknown cell option “hdie”"))
    }

    @Test("an unknown chapter exits non-zero with a sentence listing the chapters")
    func unknownChapter() throws {
        let result = try launch("lesson", ["run", "99"])
        #expect(result.ending == .exited(status: 1))
        #expect(result.output.contains("No lesson matches “99”"))
        #expect(result.output.contains("01-loss-functions"))
    }

    @Test("a learner's session: copy from the starter, check, progress, hints, reset, next", .enabled(if: hasReferenceSolutions))
    func learnerSession() throws {
        let course = try TemporaryCourse()
        try course.copyExercise("tversky-loss")
        let first = try launch("exercise", ["check", "tversky-loss"], in: course.url)
        #expect(first.ending == .exited(status: 1))
        #expect(first.output.contains("Made your copy my-exercises/tversky-loss.swift from the starter"))
        let list = try launch("exercise", ["list"], in: course.url).output
        #expect(list.contains("tversky-loss\tTversky loss\tbest 0/12 in 1 checks"))
        #expect(list.contains("Progress: 0/1 exercises passed."))
        #expect(try launch("exercise", ["hint", "tversky-loss"], in: course.url).output.hasPrefix("Hint 1/3:"))
        #expect(try launch("exercise", ["hint", "tversky-loss"], in: course.url).output.contains("Hint 2/3:"))
        #expect(try launch("exercise", ["next"], in: course.url).output.hasPrefix("Next: Tversky loss"))

        let copy = course.url.appendingPathComponent("my-exercises/tversky-loss.swift")
        try FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: course.url.appendingPathComponent("exercises/tversky-loss/Solution.swift"), to: copy)
        #expect(try launch("exercise", ["check", "tversky-loss"], in: course.url).ending.succeeded)
        #expect(try launch("exercise", ["list"], in: course.url).output.contains("Progress: 1/1 exercises passed."))
        #expect(try launch("exercise", ["next"], in: course.url).output.contains("You have passed every exercise."))

        let reset = try launch("exercise", ["reset", "tversky-loss"], in: course.url)
        #expect(reset.output.contains("Your previous file is kept as my-exercises/tversky-loss.swift."))
        #expect(try String(contentsOf: copy, encoding: .utf8).contains("TODO"))
    }

    @Test("`exercise check` passes the solution and fails the starter with readable messages", .enabled(if: hasReferenceSolutions))
    func checksExercise() throws {
        // In a copy of the course, so that the check leaves no progress in the package's own store.
        let course = try TemporaryCourse()
        try course.copyExercise("tversky-loss")
        let solution = try launch("exercise", ["check", "tversky-loss", "--file", "exercises/tversky-loss/Solution.swift"], in: course.url)
        #expect(solution.ending.succeeded, "\(solution.output)")
        #expect(solution.output.contains("7 of 7 checks passed. Score: 12/12"))
        let starter = try launch("exercise", ["check", "tversky-loss", "--file", "exercises/tversky-loss/Starter.swift"], in: course.url)
        #expect(starter.ending == .exited(status: 1))
        #expect(starter.output.contains("✘ the loss matches PyTorch"))
        #expect(starter.output.contains("Score: 0/"), "\(starter.output)")
    }

    @Test("runs of the same chapter started at the same moment take turns: each compiles, runs and reports in full")
    func concurrentRunsOfOneChapter() throws {
        // Seen in a fresh clone's CI: `course build` and `lesson run 1` in parallel tests wrote the
        // chapter's main.swift under each other's compiler ("modified during the build").
        let course = try TemporaryCourse()
        try course.addLesson("01-together.md", "# Together\n\n" + swiftCell("let numbers = (1...2000).map(Double.init)")
            + swiftCell("print(\"sum\", numbers.reduce(0, +))"))
        let results = Mutex<[ProcessResult?]>(Array(repeating: nil, count: 3))
        DispatchQueue.concurrentPerform(iterations: 3) { slot in
            let result = try? launch("lesson", ["run", "1", "--force"], in: course.url)
            results.withLock { $0[slot] = result }
        }
        for result in results.withLock({ $0 }) {
            let result = try #require(result)
            #expect(result.ending.succeeded, "\(result.output)")
            #expect(result.output.contains("sum 2001000.0"), "\(result.output)")
        }
    }

    @Test("`course build` writes an index and chapter pages with the figure")
    func buildsCourse() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("losslab-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try launch("course", ["build", "--out", site.path])
        #expect(result.ending.succeeded, "\(result.output)")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("01-loss-functions.html"))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("images/01-loss-functions/figure-1.png").path))
    }
}
