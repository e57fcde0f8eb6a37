import Foundation
import Mustache

/// The templates and stylesheet that give the course site its look.
///
/// The default theme ships with LossLab (`Sources/CourseSite/Theme`). A course that has its own
/// `theme/` folder uses it instead: copy the default there and edit it.
struct Theme {
    /// The templates' names, each a `NAME.mustache` file.
    static let templateNames = ["layout", "index", "lesson", "exercise"]

    let folder: URL
    let library: MustacheLibrary

    /// Loads the theme from `folder`.
    init(folder: URL) throws {
        self.folder = folder
        var templates: [String: MustacheTemplate] = [:]
        for name in Self.templateNames {
            let file = folder.appendingPathComponent("\(name).mustache")
            do {
                templates[name] = try MustacheTemplate(string: try String(contentsOf: file, encoding: .utf8))
            } catch {
                throw SiteError("Could not load the template \(file.path): \(error). Fix the template, or remove the course's theme/ folder to use the default theme.")
            }
        }
        library = MustacheLibrary(templates: templates)
    }

    /// The course's own `theme/` folder when it has one, else the default theme.
    static func load(for courseFolder: URL) throws -> Theme {
        let custom = courseFolder.appendingPathComponent("theme")
        if FileManager.default.fileExists(atPath: custom.path) {
            return try Theme(folder: custom)
        }
        guard let bundled = Bundle.module.url(forResource: "Theme", withExtension: nil) else {
            throw SiteError("The default theme is missing from the LossLab build. Rebuild with `swift build`.")
        }
        return try Theme(folder: bundled)
    }

    /// Renders template `name` with `context`, then wraps it in the page layout.
    func page(_ name: String, _ context: [String: Any], layout: [String: Any]) throws -> String {
        guard let content = library.render(context, withTemplate: name) else {
            throw SiteError("The theme has no template \(name).mustache (in \(folder.path)).")
        }
        var layoutContext = layout
        layoutContext["content"] = content
        guard let page = library.render(layoutContext, withTemplate: "layout") else {
            throw SiteError("The theme has no template layout.mustache (in \(folder.path)).")
        }
        return page
    }

    /// The stylesheet's path.
    var stylesheet: URL { folder.appendingPathComponent("style.css") }
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
