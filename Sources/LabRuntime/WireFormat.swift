/// The binary form of probe values and grading messages: little-endian integers, `Double`s as
/// their exact bit patterns (so NaN, ±∞ and every last digit survive), UTF-8 text with its length.
///
/// The reader never trusts what it reads: every length is checked against what is left, so
/// bytes written by a hostile program can only fail to decode, never crash the reader or make
/// it allocate more than the bytes it was given.
public struct WireWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// Appends an unsigned 64-bit integer.
    public mutating func write(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Appends a count or size.
    public mutating func write(count: Int) { write(UInt64(count)) }

    /// Appends one byte.
    public mutating func write(byte: UInt8) { bytes.append(byte) }

    /// Appends a `Double` as its bit pattern.
    public mutating func write(_ value: Double) { write(value.bitPattern) }

    /// Appends text as its UTF-8 length and bytes.
    public mutating func write(_ text: String) {
        let utf8 = Array(text.utf8)
        write(count: utf8.count)
        bytes += utf8
    }

    /// Appends raw bytes with their length.
    public mutating func write(bytes more: [UInt8]) {
        write(count: more.count)
        bytes += more
    }

    /// Appends one value.
    public mutating func write(_ value: ProbeValue) {
        switch value {
        case .tensor(let shape, let scalars):
            write(byte: 1)
            write(count: shape.count)
            for dimension in shape { write(count: dimension) }
            write(count: scalars.count)
            for scalar in scalars { write(scalar) }
        case .text(let text):
            write(byte: 2)
            write(text)
        case .bytes(let raw):
            write(byte: 3)
            write(bytes: raw)
        }
    }

    /// Appends named values, sorted by name so that equal values give equal bytes.
    public mutating func write(_ values: ProbeValues) {
        write(count: values.entries.count)
        for name in values.entries.keys.sorted() {
            write(name)
            if let value = values.entries[name] { write(value) }
        }
    }
}

/// Reads what a ``WireWriter`` wrote, checking every length.
public struct WireReader: Sendable {
    private let bytes: [UInt8]
    private var position = 0

    /// A reader over `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { position == bytes.count }

    /// Bytes not read yet.
    public var remaining: Int { bytes.count - position }

    /// Reads an unsigned 64-bit integer.
    public mutating func readUInt64() throws -> UInt64 {
        guard remaining >= 8 else { throw WireError("the data ends inside a number") }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << UInt64(8 * index) }
        position += 8
        return value
    }

    /// Reads a count that must not exceed `limit`, nor claim more items of `bytesEach` bytes than
    /// are left to read (so a hostile count cannot make the reader allocate what is not there).
    public mutating func readCount(atMost limit: Int = 1 << 40, bytesEach: Int = 0) throws -> Int {
        let value = try readUInt64()
        guard value <= UInt64(limit) else { throw WireError("a count of \(value) is larger than the data allows") }
        if bytesEach > 0 && value > UInt64(remaining / bytesEach) {
            throw WireError("a count of \(value) is larger than the data that follows")
        }
        return Int(value)
    }

    /// Reads one byte.
    public mutating func readByte() throws -> UInt8 {
        guard remaining >= 1 else { throw WireError("the data ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    /// Reads a `Double`.
    public mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }

    /// Reads raw bytes with their length.
    public mutating func readBytes() throws -> [UInt8] {
        let count = try readCount(bytesEach: 1)
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// Reads text; bytes that are not UTF-8 become U+FFFD.
    public mutating func readText() throws -> String {
        String(decoding: try readBytes(), as: UTF8.self)
    }

    /// Reads one value.
    public mutating func readValue() throws -> ProbeValue {
        switch try readByte() {
        case 1:
            let rank = try readCount(atMost: 16, bytesEach: 8)
            var shape: [Int] = []
            var product = 1
            for _ in 0..<rank {
                let dimension = try readCount()
                let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
                guard !overflow else { throw WireError("a shape is too large") }
                product = next
                shape.append(dimension)
            }
            let count = try readCount(bytesEach: 8)
            guard count == product else {
                throw WireError("\(count) numbers do not fill the shape \(shape)")
            }
            var scalars: [Double] = []
            scalars.reserveCapacity(count)
            for _ in 0..<count { scalars.append(try readDouble()) }
            return .tensor(shape: shape, scalars: scalars)
        case 2:
            return .text(try readText())
        case 3:
            return .bytes(try readBytes())
        case let kind:
            throw WireError("unknown value kind \(kind)")
        }
    }

    /// Reads named values.
    public mutating func readValues() throws -> ProbeValues {
        // Each entry takes at least 10 bytes (an empty name and the smallest value).
        let count = try readCount(bytesEach: 10)
        var values = ProbeValues()
        for _ in 0..<count {
            let name = try readText()
            guard values[name] == nil else { throw WireError("the name “\(name)” appears twice") }
            values[name] = try readValue()
        }
        return values
    }
}

/// Data that cannot be decoded, with the reason.
public struct WireError: Error, CustomStringConvertible, Sendable {
    /// What is wrong with the data.
    public let description: String

    /// An error with a reason.
    public init(_ description: String) {
        self.description = description
    }
}
