import CourseSite
import Foundation

/// The files the live course serves as they are: the theme's stylesheet and scripts, KaTeX,
/// CodeMirror (the editor, from Debian's `libjs-codemirror`, offline like KaTeX), the live pages'
/// own script and stylesheet, and the figures of runs. Each kind comes from one folder and
/// only by a path inside it: no `..`, no hidden files, figures only as PNG inside the cache.
struct StaticFiles: Sendable {
    /// The environment variable that names another CodeMirror 5 folder.
    static let codeMirrorVariable = "LOSSLAB_CODEMIRROR_DIR"
    /// Where Debian's package puts CodeMirror 5.
    static let debianCodeMirror = URL(fileURLWithPath: "/usr/share/javascript/codemirror")
    /// The CodeMirror files a live page loads.
    static let codeMirrorFiles = [
        "lib/codemirror.js", "lib/codemirror.css", "mode/swift/swift.js",
        "addon/edit/matchbrackets.js", "addon/edit/closebrackets.js",
    ]

    let katexFolder: URL
    let codeMirrorFolder: URL
    let liveFolder: URL?
    let cacheFolder: URL

    init(course: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        katexFolder = KaTeXFiles.folder(environment: environment)
        codeMirrorFolder = environment[Self.codeMirrorVariable].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? Self.debianCodeMirror
        liveFolder = Bundle.module.url(forResource: "Live", withExtension: nil)
        cacheFolder = course.appendingPathComponent(".lesson-cache").standardizedFileURL
    }

    /// Whether the editor's files are all there (otherwise the pages fall back to plain text areas).
    var hasCodeMirror: Bool {
        Self.codeMirrorFiles.allSatisfy { FileManager.default.fileExists(atPath: codeMirrorFolder.appendingPathComponent($0).path) }
    }

    /// The file behind a request path, if it is one of the files served as they are; `themeFile`
    /// finds the theme's stylesheet or script of a name (asked only for such names).
    func file(for path: String, themeFile: (String) -> URL?) -> URL? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first, parts.allSatisfy(Self.isPlainName) else { return nil }
        let rest = parts.dropFirst().joined(separator: "/")
        switch first {
        case "live":
            return liveFolder.map { $0.appendingPathComponent(rest) }.flatMap(existing)
        case "codemirror":
            return Self.codeMirrorFiles.contains(rest) ? existing(codeMirrorFolder.appendingPathComponent(rest)) : nil
        case CoursePages.katexFolderName:
            let allowed = ["katex.min.js", "katex.min.css", "contrib/auto-render.js"].contains(rest)
                || (parts.count == 3 && parts[1] == "fonts" && parts[2].hasPrefix("KaTeX_"))
            return allowed ? existing(katexFolder.appendingPathComponent(rest)) : nil
        case "run-images":
            guard rest.hasSuffix(".png") else { return nil }
            let inside = cacheFolder.resolvingSymlinksInPath().path + "/"
            return existing(cacheFolder.appendingPathComponent(rest)).flatMap { $0.path.hasPrefix(inside) ? $0 : nil }
        default:
            return parts.count == 1 ? themeFile(first).flatMap(existing) : nil
        }
    }

    /// The link of a figure a run wrote (its path in the course folder).
    static func imageLink(_ coursePath: String) -> String {
        let inCache = coursePath.hasPrefix(".lesson-cache/") ? String(coursePath.dropFirst(".lesson-cache/".count)) : coursePath
        return "/run-images/" + (inCache.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? inCache)
    }

    /// A name that stays inside its folder: not empty, not `.` or `..`, not hidden.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("\\") && !name.contains("\0")
    }

    private func existing(_ file: URL) -> URL? {
        var isFolder: ObjCBool = false
        let resolved = file.resolvingSymlinksInPath()
        return FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isFolder) && !isFolder.boolValue ? resolved : nil
    }
}
