import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a chapter's cache folder, held while a run writes its program, images and
/// results there, so that two runs of the same chapter at once (two terminals, `course build`
/// next to `lesson run`, tests in parallel) take turns instead of overwriting each other's files.
///
/// It is an advisory `flock` on `<folder>/.lock`: the system releases it when the holder exits,
/// even by a crash, so a stale lock never blocks the next run.
final class CacheFolderLock {
    private let descriptor: Int32

    /// Waits until no other run holds the lock on `folder`, then takes it.
    ///
    /// - Throws: ``NotebookError`` when the lock file cannot be opened.
    init(folder: URL) throws {
        let path = folder.appendingPathComponent(".lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw NotebookError("Could not lock the lesson cache \(folder.path): \(String(cString: strerror(errno))). Check that the course folder is writable.")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw NotebookError("Could not lock the lesson cache \(folder.path): \(reason).")
            }
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
