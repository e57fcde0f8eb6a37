import Foundation

/// Makes the learners' copy of a course: everything a learner needs, without reference
/// solutions (`Solution.swift`), hidden tests (`HiddenTests.swift`) or the partly correct edits of
/// solutions that the course's tests grade (`partial.json`), and without build output, caches or
/// anyone's work.
public enum CourseRelease {

    /// Names never copied, wherever they are.
    static let excludedNames: Set<String> = [
        ".git", ".build", ".swiftpm", ".lesson-cache", ".losslab", "site", "my-exercises", "Package.resolved",
    ]

    /// Copies the course at `courseFolder` into `destination` (which must not exist yet).
    /// Returns how many instructor-only files (see ``Exercise/instructorFiles``) were left out.
    @discardableResult
    public static func make(from courseFolder: URL, to destination: URL) throws -> Int {
        let files = FileManager.default
        guard !files.fileExists(atPath: destination.path) else {
            throw GraderError("\(destination.path) already exists; choose a new folder for the release so nothing is overwritten.")
        }
        let source = courseFolder.standardizedFileURL
        guard !destination.standardizedFileURL.path.hasPrefix(source.path + "/") else {
            throw GraderError("The release folder \(destination.path) is inside the course; choose a folder outside it.")
        }
        var stripped = 0
        func copy(_ folder: URL, to target: URL, insideExercises: Bool) throws {
            try files.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try files.contentsOfDirectory(atPath: folder.path) where !excludedNames.contains(name) {
                let item = folder.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                _ = files.fileExists(atPath: item.path, isDirectory: &isFolder)
                if isFolder.boolValue {
                    try copy(item, to: target.appendingPathComponent(name), insideExercises: insideExercises || name == "exercises")
                } else if insideExercises && Exercise.instructorFiles.contains(name) {
                    stripped += 1
                } else {
                    try files.copyItem(at: item, to: target.appendingPathComponent(name))
                }
            }
        }
        do {
            try copy(source, to: destination, insideExercises: false)
        } catch let error as GraderError {
            throw error
        } catch {
            throw GraderError("Could not write the release to \(destination.path): \(error.localizedDescription).")
        }
        return stripped
    }
}
