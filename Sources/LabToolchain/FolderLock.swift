import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a cache folder, held while one piece of work writes there: a chapter's run
/// (its program, images and results) or the compile of an exercise's checks program. Two at once,
/// from threads of one process or from separate processes (two terminals, `course build` next to
/// `lesson run`, `exercise grade` on several submissions, tests in parallel), take turns instead
/// of overwriting each other's files.
///
/// It is an advisory `flock` on `<folder>/.lock`: the system releases it when the holder exits,
/// even by a crash, so a stale lock never blocks the next one. The folder must exist.
public final class FolderLock {
    private let descriptor: Int32

    /// Waits until nobody else holds the lock on `folder`, then takes it.
    ///
    /// - Throws: ``FolderLockError`` when the lock file cannot be opened or locked.
    public init(folder: URL) throws {
        let path = folder.appendingPathComponent(".lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FolderLockError(message: "Could not lock \(folder.path): \(String(cString: strerror(errno))). Check that the course folder is writable.")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw FolderLockError(message: "Could not lock \(folder.path): \(reason).")
            }
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Why a ``FolderLock`` could not be taken.
public struct FolderLockError: Error, CustomStringConvertible, Sendable {
    /// What went wrong and what to do.
    public let message: String
    /// The message.
    public var description: String { message }
}
