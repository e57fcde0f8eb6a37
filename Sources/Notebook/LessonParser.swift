import Foundation

extension Lesson {
    /// Reads and parses the lesson at `file`; `path` in the result is relative to `courseFolder`.
    public static func load(from file: URL, courseFolder: URL) throws -> Lesson {
        let source: String
        do {
            source = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw NotebookError("Could not read the lesson \(file.path): \(error.localizedDescription). Check that the file exists and is UTF-8 text.")
        }
        let path = relativePath(of: file, inside: courseFolder)
        return try parse(source, path: path)
    }

    /// Parses lesson Markdown: every top-level fenced block whose info string starts with
    /// `swift` is a cell; everything between cells is prose.
    ///
    /// - Throws: ``NotebookError`` naming the file and line of an unknown or malformed cell
    ///   option, or of a cell id used twice.
    public static func parse(_ source: String, path: String) throws -> Lesson {
        let slug = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var blocks: [LessonBlock] = []
        var title: String?
        var proseStart = 1
        var cellCount = 0
        var cellIDs: [String: Int] = [:]

        func flushProse(before line: Int) {
            guard proseStart < line else { return }
            let text = lines[(proseStart - 1)..<min(line - 1, lines.count)].joined(separator: "\n")
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                blocks.append(.prose(markdown: text, line: proseStart))
            }
        }

        for block in Markdown.blocks(source) {
            switch block.kind {
            case .heading(let level, let text) where level == 1 && title == nil:
                title = text
            case .fencedCode(let info, let code):
                let words = info.split(whereSeparator: \.isWhitespace).map(String.init)
                guard words.first == "swift" else { continue }
                let location = "\(path):\(block.startLine)"
                let options = try CellOptions.parse(Array(words.dropFirst()), location: location)
                if let id = options.id, let first = cellIDs[id] {
                    throw NotebookError("\(location): the cell id “\(id)” is already used by the cell at line \(first); give each cell its own id.")
                }
                if let id = options.id { cellIDs[id] = block.startLine }
                flushProse(before: block.startLine)
                cellCount += 1
                blocks.append(
                    .cell(
                        Cell(
                            index: cellCount, code: code, firstCodeLine: block.startLine + 1,
                            fenceLine: block.startLine, endLine: block.endLine, options: options)))
                proseStart = block.endLine + 1
            default:
                continue
            }
        }
        flushProse(before: lines.count + 1)
        return Lesson(
            path: path, slug: slug, number: leadingNumber(of: slug), title: title ?? slug,
            blocks: blocks, source: source)
    }

    /// The number a file name starts with: `01-loss-functions` → 1.
    static func leadingNumber(of slug: String) -> Int? {
        Int(slug.prefix(while: \.isNumber))
    }

    /// `file`'s path relative to `folder`, or its full path when it lies elsewhere.
    public static func relativePath(of file: URL, inside folder: URL) -> String {
        let filePath = file.standardizedFileURL.path
        let folderPath = folder.standardizedFileURL.path
        let prefix = folderPath.hasSuffix("/") ? folderPath : folderPath + "/"
        return filePath.hasPrefix(prefix) ? String(filePath.dropFirst(prefix.count)) : filePath
    }
}
