import Foundation

/// The learner's own file for an exercise: `my-exercises/<slug>.swift` in the course, created
/// from the starter the first time it is needed, so the starter itself stays as it was.
public struct WorkingCopy: Sendable {
    /// The file the learner edits.
    public let file: URL
    /// The exercise it belongs to.
    public let exercise: Exercise

    /// The working copy of `exercise` in the course at `courseFolder`.
    public init(exercise: Exercise, courseFolder: URL) {
        self.exercise = exercise
        file = courseFolder.appendingPathComponent("my-exercises").appendingPathComponent("\(exercise.slug).swift")
    }

    /// Creates the working copy from the starter when it does not exist; says whether it did.
    @discardableResult
    public func ensureExists() throws -> Bool {
        guard !FileManager.default.fileExists(atPath: file.path) else { return false }
        try copyStarter()
        return true
    }

    /// Puts a fresh copy of the starter in place. The previous working copy is kept next to it as
    /// `<slug>.swift.<date>.bak`, so nothing is lost; returns the backup's URL when there was one.
    public func reset() throws -> URL? {
        var backup: URL?
        if FileManager.default.fileExists(atPath: file.path) {
            let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "-")
            let target = file.deletingLastPathComponent().appendingPathComponent("\(file.lastPathComponent).\(stamp).bak")
            do {
                try FileManager.default.moveItem(at: file, to: target)
            } catch {
                throw GraderError("Could not keep your current file as \(target.path): \(error.localizedDescription). Nothing was changed.")
            }
            backup = target
        }
        try copyStarter()
        return backup
    }

    func copyStarter() throws {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: exercise.starterFile, to: file)
        } catch {
            throw GraderError("Could not copy the starter \(exercise.starterFile.path) to \(file.path): \(error.localizedDescription).")
        }
    }
}
