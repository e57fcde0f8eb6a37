import Foundation
import LabTestSupport
import LabToolchain
import Testing

@testable import Notebook

/// Notebook behaviour of whole lessons, compiled and run against the built LossLab.
@Suite("Notebook semantics")
struct NotebookSemanticsTests {
    func run(_ markdown: String, configure: (inout LessonRunner) -> Void = { _ in }) throws -> (LessonRun, TemporaryCourse) {
        let course = try TemporaryCourse()
        try course.addLesson("01-test.md", markdown)
        var runner = LessonRunner(
            course: CourseFolder(url: course.url),
            compiler: try SwiftCompiler(library: try LossLabLibrary(buildFolder: buildFolder)))
        configure(&runner)
        let lesson = try CourseFolder(url: course.url).lesson(named: "1")
        return (try runner.run(lesson), course)
    }

    @Test("a later cell may redefine a name; the later definition wins from there on")
    func redefinition() throws {
        let (run, _) = try run("""
            # R
            \(swiftCell("let rate = 0.1\nfunc describe() -> String { \"rate \\(rate)\" }\nprint(describe())"))
            \(swiftCell("print(rate)\nlet rate = rate * 10\nprint(rate)"))
            \(swiftCell("struct Model { let size = 1 }\nprint(Model().size)"))
            \(swiftCell("struct Model { let size = 2 }\nprint(Model().size, describe())"))
            """)
        #expect(run.succeeded, "\(run.diagnostics.map(\.formatted)) \(run.cells)")
        #expect(run.cells.map(\.output) == ["rate 0.1\n", "0.1\n1.0\n", "1\n", "2 rate 0.1\n"])
    }

    @Test("types, extensions, protocols, functions, async and throwing code work in cells")
    func declarationsAndEffects() throws {
        let (run, _) = try run("""
            # D
            \(swiftCell("protocol Shape { var area: Double { get } }\nstruct Square: Shape { let side: Double; var area: Double { side * side } }"))
            \(swiftCell("extension Square { var perimeter: Double { 4 * side } }\nfunc slow() async -> Int { 3 }\nenum Failure: Error { case bad }\nfunc check(_ ok: Bool) throws -> Int { if ok { return 1 }; throw Failure.bad }"))
            \(swiftCell("let s = Square(side: 2)\nlet n = await slow()\nlet c = try check(true)\nprint(s.area, s.perimeter, n, c)"))
            """)
        #expect(run.succeeded, "\(run.diagnostics.map(\.formatted)) \(run.cells)")
        #expect(run.cells[2].output == "4.0 8.0 3 1\n")
    }

    @Test("a cell ending in an expression shows its value; Void results and assignments show nothing")
    func lastExpressionValue() throws {
        let (run, _) = try run("""
            # V
            \(swiftCell("var total = 40\ntotal + 2"))
            \(swiftCell("total = 1"))
            \(swiftCell("print(\"hi\")"))
            \(swiftCell("Tensor([1, 2]) * 2"))
            """)
        #expect(run.succeeded, "\(run.cells)")
        #expect(run.cells.map(\.value) == ["42", nil, nil, "tensor([2.0, 4.0])"])
    }

    @Test("display shows tables with aligned columns, each column's numbers in one print format")
    func displaysTables() throws {
        let (run, _) = try run("# T\n" + swiftCell("display(Table([\"loss\", \"value\", \"n\"], [[\"MSE\", 0.25, 3], [\"Huber\", 1.0 / 3.0, 12]]))"))
        #expect(run.cells[0].output == "loss    value   n\n─────  ──────  ──\nMSE    0.2500   3\nHuber  0.3333  12\n")
    }

    @Test("numbers show with four decimals until a cell calls setPrintOptions, in prints, tables and Out[n]")
    func printOptions() throws {
        let (run, _) = try run("""
            # P
            \(swiftCell("let x = Tensor([0.6713697636783833, 2.5])\nprint(x)\n0.6713697636783833"))
            \(swiftCell("setPrintOptions(precision: 2)\nprint(x)\ndisplay(Table([\"v\"], [[1.0 / 3.0]]))\n[0.125, 1.0 / 3.0]"))
            \(swiftCell("print(\"loss \\(x.scalars[0], precision: 3)\")\nx.scalars[1] * 2"))
            """)
        #expect(run.succeeded, "\(run.diagnostics.map(\.formatted)) \(run.cells)")
        #expect(run.cells.map(\.output) == ["tensor([0.6714, 2.5000])\n", "tensor([0.67, 2.50])\n   v\n────\n0.33\n", "loss 0.671\n"])
        #expect(run.cells.map(\.value) == ["0.6714", "[0.12, 0.33]", "5.0"])
    }

    @Test("hide runs the cell; no-run shows it without running it")
    func hideAndNoRun() throws {
        let (run, _) = try run("# H\n" + swiftCell("print(\"hidden but run\")", options: "hide")
            + swiftCell("fatalError(\"must not run\")", options: "no-run"))
        #expect(run.succeeded)
        #expect(run.cells[0].output == "hidden but run\n")
        #expect(run.cells[1].status == .skipped)
    }

    @Test("a compile-fail cell passes when it fails to compile, with the error as its output")
    func compileFailPasses() throws {
        let (run, _) = try run("# C\n\n" + swiftCell("let n = 1") + swiftCell("let s: String = n", options: "compile-fail")
            + swiftCell("print(n + 1)"))
        #expect(run.succeeded, "\(run.cells)")
        #expect(run.cells[1].output.contains("lessons/01-test.md:7:17: error: cannot convert value of type 'Int'"))
        #expect(run.cells[2].output == "2\n")
    }

    @Test("a compile-fail cell that compiles fails the run")
    func compileFailThatCompiles() throws {
        let (run, _) = try run("# C\n" + swiftCell("let fine = 1", options: "compile-fail"))
        #expect(!run.succeeded)
        #expect(run.cells[0].status == .failed(message: "This cell is marked compile-fail, but it compiled without an error."))
    }

    @Test("a should-trap cell passes when it traps, and later cells still run")
    func shouldTrapPasses() throws {
        let (run, _) = try run("# T\n" + swiftCell("let items = [1]") + swiftCell("print(items[3])", options: "should-trap")
            + swiftCell("print(items.count)"))
        #expect(run.succeeded, "\(run.cells)")
        #expect(run.cells[1].output.contains("Fatal error: Index out of range"))
        #expect(!run.cells[1].output.contains("stack trace"))
        #expect(run.cells[2].output == "1\n")
    }

    @Test("a should-trap cell that finishes fails the run")
    func shouldTrapThatDoesNotTrap() throws {
        let (run, _) = try run("# T\n" + swiftCell("print(\"fine\")", options: "should-trap"))
        #expect(run.cells[0].status == .failed(message: "This cell is marked should-trap, but it finished without trapping."))
    }

    @Test("a cell past its own time limit is stopped and named; later cells are not run")
    func cellTimeout() throws {
        let started = Date()
        let (run, _) = try run("# T\n" + swiftCell("print(\"start\")") + swiftCell("while true {}", options: "timeout=1")
            + swiftCell("print(\"after\")"))
        #expect(Date().timeIntervalSince(started) < 30)
        guard case .failed(let message) = run.cells[1].status else {
            Issue.record("cell 2 should fail, got \(run.cells[1].status)")
            return
        }
        #expect(message.hasPrefix("Cell 2 did not finish within 1 second"))
        #expect(run.cells[2].status == .notRun)
        #expect(!run.completed)
    }

    @Test("a flood of output is truncated with a note")
    func outputLimit() throws {
        let (run, _) = try run("# F\n" + swiftCell("for i in 0..<100_000 { print(\"line \\(i) of too much output\") }"))
        #expect(run.succeeded)
        #expect(run.cells[0].output.utf8.count < OutputSplitter.cellOutputLimit + 200)
        #expect(run.cells[0].output.contains("[output truncated:"))
    }

    @Test("the exported notebook parses back as nbformat 4 with outputs, values and images")
    func exportsNotebook() throws {
        let (run, course) = try run("""
            # Export
            Some prose.
            \(swiftCell("print(\"printed\")\n6 * 7"))
            \(swiftCell("let figure = Figure(width: 200, height: 150)\nfigure.axes.plot([0, 1], [1, 0])\ndisplay(figure)", options: "id=plot hide"))
            """)
        let lesson = try CourseFolder(url: course.url).lesson(named: "1")
        let data = try NotebookExport.ipynb(lesson: lesson, run: run, courseFolder: course.url)
        let notebook = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(notebook["nbformat"] as? Int == 4)
        #expect((notebook["nbformat_minor"] as? Int ?? 0) >= 5)
        let cells = try #require(notebook["cells"] as? [[String: Any]])
        #expect(cells.map { $0["cell_type"] as? String } == ["markdown", "code", "code"])
        let ids = cells.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == 3 && ids.contains("plot"))
        let first = try #require(cells[1]["outputs"] as? [[String: Any]])
        #expect(first.map { $0["output_type"] as? String } == ["stream", "execute_result"])
        #expect((first[0]["text"] as? [String])?.joined() == "printed\n")
        #expect(((first[1]["data"] as? [String: Any])?["text/plain"] as? [String]) == ["42"])
        let second = try #require(cells[2]["outputs"] as? [[String: Any]])
        let png = try #require((second.first?["data"] as? [String: Any])?["image/png"] as? String)
        #expect(Data(base64Encoded: png)?.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(((cells[2]["metadata"] as? [String: Any])?["jupyter"] as? [String: Bool])?["source_hidden"] == true)
    }
}
