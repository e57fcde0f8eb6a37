import Foundation

/// What became of a learner's copy when the chapter it was made from changed (an instructor
/// fixed a cell or the prose, say): see ``LearnerLessonCopy/followChapterChanges()``.
public enum ChapterChangeOutcome: Sendable, Equatable {
    /// The chapter did not change since the copy was last saved (or the copy predates this check).
    case unchanged
    /// The copy now holds the new chapter with the learner's edited cells carried over; the
    /// previous copy was kept at `backup` (relative to the course folder).
    case carriedOver(cells: [Int], backup: String)
    /// The learner's edits could not be carried over (`reason`); the copy was left as it was.
    case kept(reason: String)

    /// A sentence for the learner, or nil when there is nothing to say.
    public var message: String? {
        switch self {
        case .unchanged:
            return nil
        case .carriedOver(let cells, let backup):
            let edits = cells.isEmpty
                ? "none of your edits differed from it, so your copy was retired"
                : "your edits to cell \(cells.map(String.init).joined(separator: ", ")) were carried over to the new version"
            return "This chapter changed since you last edited it: \(edits). Your previous copy is saved as \(backup)."
        case .kept(let reason):
            return "This chapter changed since you made your copy, and \(reason), so your copy is shown as you left it. "
                + "Use Show original to see the new version; to start again from it, move your copy out of my-lessons/ (your edits stay in it)."
        }
    }
}

extension LearnerLessonCopy {
    /// Brings the learner's copy up to date with the chapter when the chapter changed after the
    /// copy was last saved. The edited cells (those that differ from the chapter the copy was made
    /// from, kept in ``baseFile``) are put into the new chapter when it has the same cells and the
    /// instructor did not change those same cells; otherwise nothing is touched. The copy is saved
    /// under `my-lessons/.backups/` before it is replaced, so no edit is ever lost.
    ///
    /// - Throws: ``NotebookError`` when the copy, its base or the backup cannot be read or written.
    public func followChapterChanges(now: Date = Date()) throws -> ChapterChangeOutcome {
        guard exists, let baseSource = try? String(contentsOf: baseFile, encoding: .utf8),
              baseSource != original.source
        else { return .unchanged }
        let base = try Lesson.parse(baseSource, path: path)
        let copy = try current()
        let baseCode = Dictionary(uniqueKeysWithValues: base.cells.map { ($0.index, $0.code) })
        let newCode = Dictionary(uniqueKeysWithValues: original.cells.map { ($0.index, $0.code) })
        guard copy.cells.count == base.cells.count else {
            return .kept(reason: "your copy's cells no longer line up with the chapter it was made from")
        }
        let edits = copy.cells.filter { baseCode[$0.index] != $0.code }
        guard original.cells.count == base.cells.count else {
            return .kept(reason: "it gained or lost cells")
        }
        let clashes = edits.filter { newCode[$0.index] != baseCode[$0.index] && newCode[$0.index] != $0.code }
        guard clashes.isEmpty else {
            let cells = clashes.map { String($0.index) }.joined(separator: ", ")
            return .kept(reason: "it changed cell \(cells), which you edited too")
        }
        let backup = try keepBackup(of: copy.source, now: now)
        let merged = try original.replacingCode(
            Dictionary(uniqueKeysWithValues: edits.map { ($0.index, $0.code) }), path: path)
        if merged.source == original.source {
            try remove()
        } else {
            try write(merged.source, to: file, what: "your copy \(path)")
            try write(original.source, to: baseFile, what: "the chapter's version for your copy")
        }
        return .carriedOver(cells: edits.map(\.index), backup: backup)
    }

    /// Saves `source` as `my-lessons/.backups/<slug>-<date and time>.md` and returns that path.
    func keepBackup(of source: String, now: Date) throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var name = "\(original.slug)-\(formatter.string(from: now)).md"
        let folder = file.deletingLastPathComponent().appendingPathComponent(".backups")
        var attempt = 1
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            attempt += 1
            name = "\(original.slug)-\(formatter.string(from: now))-\(attempt).md"
        }
        try write(source, to: folder.appendingPathComponent(name), what: "a backup of your copy")
        return "\(Self.folderName)/.backups/\(name)"
    }

    /// Writes `text` to `url` in one step (a new file renamed over the old one).
    func write(_ text: String, to url: URL, what: String) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw NotebookError("Could not write \(what): \(error.localizedDescription). Check that the course folder is writable.")
        }
    }
}
