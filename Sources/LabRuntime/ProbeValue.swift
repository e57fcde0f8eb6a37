/// One value that crosses between an exercise's checks and the learner's code: numbers (as a
/// tensor's shape and scalars), text, or raw bytes (for example a PNG file).
///
/// Values are the only thing that crosses: the checks send inputs, the learner's code sends
/// back what it computed, and the grader never believes anything else the learner's process says.
public enum ProbeValue: Sendable, Equatable {
    /// Numbers with a shape: `[]` for one number, `[n]` for a list, `[rows, columns]`, and so on.
    case tensor(shape: [Int], scalars: [Double])
    /// A piece of text.
    case text(String)
    /// Raw bytes, for example an image file.
    case bytes([UInt8])

    /// One number.
    public static func number(_ value: Double) -> ProbeValue { .tensor(shape: [], scalars: [value]) }
    /// A list of numbers.
    public static func numbers(_ values: [Double]) -> ProbeValue { .tensor(shape: [values.count], scalars: values) }
    /// A whole number (sent as a `Double`).
    public static func integer(_ value: Int) -> ProbeValue { .number(Double(value)) }
    /// A list of whole numbers (sent as `Double`s).
    public static func integers(_ values: [Int]) -> ProbeValue { .numbers(values.map(Double.init)) }
    /// A yes/no answer, sent as 1 or 0.
    public static func flag(_ value: Bool) -> ProbeValue { .number(value ? 1 : 0) }

    /// A short description for messages: the kind and size, never the contents.
    public var summary: String {
        switch self {
        case .tensor(let shape, _): return shape.isEmpty ? "a number" : "numbers of shape \(shape)"
        case .text(let text): return "text of \(text.count) characters"
        case .bytes(let bytes): return "\(bytes.count) bytes"
        }
    }
}

/// Named values: the input of one probe call, or what the learner's code returned for it.
public struct ProbeValues: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The values by name.
    public var entries: [String: ProbeValue]

    /// Values with these names.
    public init(_ entries: [String: ProbeValue] = [:]) {
        self.entries = entries
    }

    /// Values written as a dictionary literal: `["alpha": .number(0.3)]`.
    public init(dictionaryLiteral elements: (String, ProbeValue)...) {
        entries = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The value called `name`, if there is one.
    public subscript(name: String) -> ProbeValue? {
        get { entries[name] }
        set { entries[name] = newValue }
    }

    /// The value called `name`, or an error that names what is missing.
    public func value(_ name: String) throws -> ProbeValue {
        guard let value = entries[name] else {
            let known = entries.keys.sorted().joined(separator: ", ")
            throw ProbeValueError("There is no value named “\(name)” (values: \(known.isEmpty ? "none" : known)).")
        }
        return value
    }

    /// The numbers called `name`, with their shape.
    public func shapedNumbers(_ name: String) throws -> (shape: [Int], scalars: [Double]) {
        guard case .tensor(let shape, let scalars) = try value(name) else {
            throw ProbeValueError("“\(name)” should be numbers, but it is \(try value(name).summary).")
        }
        return (shape, scalars)
    }

    /// The one number called `name`.
    public func number(_ name: String) throws -> Double {
        let (_, scalars) = try shapedNumbers(name)
        guard scalars.count == 1 else {
            throw ProbeValueError("“\(name)” should be one number, but it holds \(scalars.count).")
        }
        return scalars[0]
    }

    /// The numbers called `name`, flattened.
    public func numbers(_ name: String) throws -> [Double] {
        try shapedNumbers(name).scalars
    }

    /// The whole number called `name`.
    public func integer(_ name: String) throws -> Int {
        let value = try number(name)
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else {
            throw ProbeValueError("“\(name)” should be a whole number, but it is \(value).")
        }
        return Int(value)
    }

    /// The whole numbers called `name`.
    public func integers(_ name: String) throws -> [Int] {
        try numbers(name).map { value in
            guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else {
                throw ProbeValueError("“\(name)” should hold whole numbers, but one is \(value).")
            }
            return Int(value)
        }
    }

    /// The yes/no answer called `name` (1 is yes, 0 is no).
    public func flag(_ name: String) throws -> Bool {
        let value = try number(name)
        guard value == 0 || value == 1 else { throw ProbeValueError("“\(name)” should be 0 or 1, but it is \(value).") }
        return value == 1
    }

    /// The text called `name`.
    public func text(_ name: String) throws -> String {
        guard case .text(let text) = try value(name) else {
            throw ProbeValueError("“\(name)” should be text, but it is \(try value(name).summary).")
        }
        return text
    }

    /// The bytes called `name`.
    public func bytes(_ name: String) throws -> [UInt8] {
        guard case .bytes(let bytes) = try value(name) else {
            throw ProbeValueError("“\(name)” should be bytes, but it is \(try value(name).summary).")
        }
        return bytes
    }
}

/// A value that is missing or has the wrong kind, in words.
public struct ProbeValueError: Error, CustomStringConvertible, Sendable {
    /// The explanation.
    public let description: String

    /// An error with a full-sentence explanation.
    public init(_ description: String) {
        self.description = description
    }
}
