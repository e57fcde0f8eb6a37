import ArgumentParser
import Foundation
import Notebook

/// The option every command shares: which course folder to work in.
public struct CourseOptions: ParsableArguments {
    /// The course folder; by default the current folder or the nearest one above it with `lessons/`.
    @Option(name: .customLong("course"), help: "The course folder (default: the nearest folder with lessons/).")
    var coursePath: String?

    /// Creates the options with their defaults.
    public init() {}

    /// The course folder these options name.
    func courseFolder() throws -> CourseFolder {
        if let coursePath {
            let url = URL(fileURLWithPath: coursePath)
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("lessons").path) else {
                throw ValidationError("The folder \(url.path) has no lessons/ folder. Pass the LossLab course folder to --course.")
            }
            return CourseFolder(url: url)
        }
        return try CourseFolder.find(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}

/// Runs a command's body; an error from the library is printed to standard error as the
/// sentence it carries, and the command stops with status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let validation as ValidationError {
        throw validation
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

/// Writes text to standard output at once (unbuffered), so that live cell output and the
/// report's own lines keep their order even when the output goes to a pipe or a file.
func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
