import Foundation

/// Reads a built site the way a browser would follow it: every page, its links and its ids.
struct SiteLinks {
    let folder: URL

    /// Every HTML page of the site.
    func pages() -> [URL] {
        var pages: [URL] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL {
            if file.pathExtension == "html" { pages.append(file.standardizedFileURL) }
        }
        return pages.sorted { $0.path < $1.path }
    }

    /// Every value of `attribute` (such as `href` or `src`) in `html`.
    static func values(of attribute: String, in html: String) -> [String] {
        var values: [String] = []
        var rest = html[...]
        while let start = rest.range(of: " \(attribute)=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            values.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return values
    }

    /// The problems of the site: links to missing files, and `#anchors` missing on their page.
    func brokenLinks() throws -> (broken: [String], checked: Int) {
        var broken: [String] = []
        var checked = 0
        var ids: [String: Set<String>] = [:]
        func idsOf(_ page: URL) throws -> Set<String> {
            if let known = ids[page.path] { return known }
            let found = Set(Self.values(of: "id", in: try String(contentsOf: page, encoding: .utf8)))
            ids[page.path] = found
            return found
        }
        for page in pages() {
            let html = try String(contentsOf: page, encoding: .utf8)
            for link in Self.values(of: "href", in: html) + Self.values(of: "src", in: html) {
                guard !link.contains("://"), !link.hasPrefix("mailto:") else { continue }
                checked += 1
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = parts.first.map(String.init) ?? ""
                let target = path.isEmpty
                    ? page : URL(fileURLWithPath: path, relativeTo: page.deletingLastPathComponent()).standardizedFileURL
                guard FileManager.default.fileExists(atPath: target.path) else {
                    broken.append("\(page.lastPathComponent) → \(link): no such file")
                    continue
                }
                if parts.count == 2, !parts[1].isEmpty, target.pathExtension == "html",
                    !(try idsOf(target)).contains(String(parts[1]))
                {
                    broken.append("\(page.lastPathComponent) → \(link): no element with that id")
                }
            }
        }
        return (broken, checked)
    }
}
