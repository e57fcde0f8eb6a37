import Foundation

/// KaTeX, the math typesetter the pages use, copied from Debian's `libjs-katex` package into the
/// site at build time so that math renders offline (no CDN).
public enum KaTeXFiles {
    /// The environment variable that names another KaTeX folder (with `katex.min.js`,
    /// `katex.min.css`, `contrib/auto-render.js` and `fonts/`).
    public static let folderVariable = "LOSSLAB_KATEX_DIR"
    /// Where Debian's package puts KaTeX.
    static let debianFolder = URL(fileURLWithPath: "/usr/share/javascript/katex")
    /// The line that installs Debian's package.
    static let installLine = "sudo apt-get install libjs-katex"
    /// The files a page loads, relative to the KaTeX folder (the fonts come along).
    static let files = ["katex.min.js", "katex.min.css", "contrib/auto-render.js"]
    /// Where KaTeX goes in the site.
    static let siteFolder = "katex"

    /// The KaTeX folder: `$LOSSLAB_KATEX_DIR`, or Debian's.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let explicit = environment[folderVariable], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        return debianFolder
    }

    /// Copies KaTeX and its fonts into `site/katex/`, or explains how to install it.
    static func copy(into site: URL, from folder: URL = folder()) throws {
        let missing = files.filter { !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard missing.isEmpty else {
            throw SiteError("Some pages have math, which needs KaTeX, and \(folder.path) lacks \(missing.joined(separator: ", ")). Install Debian's package with `\(installLine)` (or set \(folderVariable) to a KaTeX folder), then build again.")
        }
        let destination = site.appendingPathComponent(siteFolder)
        for file in files {
            try SiteFiles.copy(
                folder.appendingPathComponent(file).resolvingSymlinksInPath(),
                to: destination.appendingPathComponent(file))
        }
        let fonts = folder.appendingPathComponent("fonts").resolvingSymlinksInPath()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fonts.path)) ?? []
        for name in names.sorted() where name.hasPrefix("KaTeX_") {
            try SiteFiles.copy(
                fonts.appendingPathComponent(name).resolvingSymlinksInPath(),
                to: destination.appendingPathComponent("fonts").appendingPathComponent(name))
        }
    }
}
