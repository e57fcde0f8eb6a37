import Foundation

/// The built LossLab library that lesson cells and exercise submissions are compiled against.
///
/// `swift build` produces `libLossLab.so` and the module interfaces in `Modules/` next to the
/// `lesson`, `exercise` and `course` executables. Programs compiled for a lesson or an exercise
/// link that very library, so a lesson never triggers a second build of LossKit.
public struct LossLabLibrary: Sendable {
    /// The build folder holding `libLossLab.so` and `Modules/` (for example `.build/debug`).
    public let buildFolder: URL
    /// The package folder; its `Sources/C*` folders hold the module maps of the C libraries.
    public let packageFolder: URL

    /// The environment variable that points at a build folder explicitly.
    public static let buildFolderVariable = "LOSSLAB_BUILD_DIR"

    /// The module maps of the C modules that LossKit and LossPlot import (relative to the
    /// package folder); a client needs them to import LossLab.
    static let cModuleMaps = [
        "Sources/CCairo/module.modulemap", "Sources/CBLAS/module.modulemap",
        "Sources/CKernels/include/module.modulemap",
    ]

    /// Finds the library next to the running executable (or in ``buildFolderVariable``).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> LossLabLibrary
    {
        let folder: URL
        if let explicit = environment[buildFolderVariable], !explicit.isEmpty {
            folder = URL(fileURLWithPath: explicit).standardizedFileURL
        } else {
            folder = currentExecutableFolder()
        }
        return try LossLabLibrary(buildFolder: folder)
    }

    /// Checks that `buildFolder` holds a built LossLab and finds the package folder above it.
    public init(buildFolder: URL) throws {
        let files = FileManager.default
        let library = buildFolder.appendingPathComponent(Self.libraryFileName)
        let module = buildFolder.appendingPathComponent("Modules/LossLab.swiftmodule")
        guard files.fileExists(atPath: library.path), files.fileExists(atPath: module.path) else {
            throw ToolchainError(
                "The LossLab library is not built in \(buildFolder.path) (looked for \(Self.libraryFileName) "
                    + "and Modules/LossLab.swiftmodule). Run `swift build` in the LossLab package folder, then try again.")
        }
        var candidate = buildFolder.resolvingSymlinksInPath()
        while candidate.path != "/" {
            let mapPath = candidate.appendingPathComponent("Sources/CCairo/module.modulemap").path
            if files.fileExists(atPath: candidate.appendingPathComponent("Package.swift").path),
                files.fileExists(atPath: mapPath)
            {
                self.buildFolder = buildFolder
                self.packageFolder = candidate
                return
            }
            candidate.deleteLastPathComponent()
        }
        throw ToolchainError(
            "Could not find the LossLab package folder above \(buildFolder.path): the C module maps "
                + "(Sources/CCairo/module.modulemap) are needed to compile lessons. Keep the build folder inside the package.")
    }

    #if os(macOS)
    static let libraryFileName = "libLossLab.dylib"
    #else
    static let libraryFileName = "libLossLab.so"
    #endif

    /// The shared library itself (`libLossLab.so`).
    public var libraryFile: URL { buildFolder.appendingPathComponent(Self.libraryFileName) }

    /// The arguments that let `swiftc` import LossLab and link against it.
    public var compilerArguments: [String] {
        var arguments = ["-I", buildFolder.appendingPathComponent("Modules").path]
        for map in Self.cModuleMaps {
            arguments += ["-Xcc", "-fmodule-map-file=\(packageFolder.appendingPathComponent(map).path)"]
        }
        arguments += [
            "-L", buildFolder.path, "-lLossLab",
            "-Xlinker", "-rpath", "-Xlinker", buildFolder.path,
        ]
        return arguments
    }

    /// A short text that changes whenever the library is rebuilt; part of every cache key.
    public var identity: String {
        let path = buildFolder.appendingPathComponent(Self.libraryFileName).path
        return Self.fileIdentity(path)
    }

    /// A short text that changes whenever the running tool is rebuilt: how the tool turns a
    /// lesson into a program is part of what a cached run depends on.
    public static var toolIdentity: String {
        let executable = currentExecutableFolder().appendingPathComponent(
            URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]).lastPathComponent)
        return fileIdentity(executable.path)
    }

    /// `path|size|modification time`: changes whenever the file is rebuilt.
    static func fileIdentity(_ path: String) -> String {
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path)|\(size)|\(modified)"
    }

    /// The folder of the running executable, with symbolic links resolved.
    static func currentExecutableFolder() -> URL {
        let executable: URL
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            executable = URL(fileURLWithPath: resolved)
        } else {
            executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        }
        return executable.deletingLastPathComponent()
    }
}
