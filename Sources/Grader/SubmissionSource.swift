import Foundation

/// Reads a learner's file the careful way: the path itself must be a regular file (a symbolic
/// link, FIFO, device or folder is refused without being opened for reading), of at most
/// ``sizeLimit`` bytes, in UTF-8.
enum SubmissionSource {
    /// The largest submission read, in bytes.
    static let sizeLimit = 1 << 20

    static func read(_ file: URL) throws -> String {
        let path = file.path
        var status = stat()
        guard lstat(path, &status) == 0 else {
            throw GraderError("Could not find the submission \(path). Pass the file you edited with --file PATH.")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw GraderError("The submission \(path) is not a regular file (it is a \(kind(status.st_mode))); grade the Swift file itself, not a link or special file.")
        }
        guard Int(status.st_size) <= sizeLimit else {
            throw GraderError("The submission \(path) is \(status.st_size) bytes; the limit is \(sizeLimit >> 10) KiB. Submit only the exercise's Swift file.")
        }
        // O_NOFOLLOW and O_NONBLOCK: a link or FIFO swapped in after lstat is refused, not waited on.
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw GraderError("Could not open the submission \(path) (errno \(errno)). Check that it is a regular file you can read.")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
            throw GraderError("The submission \(path) changed into something other than a regular file while it was read.")
        }
        let data = (try? handle.read(upToCount: sizeLimit + 1)) ?? Data()
        guard data.count <= sizeLimit else {
            throw GraderError("The submission \(path) is larger than \(sizeLimit >> 10) KiB. Submit only the exercise's Swift file.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GraderError("The submission \(path) is not UTF-8 text. Save it as UTF-8 and check again.")
        }
        return text
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: return "symbolic link"
        case S_IFIFO: return "FIFO"
        case S_IFDIR: return "folder"
        case S_IFCHR, S_IFBLK: return "device"
        case S_IFSOCK: return "socket"
        default: return "special file"
        }
    }
}
