import Foundation
import Testing

@testable import Notebook

@Suite("Parsing lessons")
struct LessonParserTests {
    let source = """
        # Loss functions

        Some prose with a table:

        | a | b |
        |---|---|
        | 1 | 2 |

        ```swift
        let x = 1
        print(x)
        ```

        ```python
        print("not a cell")
        ```

            let indented = "not a cell either"

        ```swift hide
        print(x + 1)
        ```
        Closing words.
        """

    @Test("swift fences are cells with their lines and options; the rest is prose")
    func cellsAndProse() {
        let lesson = Lesson.parse(source, path: "lessons/01-loss-functions.md")
        #expect(lesson.title == "Loss functions")
        #expect(lesson.slug == "01-loss-functions")
        #expect(lesson.number == 1)
        #expect(lesson.cells.count == 2)
        let first = lesson.cells[0]
        #expect(first.index == 1)
        #expect(first.code == "let x = 1\nprint(x)\n")
        #expect(first.fenceLine == 9)
        #expect(first.firstCodeLine == 10)
        #expect(first.codeLines == 10...11)
        #expect(first.options.isEmpty)
        #expect(lesson.cells[1].options == ["hide"])
        #expect(lesson.cells[1].firstCodeLine == 21)

        guard case .prose(let intro, let line) = lesson.blocks[0] else {
            Issue.record("the lesson should start with prose")
            return
        }
        #expect(line == 1)
        #expect(intro.contains("| 1 | 2 |"))
        guard case .prose(let middle, _) = lesson.blocks[2] else {
            Issue.record("the python block and indented code should be prose between the cells")
            return
        }
        #expect(middle.contains("not a cell"))
        #expect(middle.contains("not a cell either"))
        guard case .prose(let closing, _) = lesson.blocks[4] else {
            Issue.record("the closing words should be prose")
            return
        }
        #expect(closing.contains("Closing words."))
    }

    @Test("a lesson without a heading is titled by its slug")
    func untitled() {
        let lesson = Lesson.parse("```swift\nprint(1)\n```\n", path: "lessons/intro.md")
        #expect(lesson.title == "intro")
        #expect(lesson.number == nil)
        #expect(lesson.cells.count == 1)
    }

    @Test("GFM tables, strikethrough and autolinks render to HTML")
    func rendersGFM() {
        let html = Markdown.html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ see https://example.org\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<td>1</td>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"https://example.org\">"))
    }

    @Test("the cell program announces each cell and points the compiler at the lesson's lines")
    func cellProgram() {
        let lesson = Lesson.parse(source, path: "lessons/01-loss-functions.md")
        let program = CellProgram.source(for: lesson)
        #expect(program.contains("import LossLab"))
        #expect(program.contains("ProgramSession.announce(.cellStarted(index: 1))"))
        #expect(program.contains("#sourceLocation(file: \"lessons/01-loss-functions.md\", line: 10)\nlet x = 1"))
        #expect(program.contains("#sourceLocation(file: \"lessons/01-loss-functions.md\", line: 21)\nprint(x + 1)"))
        #expect(program.contains("ProgramSession.announce(.programFinished)"))
    }
}
