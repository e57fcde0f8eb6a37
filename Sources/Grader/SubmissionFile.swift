#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a file handed in for grading without trusting what it is.
///
/// A class folder comes from students: a "file" may be a symbolic link to a file only the grader
/// can read (`/etc/shadow` when grading as root), a FIFO that blocks whoever opens it, a device,
/// a hard link to someone else's file, or gigabytes of text. Only a regular file of at most
/// ``sizeLimit`` bytes, with one link, holding UTF-8 text, is read; anything else is refused with
/// a ``SubmissionFileError`` that names the path and says what to do, and its content is never
/// read.
///
/// The file is examined with `lstat` first (so a FIFO or device is never opened), then opened
/// with `O_NOFOLLOW | O_NONBLOCK` and checked again with `fstat` on the open descriptor (same
/// file, still regular, still small), so a file swapped for a link in between is refused too.
/// Only the last path component is protected from links; the folders above it are the caller's
/// to check (``ClassFolder`` opens each student folder without following links).
public enum SubmissionFile {
    /// The largest submission read, in bytes: 1 MiB, far more than any exercise needs.
    public static let sizeLimit = 1 << 20

    /// The text of the submission at `url`.
    /// - Throws: ``SubmissionFileError`` when it is not a regular, small, singly linked UTF-8 file.
    public static func read(_ url: URL) throws -> String {
        let path = url.path
        func refuse(_ kind: SubmissionFileError.Kind) -> SubmissionFileError {
            SubmissionFileError(path: path, kind: kind)
        }
        var before = stat()
        guard lstat(path, &before) == 0 else { throw refuse(.unreadable(reason: errorText(errno))) }
        if let kind = refusal(for: before) { throw refuse(kind) }

        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            let code = errno
            throw refuse(code == ELOOP ? .symbolicLink : .unreadable(reason: errorText(code)))
        }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0 else { throw refuse(.unreadable(reason: errorText(errno))) }
        guard opened.st_dev == before.st_dev, opened.st_ino == before.st_ino else { throw refuse(.changedWhileRead) }
        if let kind = refusal(for: opened) { throw refuse(kind) }

        // Read one byte past the limit, so a file that grew after `fstat` is still caught.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= sizeLimit {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw refuse(.unreadable(reason: errorText(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
        }
        guard bytes.count <= sizeLimit else { throw refuse(.tooLarge(bytes: max(bytes.count, Int(opened.st_size)))) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw refuse(.notUTF8) }
        return text
    }

    /// Why a file with status `status` (from `lstat` or `fstat`) is refused, or nil when it may be read.
    static func refusal(for status: stat) -> SubmissionFileError.Kind? {
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: return .symbolicLink
        case S_IFDIR: return .folder
        case S_IFIFO: return .fifo
        case S_IFSOCK: return .socket
        case S_IFCHR, S_IFBLK: return .device
        default: return .notRegular
        }
        if status.st_size > sizeLimit { return .tooLarge(bytes: Int(status.st_size)) }
        if status.st_nlink > 1 { return .hardLinked(links: Int(status.st_nlink)) }
        return nil
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `read(2)`, under a name that the static ``SubmissionFile/read(_:)`` does not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// A submission file that was not read, with the reason; its description is a full sentence
/// naming the path (control characters made visible) and what the instructor should do.
public struct SubmissionFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong with the file.
    public enum Kind: Sendable, Equatable {
        /// A symbolic link: it could point at any file the grader can read.
        case symbolicLink
        /// A folder where a file was expected.
        case folder
        /// A FIFO (named pipe): opening it could block the grader.
        case fifo
        /// A socket.
        case socket
        /// A character or block device.
        case device
        /// Some other kind of file system object.
        case notRegular
        /// Larger than ``SubmissionFile/sizeLimit``.
        case tooLarge(bytes: Int)
        /// One of several hard links to the same file, which may belong to someone else.
        case hardLinked(links: Int)
        /// Not UTF-8 text.
        case notUTF8
        /// Replaced by another file between the check and the read.
        case changedWhileRead
        /// The system refused to open or read it.
        case unreadable(reason: String)
    }

    /// The path of the refused file, as given.
    public let path: String
    /// Why it was refused.
    public let kind: Kind

    /// A refusal of the file at `path`.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// What was wrong, in a few words (no path): "is a symbolic link".
    public var reason: String {
        switch kind {
        case .symbolicLink: return "is a symbolic link"
        case .folder: return "is a folder"
        case .fifo: return "is a FIFO (named pipe)"
        case .socket: return "is a socket"
        case .device: return "is a device"
        case .notRegular: return "is not a regular file"
        case .tooLarge(let bytes): return "is \(bytes) bytes, more than the \(SubmissionFile.sizeLimit)-byte limit"
        case .hardLinked(let links): return "is a hard link shared by \(links) names"
        case .notUTF8: return "is not UTF-8 text"
        case .changedWhileRead: return "was replaced while it was being read"
        case .unreadable(let reason): return "could not be read (\(reason))"
        }
    }

    /// What the instructor can do about it.
    public var remedy: String {
        switch kind {
        case .symbolicLink, .hardLinked, .changedWhileRead:
            return "If it really is the student's work, put a plain copy of the file in its place and grade again."
        case .folder, .fifo, .socket, .device, .notRegular:
            return "Replace it with the student's .swift file (a plain file) and grade again."
        case .tooLarge:
            return "A submission is a single Swift source file; ask the student for the file they meant to hand in."
        case .notUTF8:
            return "Save it as UTF-8 (for example with iconv) and grade again."
        case .unreadable:
            return "Check the file's permissions and grade again."
        }
    }

    /// The full sentence: path, reason, remedy.
    public var description: String {
        "The submission \(VisibleText.escapingControls(path)) \(reason), so it was not read or graded. \(remedy)"
    }
}
