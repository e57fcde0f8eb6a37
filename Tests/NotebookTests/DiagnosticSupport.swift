import LabToolchain

/// Builds diagnostics in lesson coordinates for tests.
enum LabToolchainDiagnostic {
    static func make(line: Int, column: Int, message: String) -> CompilerDiagnostic {
        CompilerDiagnostic(file: "lessons/01-x.md", line: line, column: column, severity: .error, message: message)
    }
}
