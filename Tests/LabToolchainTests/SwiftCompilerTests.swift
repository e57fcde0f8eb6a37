import Foundation
import LabTestSupport
import LabToolchain
import Testing

@Suite("Compiler diagnostics and the LossLab library")
struct SwiftCompilerTests {
    @Test("llvm-style diagnostics are parsed with file, line, column, severity and message")
    func parsesDiagnostics() {
        let output = """
            lessons/01-intro.md:12:7: error: cannot find 'x' in scope
            some context line
            /tmp/a b/Tests.swift:3:1: warning: variable 'y' was never used
            lessons/01-intro.md:12:7: note: did you mean 'y'?
            """
        let diagnostics = CompilerDiagnostic.parse(output)
        #expect(diagnostics.count == 3)
        #expect(diagnostics[0] == CompilerDiagnostic(
            file: "lessons/01-intro.md", line: 12, column: 7, severity: .error, message: "cannot find 'x' in scope"))
        #expect(diagnostics[1].file == "/tmp/a b/Tests.swift")
        #expect(diagnostics[1].severity == .warning)
        #expect(diagnostics[2].severity == .note)
        #expect(diagnostics[0].formatted == "lessons/01-intro.md:12:7: error: cannot find 'x' in scope")
    }

    @Test("content hashes are stable, 16 hex digits, and sensitive to every part")
    func hashes() {
        let hash = contentHash(["a", "bc"])
        #expect(hash.count == 16)
        #expect(hash == contentHash(["a", "bc"]))
        #expect(hash != contentHash(["ab", "c"]))
        #expect(hash != contentHash(["a", "bd"]))
    }

    @Test("string literals escape quotes, backslashes and every control character, a CR-LF pair included")
    func literals() {
        #expect(swiftStringLiteral("a\"b\\c\nd") == "\"a\\\"b\\\\c\\u{a}d\"")
        #expect(swiftStringLiteral("x\r\ny\t\u{1B}") == "\"x\\u{d}\\u{a}y\\u{9}\\u{1b}\"")
    }

    @Test("the built library is found next to the test executable")
    func locatesLibrary() throws {
        let library = try LossLabLibrary(buildFolder: buildFolder)
        #expect(library.packageFolder.standardizedFileURL.path == packageFolder.standardizedFileURL.path)
        #expect(library.compilerArguments.contains("-lLossLab"))
    }

    @Test("a folder without the library is refused with a sentence that says to build")
    func refusesEmptyFolder() throws {
        let error = #expect(throws: ToolchainError.self) {
            try LossLabLibrary(buildFolder: FileManager.default.temporaryDirectory)
        }
        #expect(error?.description.contains("swift build") == true)
    }
}
