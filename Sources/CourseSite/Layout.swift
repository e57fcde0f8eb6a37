import Foundation

/// The context of `layout.mustache`, the frame around every page: header with search and the
/// theme switch, sidebar, content, previous/next links, and the scripts and stylesheets.
enum Layout {
    /// Ids that `layout.mustache` and `sidebar.mustache` give elements.
    static let reservedAnchors: Set<String> = [
        "content", "sidebar", "search", "search-results", "theme-toggle", "menu-toggle", "top",
    ]

    /// The layout's context for one page.
    /// - Parameters:
    ///   - title: the page's title (the `<title>` adds the course's).
    ///   - courseTitle: the course's title.
    ///   - root: the path from the page's folder to the top of the site (`""` or `"../"`).
    ///   - navigation: the sidebar and previous/next links (``SiteNavigation/context(for:headings:)``).
    ///   - hasMath: whether the page loads KaTeX.
    static func context(
        title: String, courseTitle: String, root: String, navigation: [String: Any], hasMath: Bool
    ) -> [String: Any] {
        var context: [String: Any] = [
            "pageTitle": title, "courseTitle": courseTitle, "root": root, "hasMath": hasMath,
            "katex": KaTeXFiles.siteFolder, "searchIndex": SearchIndex.fileName,
        ]
        context.merge(navigation) { _, new in new }
        context["hasPager"] = navigation["previous"] != nil || navigation["next"] != nil
        return context
    }
}
