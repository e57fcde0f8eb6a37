import Foundation
import LabToolchain
import Testing

@testable import Notebook

@Suite("Generating the cell program")
struct CellProgramTests {
    func program(_ cells: String...) throws -> CellProgram {
        let text = cells.map { "```swift\n\($0)\n```\n" }.joined(separator: "\n")
        return CellProgram(lesson: try Lesson.parse(text, path: "lessons/01-x.md"))
    }

    @Test("each cell is announced and placed at its lesson line")
    func announcesCells() throws {
        let source = try program("let x = 1", "print(x)").source
        #expect(source.contains("ProgramSession.announce(.cellStarted(index: 1))\n#sourceLocation(file: \"lessons/01-x.md\", line: 2)\nlet x = 1"))
        #expect(source.contains("#sourceLocation(file: \"lessons/01-x.md\", line: 6)\n__showCellResult(print(x))"))
        #expect(source.hasSuffix("ProgramSession.announce(.programFinished)\n"))
    }

    @Test("a redefined name is renamed in the earlier cells and the uses between", arguments: [
        // (cells, expected fragments)
        (["let x = 1", "print(x)", "let x = x + 1\nprint(x)"],
         ["let x__cell1 = 1", "print(x__cell1)", "let x = x__cell1 + 1\n__showCellResult(print(x))"]),
        (["struct Model { var x = 0 }", "extension Model { func f() -> Int { x } }", "struct Model {}"],
         ["struct Model__cell1 { var x = 0 }", "extension Model__cell1 { func f() -> Int { x } }", "struct Model {}"]),
    ])
    func renamesRedefinitions(cells: [String], fragments: [String]) throws {
        let text = cells.map { "```swift\n\($0)\n```\n" }.joined()
        let source = CellProgram(lesson: try Lesson.parse(text, path: "lessons/01-x.md")).source
        for fragment in fragments {
            #expect(source.contains(fragment), "missing \(fragment) in\n\(source)")
        }
    }

    @Test("members, parameters and locals with the same name are left alone")
    func leavesOtherBindingsAlone() throws {
        let source = try program(
            "let rate = 0.1\nfunc scaled(_ rate: Double) -> Double { rate * 2 }\nlet config = (rate: 1, b: 2)\nprint(config.rate)",
            "let rate = 0.5").source
        #expect(source.contains("let rate__cell1 = 0.1"))
        #expect(source.contains("func scaled(_ rate: Double) -> Double { rate * 2 }"))
        #expect(source.contains("print(config.rate)"))
    }

    @Test("only a final expression with a value is shown", arguments: [
        ("x", true), ("x + 1", true), ("try f()", true), ("await g()", true),
        ("x = 2", false), ("x += 2", false), ("if x > 0 { print(x) }", false), ("let y = 1", false),
        ("fatalError(\"stop\")", false), ("x == 2", true),
    ])
    func showsFinalExpressions(statement: String, shown: Bool) {
        #expect((CellAnalysis(code: "var x = 1\n\(statement)\n").lastExpression != nil) == shown)
    }

    @Test("columns after the value wrapper are moved back in diagnostics")
    func correctsColumns() throws {
        let program = try program("let a = 1\na + \"x\"")
        let shift = try #require(program.columnShifts.first)
        #expect(shift == CellProgram.ColumnShift(line: 3, fromColumn: 1, shift: CellProgram.wrapperPrefix.utf8.count))
        let reported = LabToolchainDiagnostic.make(line: 3, column: 3 + shift.shift, message: "no '+' for x__cell2")
        let corrected = program.corrected(reported)
        #expect(corrected.column == 3)
        #expect(corrected.message == "no '+' for x")
    }

    @Test("compile-fail and no-run cells stay out of the program; should-trap cells run in expectTrap")
    func specialCells() throws {
        let text = "```swift\nlet a = 1\n```\n```swift compile-fail\nlet b: String = a\n```\n```swift no-run\nwhile true {}\n```\n```swift should-trap\nprint([0][1])\n```\n"
        let lesson = try Lesson.parse(text, path: "lessons/01-x.md")
        let source = CellProgram(lesson: lesson).source
        #expect(!source.contains("let b: String"))
        #expect(!source.contains("while true"))
        #expect(source.contains("ProgramSession.expectTrap {\n#sourceLocation(file: \"lessons/01-x.md\", line: 11)\nprint([0][1])\n#sourceLocation()\n}"))
        let probe = CellProgram.compileFailureProbe(for: lesson.cells[1], in: lesson)
        #expect(probe.contains("let a = 1") && probe.contains("let b: String = a"))
        #expect(!probe.contains("print([0][1])"))
    }

    @Test("remembered cell analyses give the same program, and only new cell texts are parsed again")
    func rememberedAnalyses() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("memo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cells = ["let x = 1", "print(x)", "let x = x + 1\nx * 2", "\"data/points.csv\""]
        let text = cells.map { "```swift\n\($0)\n```\n" }.joined()
        let lesson = try Lesson.parse(text, path: "lessons/01-x.md")
        let fresh = CellProgram(lesson: lesson)

        let first = CellAnalysis.memo(in: folder)
        #expect(CellProgram(lesson: lesson, analyses: first).source == fresh.source)
        #expect(CellProgram(lesson: lesson, analyses: first).columnShifts == fresh.columnShifts)
        first.save()

        // A later run reads the file: every cell text (and the renamed one) is known, none is parsed.
        let second = CellAnalysis.memo(in: folder)
        var parsed: [String] = []
        for cell in lesson.cells {
            _ = second.value(for: cell.code) { code in
                parsed.append(code)
                return CellAnalysis(code: code)
            }
        }
        #expect(parsed.isEmpty)
        #expect(CellProgram(lesson: lesson, analyses: second).source == fresh.source)
        #expect(CellAnalysis.of(cells[3], memo: second).stringLiterals == ["data/points.csv"])

        // A changed cell is a new text: parsed, and the program follows the change.
        let edited = try Lesson.parse(text.replacingOccurrences(of: "x * 2", with: "let y = x * 2"), path: "lessons/01-x.md")
        _ = second.value(for: edited.cells[2].code) { code in
            parsed.append(code)
            return CellAnalysis(code: code)
        }
        #expect(parsed == [edited.cells[2].code])
        #expect(CellProgram(lesson: edited, analyses: second).source == CellProgram(lesson: edited).source)
        #expect(!CellProgram(lesson: edited, analyses: second).source.contains("__showCellResult(x * 2)"))
    }
}
