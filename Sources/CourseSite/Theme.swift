import Foundation
import Mustache

/// The templates, stylesheet and scripts that give the course site its look.
///
/// The default theme ships with LossLab (`Sources/CourseSite/Theme`). A course that has its own
/// `theme/` folder uses its files instead, file by file: a template, `style.css` or script the
/// course's folder lacks comes from the default theme, so a course can change one file.
struct Theme {
    /// The templates' names, each a `NAME.mustache` file (`sidebar` is a partial of `layout`).
    static let templateNames = ["layout", "sidebar", "index", "lesson", "exercise"]

    /// The folders the theme's files come from, the course's own first.
    let folders: [URL]
    let library: MustacheLibrary
    /// The files copied into the site as they are (stylesheet and scripts), by file name.
    let assets: [String: URL]

    /// Loads the theme from `folders`, taking each file from the first folder that has it.
    init(folders: [URL]) throws {
        self.folders = folders
        var templates: [String: MustacheTemplate] = [:]
        var assets: [String: URL] = [:]
        for folder in folders.reversed() {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where !name.hasPrefix(".") && !name.hasSuffix(".mustache") {
                assets[name] = folder.appendingPathComponent(name)
            }
            for name in Self.templateNames {
                let file = folder.appendingPathComponent("\(name).mustache")
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                do {
                    templates[name] = try MustacheTemplate(string: try String(contentsOf: file, encoding: .utf8))
                } catch {
                    throw SiteError("Could not load the template \(file.path): \(error). Fix the template, or remove it from the course's theme/ folder to use the default one.")
                }
            }
        }
        self.assets = assets
        library = MustacheLibrary(templates: templates)
    }

    /// The course's own `theme/` folder (when it has one) over the default theme.
    static func load(for courseFolder: URL) throws -> Theme {
        guard let bundled = Bundle.module.url(forResource: "Theme", withExtension: nil) else {
            throw SiteError("The default theme is missing from the LossLab build. Rebuild with `swift build`.")
        }
        let custom = courseFolder.appendingPathComponent("theme")
        let folders = FileManager.default.fileExists(atPath: custom.path) ? [custom, bundled] : [bundled]
        return try Theme(folders: folders)
    }

    /// Renders template `name` with `context`, then wraps it in the page layout.
    func page(_ name: String, _ context: [String: Any], layout: [String: Any]) throws -> String {
        guard let content = library.render(context, withTemplate: name) else {
            throw SiteError("The theme has no template \(name).mustache (looked in \(folderList)).")
        }
        var layoutContext = layout
        layoutContext["content"] = content
        guard let page = library.render(layoutContext, withTemplate: "layout") else {
            throw SiteError("The theme has no template layout.mustache (looked in \(folderList)).")
        }
        return page
    }

    /// Copies the stylesheet and scripts into the top of the site.
    func copyAssets(into site: URL) throws {
        for (name, file) in assets.sorted(by: { $0.key < $1.key }) {
            try SiteFiles.copy(file, to: site.appendingPathComponent(name))
        }
    }

    private var folderList: String { folders.map(\.path).joined(separator: ", ") }
}

/// A problem building the site, as a full sentence naming the file and what to do.
public struct SiteError: Error, CustomStringConvertible, Sendable {
    /// The explanation shown to the user.
    public let description: String

    /// Creates an error with a full-sentence explanation.
    public init(_ description: String) {
        self.description = description
    }
}
