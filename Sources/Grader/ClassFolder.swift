#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A class folder as `exercise grade` finds it: one folder per student, each holding
/// `<exercise-slug>.swift` files.
///
/// The folder is listed with `lstat`, never following a link: only real folders directly inside
/// it are students, and only regular files directly inside a student's folder are submissions.
/// A student "folder" that is a symbolic link, or a submission that is a link, a FIFO, a socket,
/// a device, a folder, a hard link or larger than ``SubmissionFile/sizeLimit`` is refused: it is
/// never opened, and a ``Refusal`` names it so the instructor sees it. Other files (the gradebook,
/// exports, notes, `results.json`) and names starting with `.` are left alone.
///
/// Student names are kept exactly as the folder names are, whatever characters they hold; the
/// exports make them safe for their formats (see ``GradebookExport``).
public struct ClassFolder: Sendable {
    /// A file or folder that was not graded, and why.
    public struct Refusal: Sendable, Equatable, CustomStringConvertible {
        /// The student's folder name.
        public let student: String
        /// The exercise's slug, or nil when the student's whole folder was refused.
        public let exercise: String?
        /// The refused path.
        public let path: String
        /// What was wrong, in a few words: "is a symbolic link".
        public let reason: String
        /// What the instructor can do about it.
        public let remedy: String

        /// A refusal of `path`.
        public init(student: String, exercise: String?, path: String, reason: String, remedy: String) {
            self.student = student
            self.exercise = exercise
            self.path = path
            self.reason = reason
            self.remedy = remedy
        }

        /// The refusal of a submission file that ``SubmissionFile/read(_:)`` would not read.
        public init(student: String, exercise: String?, error: SubmissionFileError) {
            self.init(student: student, exercise: exercise, path: error.path, reason: error.reason, remedy: error.remedy)
        }

        /// The full sentence: path (control characters made visible), reason, remedy.
        public var description: String {
            "\(VisibleText.escapingControls(path)) \(reason), so it was not read or graded. \(remedy)"
        }
    }

    /// The class folder.
    public let folder: URL
    /// The students: the real folders directly inside ``folder``, sorted.
    public let students: [String]
    /// Every submission to grade, by student then exercise.
    public let submissions: [BatchGrader.Submission]
    /// Everything refused, by student then exercise.
    public let refusals: [Refusal]

    /// Lists `folder`, taking `<student>/<slug>.swift` as a submission for every slug in `exercises`.
    public init(scanning folder: URL, exercises: Set<String>) throws {
        self.folder = folder
        let top = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard top >= 0 else {
            throw GraderError("Could not open the submissions folder \(VisibleText.escapingControls(folder.path)) (\(SubmissionFile.errorText(errno))). It should hold one folder per student, each with <exercise>.swift files.")
        }
        defer { close(top) }
        var students: [String] = []
        var submissions: [BatchGrader.Submission] = []
        var refusals: [Refusal] = []
        for entry in try Self.entries(of: top, path: folder.path) where !entry.name.hasPrefix(".") {
            let studentFolder = folder.appendingPathComponent(entry.name, isDirectory: true)
            func refuse(_ reason: String, _ remedy: String) {
                refusals.append(Refusal(student: entry.name, exercise: nil, path: studentFolder.path, reason: reason, remedy: remedy))
            }
            guard entry.isUTF8 else {
                refuse("has a name that is not UTF-8", "Rename the folder (for example with convmv) and grade again.")
                continue
            }
            switch entry.status.st_mode & S_IFMT {
            case S_IFDIR:
                break
            case S_IFREG:
                continue  // the gradebook, exports and notes live here too
            case S_IFLNK:
                refuse("is a symbolic link", "If it really is the student's folder, put a copy of it in place of the link and grade again.")
                continue
            default:
                let kind = SubmissionFile.refusal(for: entry.status) ?? .notRegular
                refuse("\(SubmissionFileError(path: "", kind: kind).reason), not a student's folder", "Remove it, or put the student's folder in its place, and grade again.")
                continue
            }
            let student = openat(top, entry.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard student >= 0 else {
                let code = errno
                let reason = code == ELOOP || code == ENOTDIR ? "was replaced by a link while it was listed" : "could not be opened (\(SubmissionFile.errorText(code)))"
                refuse(reason, "Check the folder and grade again.")
                continue
            }
            defer { close(student) }
            guard let files = try? Self.entries(of: student, path: studentFolder.path) else {
                refuse("could not be listed", "Check the folder's permissions and grade again.")
                continue
            }
            students.append(entry.name)
            for file in files
            where file.isUTF8 && file.name.hasSuffix(".swift") && exercises.contains(String(file.name.dropLast(6))) {
                let exercise = String(file.name.dropLast(6))
                let url = studentFolder.appendingPathComponent(file.name, isDirectory: false)
                if let kind = SubmissionFile.refusal(for: file.status) {
                    refusals.append(Refusal(student: entry.name, exercise: exercise, error: SubmissionFileError(path: url.path, kind: kind)))
                } else {
                    submissions.append(BatchGrader.Submission(student: entry.name, exercise: exercise, file: url))
                }
            }
        }
        self.students = students
        self.submissions = submissions
        self.refusals = refusals
    }

    /// What is wrong with `url` as a student's folder (checked with `lstat`: a link to a folder
    /// is wrong), or nil when it is a folder.
    static func folderProblem(_ url: URL) -> SubmissionFileError.Kind? {
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return .unreadable(reason: SubmissionFile.errorText(errno)) }
        if status.st_mode & S_IFMT == S_IFDIR { return nil }
        return SubmissionFile.refusal(for: status) ?? .notRegular
    }

    /// A directory entry: its name (as UTF-8 text, or with replacement characters when it is not
    /// UTF-8) and its `lstat` status.
    struct Entry {
        let name: String
        let isUTF8: Bool
        let status: stat
    }

    /// Every entry of the open folder `descriptor` but `.` and `..`, sorted by name, with the
    /// status of the entry itself (a link is not followed).
    static func entries(of descriptor: Int32, path: String) throws -> [Entry] {
        let listing = dup(descriptor)
        guard listing >= 0, let directory = fdopendir(listing) else {
            if listing >= 0 { close(listing) }
            throw GraderError("Could not list \(VisibleText.escapingControls(path)) (\(SubmissionFile.errorText(errno))). Check its permissions and grade again.")
        }
        defer { closedir(directory) }
        rewinddir(directory)
        var entries: [Entry] = []
        while let item = readdir(directory) {
            let bytes = withUnsafeBytes(of: item.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            guard bytes != [0x2E], bytes != [0x2E, 0x2E] else { continue }
            var status = stat()
            let name = bytes.map { CChar(bitPattern: $0) } + [0]
            guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { continue }  // removed while listed
            let text = String(validating: bytes, as: UTF8.self)
            entries.append(Entry(name: text ?? String(decoding: bytes, as: UTF8.self), isUTF8: text != nil, status: status))
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// Writes `data` as `name` in `student`'s folder without following a link: the folder is
    /// opened with `O_NOFOLLOW`, the data goes to a new temporary file there, which then replaces
    /// `name` (a link of that name is replaced, never written through).
    public func write(_ data: Data, named name: String, forStudent student: String) throws {
        let shownPath = VisibleText.escapingControls(folder.appendingPathComponent(student).appendingPathComponent(name).path)
        func failure(_ what: String, code: Int32 = errno) -> GraderError {
            GraderError("Could not write \(shownPath): \(what) (\(SubmissionFile.errorText(code))). Nothing was written there; check the student's folder and export again.")
        }
        guard students.contains(student), !name.contains("/") else {
            throw GraderError("\(shownPath) is not in a student's folder of \(VisibleText.escapingControls(folder.path)); nothing was written.")
        }
        let top = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard top >= 0 else { throw failure("the class folder could not be opened") }
        defer { close(top) }
        let studentFolder = openat(top, student, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard studentFolder >= 0 else { throw failure("the student's folder is no longer a plain folder") }
        defer { close(studentFolder) }
        let temporary = ".\(name).\(UUID().uuidString).partial"
        let file = openat(studentFolder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw failure("a temporary file could not be created") }
        let writeError = data.withUnsafeBytes { buffer -> Int32? in
            var written = 0
            while written < buffer.count {
                let count = systemWrite(file, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return nil
        }
        close(file)
        if let writeError {
            unlinkat(studentFolder, temporary, 0)
            throw failure("the data could not be written", code: writeError)
        }
        guard renameat(studentFolder, temporary, studentFolder, name) == 0 else {
            let error = failure("the file could not be put in place")
            unlinkat(studentFolder, temporary, 0)
            throw error
        }
    }
}

/// `write(2)`, under a name that ``ClassFolder/write(_:named:forStudent:)`` does not hide.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
