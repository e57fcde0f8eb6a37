import Foundation

/// File operations of a site build, with errors that name the path.
enum SiteFiles {
    /// Creates the site folder, removing the pages of an earlier build.
    static func prepare(_ folder: URL) throws {
        let files = FileManager.default
        if files.fileExists(atPath: folder.path) {
            guard files.fileExists(atPath: folder.appendingPathComponent("index.html").path)
                || (try? files.contentsOfDirectory(atPath: folder.path).isEmpty) == true
            else {
                throw SiteError("\(folder.path) exists and is not a course site (it has no index.html). Choose another folder with --out, or empty it first; nothing was deleted.")
            }
            try? files.removeItem(at: folder)
        }
        try createFolder(folder)
    }

    static func createFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SiteError("Could not create the folder \(folder.path): \(error.localizedDescription).")
        }
    }

    static func write(_ text: String, to file: URL) throws {
        try createFolder(file.deletingLastPathComponent())
        do {
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            throw SiteError("Could not write \(file.path): \(error.localizedDescription).")
        }
    }

    static func copy(_ source: URL, to destination: URL) throws {
        try createFolder(destination.deletingLastPathComponent())
        try? FileManager.default.removeItem(at: destination)
        do {
            try FileManager.default.copyItem(at: source, to: destination)
        } catch {
            throw SiteError("Could not copy \(source.path) to \(destination.path): \(error.localizedDescription). Run the lesson again to recreate its outputs.")
        }
    }
}
