#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends and receives ``GradingMessage`` frames over a pair of file descriptors (the pipes
/// between the grader and a checks program).
public struct FrameChannel: Sendable {
    /// Where frames are read from.
    public let input: Int32
    /// Where frames are written to.
    public let output: Int32
    /// The largest payload accepted.
    public let payloadLimit: Int

    /// A channel reading `input` and writing `output`.
    public init(input: Int32, output: Int32, payloadLimit: Int = 512 << 20) {
        self.input = input
        self.output = output
        self.payloadLimit = payloadLimit
    }

    /// Writes one message.
    public func send(_ message: GradingMessage) throws {
        try Self.writeAll(message.frame, to: output)
    }

    /// Reads one message; `nil` when the other side closed the channel before a new message began.
    public func receive() throws -> GradingMessage? {
        guard let header = try Self.readExactly(9, from: input, endAllowed: true) else { return nil }
        var reader = WireReader(Array(header.dropFirst()))
        let length = try reader.readUInt64()
        guard length <= UInt64(payloadLimit) else { throw WireError("a message of \(length) bytes is too large") }
        guard let payload = try Self.readExactly(Int(length), from: input, endAllowed: false) else {
            throw WireError("the channel closed inside a message")
        }
        return try GradingMessage(kind: header[0], payload: payload)
    }

    /// Writes every byte of `bytes` to `descriptor`.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw WireError("could not write to the channel (errno \(errno))") }
            written += result
        }
    }

    /// Reads exactly `count` bytes; `nil` at a clean end before the first byte when allowed.
    static func readExactly(_ count: Int, from descriptor: Int32, endAllowed: Bool) throws -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + filled }, count - filled)
            }
            if result < 0 && errno == EINTR { continue }
            guard result >= 0 else { throw WireError("could not read the channel (errno \(errno))") }
            if result == 0 {
                if filled == 0 && endAllowed { return nil }
                throw WireError("the channel closed inside a message")
            }
            filled += result
        }
        return bytes
    }
}
