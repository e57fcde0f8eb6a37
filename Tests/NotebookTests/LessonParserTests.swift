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
    func cellsAndProse() throws {
        let lesson = try Lesson.parse(source, path: "lessons/01-loss-functions.md")
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
        #expect(first.options == CellOptions())
        #expect(lesson.cells[1].options.hidden)
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
    func untitled() throws {
        let lesson = try Lesson.parse("```swift\nprint(1)\n```\n", path: "lessons/intro.md")
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

    @Test("cell options are read from the fence")
    func options() throws {
        let text = swiftFence("id=setup hide timeout=2.5") + swiftFence("no-run") + swiftFence("compile-fail")
            + swiftFence("should-trap")
        let cells = try Lesson.parse(text, path: "lessons/x.md").cells
        #expect(cells[0].options.id == "setup")
        #expect(cells[0].options.hidden)
        #expect(cells[0].timeLimit == 2.5)
        #expect(cells[1].options.runs == false)
        #expect(cells[1].timeLimit == CellOptions.defaultTimeLimit)
        #expect(cells[2].options.expectation == .failsToCompile)
        #expect(cells[3].options.expectation == .traps)
    }

    @Test("unknown, malformed and conflicting options are errors naming the file and line", arguments: [
        ("hdie", "lessons/x.md:3: unknown cell option “hdie”"),
        ("timeout=soon", "lessons/x.md:3: timeout=soon is not a positive number"),
        ("id=a/b", "lessons/x.md:3: the cell id “a/b”"),
        ("no-run should-trap", "lessons/x.md:3: a no-run cell is never compiled"),
    ])
    func badOptions(option: String, message: String) {
        let error = #expect(throws: NotebookError.self) {
            try Lesson.parse("# T\n\n" + swiftFence(option), path: "lessons/x.md")
        }
        #expect(error?.description.hasPrefix(message) == true, "got: \(error?.description ?? "")")
    }

    @Test("a cell id used twice is an error naming both lines")
    func duplicateIDs() {
        let error = #expect(throws: NotebookError.self) {
            try Lesson.parse(swiftFence("id=a") + swiftFence("id=a"), path: "lessons/x.md")
        }
        #expect(error?.description.contains("lessons/x.md:4: the cell id “a” is already used by the cell at line 1") == true)
    }

    func swiftFence(_ options: String) -> String { "```swift \(options)\nprint(1)\n```\n" }
}
