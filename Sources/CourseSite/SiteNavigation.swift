import Foundation

/// The links every page shares: the sidebar's table of contents (chapters and exercises, the
/// current page marked, its sections listed) and the previous/next links, which walk the
/// chapters and then the exercises.
struct SiteNavigation {
    /// A page of the site.
    struct Page: Equatable {
        /// What the page is called in the table of contents.
        let title: String
        /// The page's path from the top of the site.
        let href: String
        /// The chapter number, for chapters.
        var number: Int?
        /// Whether a cell of the chapter failed.
        var failed = false
    }

    /// The chapters, in order.
    let chapters: [Page]
    /// The exercises, in order.
    let exercises: [Page]

    /// Chapters and then exercises: the order of previous/next.
    var sequence: [Page] { chapters + exercises }

    /// The layout's navigation context for the page at `href` (the index is `index.html`), whose
    /// headings of level 2 are listed under it in the sidebar.
    func context(for href: String, headings: [PageOutline.Heading] = []) -> [String: Any] {
        let sections: [[String: Any]] = headings.filter { $0.level == 2 }.map {
            ["title": $0.text, "href": "\(href)#\($0.anchor)"]
        }
        func entry(_ page: Page) -> [String: Any] {
            var entry: [String: Any] = ["title": page.title, "href": page.href, "failed": page.failed]
            if let number = page.number { entry["number"] = number }
            if page.href == href {
                entry["current"] = true
                if !sections.isEmpty {
                    entry["sections"] = sections
                    entry["hasSections"] = true
                }
            }
            return entry
        }
        var context: [String: Any] = [
            "chapters": chapters.map(entry),
            "exercises": exercises.map(entry),
            "hasExercises": !exercises.isEmpty,
            "indexCurrent": href == "index.html",
        ]
        let pages = sequence
        if href == "index.html" {
            if let first = pages.first { context["next"] = link(first) }
        } else if let position = pages.firstIndex(where: { $0.href == href }) {
            context["previous"] = position > 0 ? link(pages[position - 1]) : ["title": "Contents", "href": "index.html"]
            if position + 1 < pages.count { context["next"] = link(pages[position + 1]) }
        }
        return context
    }

    private func link(_ page: Page) -> [String: Any] {
        ["title": page.title, "href": page.href]
    }
}
