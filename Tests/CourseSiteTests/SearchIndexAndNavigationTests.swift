import Foundation
import Testing

@testable import CourseSite

@Suite("Search index and navigation")
struct SearchIndexAndNavigationTests {
    @Test("the index has one entry per section with its anchor, written as a script setting a global")
    func searchIndex() throws {
        var outline = PageOutline()
        _ = outline.prose("# Huber loss\n\nRobust to outliers.\n\n## The delta\n\nWhere it bends.")
        outline.code("let huber = HuberLoss(delta: 1)")
        var index = SearchIndex()
        index.add(page: "Huber loss", url: "05-huber.html", outline: outline)
        #expect(index.entries == [
            .init(page: "Huber loss", section: "Huber loss", url: "05-huber.html#huber-loss", text: "Robust to outliers."),
            .init(page: "Huber loss", section: "The delta", url: "05-huber.html#the-delta",
                  text: "Where it bends. let huber = HuberLoss(delta: 1)"),
        ])
        let script = try index.script()
        let prefix = "window.LossLabSearchIndex = "
        #expect(script.hasPrefix(prefix) && script.hasSuffix(";\n"))
        let json = script.dropFirst(prefix.count).dropLast(2)
        let decoded = try JSONDecoder().decode([SearchIndex.Entry].self, from: Data(json.utf8))
        #expect(decoded == index.entries)
    }

    @Test("the sidebar marks the current page and lists its sections; previous/next walk chapters then exercises")
    func navigation() {
        let navigation = SiteNavigation(
            chapters: [
                .init(title: "One", href: "01-one.html", number: 1),
                .init(title: "Two", href: "02-two.html", number: 2, failed: true),
            ],
            exercises: [.init(title: "Task", href: "exercises/task.html")])
        let headings = [
            PageOutline.Heading(level: 1, text: "Two", anchor: "two"),
            PageOutline.Heading(level: 2, text: "Part", anchor: "part"),
        ]
        let context = navigation.context(for: "02-two.html", headings: headings)
        let chapters = context["chapters"] as? [[String: Any]] ?? []
        #expect(chapters.count == 2)
        #expect(chapters[0]["current"] == nil)
        #expect(chapters[1]["current"] as? Bool == true)
        #expect(chapters[1]["failed"] as? Bool == true)
        let sections = chapters[1]["sections"] as? [[String: Any]] ?? []
        #expect(sections.map { $0["href"] as? String } == ["02-two.html#part"])
        #expect((context["previous"] as? [String: Any])?["href"] as? String == "01-one.html")
        #expect((context["next"] as? [String: Any])?["href"] as? String == "exercises/task.html")

        let first = navigation.context(for: "01-one.html")
        #expect((first["previous"] as? [String: Any])?["href"] as? String == "index.html")
        let last = navigation.context(for: "exercises/task.html")
        #expect(last["next"] == nil)
        let index = navigation.context(for: "index.html")
        #expect(index["indexCurrent"] as? Bool == true)
        #expect((index["next"] as? [String: Any])?["href"] as? String == "01-one.html")
    }
}

@Suite("Exercise pages")
struct ExercisePageTests {
    @Test("the README's Hints section leaves the task and becomes folded hints")
    func readmeHints() {
        let (task, hints) = ExercisePage.separatingHints(from: """
            # Task

            Do it.

            ## Hints

            - First, with `code`.
            - Second,
              on two lines.

            ## After

            More.
            """)
        #expect(task == "# Task\n\nDo it.\n\n## After\n\nMore.")
        #expect(hints == ["First, with `code`.", "Second,\non two lines."])
        #expect(ExercisePage.separatingHints(from: "# T\n\n## Hints\n\nJust think.\n").hints == ["Just think."])
        #expect(ExercisePage.separatingHints(from: "# T\n\nNo hints.").hints.isEmpty)
    }
}
