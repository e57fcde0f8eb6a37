#if canImport(Glibc)
// `stdout` is a C global; @preconcurrency lets Swift 6 read it (this program is single-threaded here).
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The side of the runtime protocol that lives inside a program launched by `lesson run` or
/// `exercise check`: it announces events and knows where images go.
public enum ProgramSession {
    /// The environment variable that names the folder where `display(_:)` writes images.
    public static let outputFolderVariable = "LOSSLAB_OUTPUT_DIR"

    /// The folder where images go: ``outputFolderVariable`` when set, else the current folder.
    public static var outputFolder: String {
        if let value = getenv(outputFolderVariable) {
            let folder = String(cString: value)
            if !folder.isEmpty { return folder }
        }
        return "."
    }

    /// Prepares standard output so that a cell's prints and its event lines arrive in order.
    public static func start() {
        // Line buffering keeps what a cell printed even when the cell traps mid-way.
        setvbuf(stdout, nil, _IOLBF, 0)
    }

    /// Writes one event line to standard output and flushes it, so it is never reordered with
    /// what the program printed before it.
    public static func announce(_ event: RuntimeEvent) {
        fflush(nil)
        let line = event.line + "\n"
        var bytes = Array(line.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                write(1, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if result <= 0 { return }
            written += result
        }
    }
}
