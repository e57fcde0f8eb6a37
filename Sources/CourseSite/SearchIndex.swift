import Foundation

/// The site's full-text search index: one entry per section of every page (headings, prose and
/// code), written as `search-index.js`, a script that assigns a global, because pages opened
/// from disk (file://) may not `fetch` a JSON file. The theme's `search.js` searches it.
struct SearchIndex {
    /// One section of one page.
    struct Entry: Codable, Equatable {
        /// The page's title.
        let page: String
        /// The section's heading (the page's title for text before the first heading).
        let section: String
        /// The section's address relative to the top of the site, with its `#anchor`.
        let url: String
        /// The section's prose and code as plain text.
        let text: String
    }

    /// The file name of the index in the site.
    static let fileName = "search-index.js"
    /// The global the script assigns.
    static let globalName = "LossLabSearchIndex"

    /// The entries, in page order.
    private(set) var entries: [Entry] = []

    /// Adds the sections of the page `title` at `url` (relative to the top of the site).
    mutating func add(page title: String, url: String, outline: PageOutline) {
        for section in outline.sections {
            let heading = section.heading
            guard !section.text.isEmpty || heading != nil else { continue }
            entries.append(
                Entry(
                    page: title,
                    section: heading?.text ?? title,
                    url: heading.map { "\(url)#\($0.anchor)" } ?? url,
                    text: section.text))
        }
    }

    /// The index as a script: `window.LossLabSearchIndex = [...];`.
    func script() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json: String
        do {
            json = String(decoding: try encoder.encode(entries), as: UTF8.self)
        } catch {
            throw SiteError("Could not encode the search index: \(error).")
        }
        return "window.\(Self.globalName) = \(json);\n"
    }
}
