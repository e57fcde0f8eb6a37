/// The messages of grading, and how they are framed on a pipe or in a file.
///
/// Three processes take part. The *grader* (`exercise check`) never loads learner code. The
/// *checks program* (an exercise's `Checks.swift`, trusted, never linked with learner code)
/// decides every verdict; it asks the grader to run probes. The *probe program* (an exercise's
/// `Probes.swift` linked with the learner's module) runs inside the sandbox, reads its inputs on
/// standard input and writes exactly one ``ProbeAnswers`` frame to a file descriptor the grader
/// opened; what it prints is only shown, never believed.
public enum GradingMessage: Sendable, Equatable {
    /// Checks program → grader: the checks, in order (answer to `--list`).
    case listing([ListedCheck])
    /// Checks program → grader: run probe `probe` once per input.
    case runProbe(probe: String, inputs: [ProbeValues])
    /// Checks program → grader: the check is over.
    case verdict(passed: Bool, message: String)
    /// Grader → checks program: what the learner's code returned, one answer per input.
    case answers([ProbeAnswer])
    /// Grader → checks program: the probe program gave no usable answer.
    case probeFailed(ProbeFailureKind, message: String)

    var kind: UInt8 {
        switch self {
        case .listing: return 0x4C  // L
        case .runProbe: return 0x52  // R
        case .verdict: return 0x56  // V
        case .answers: return 0x41  // A
        case .probeFailed: return 0x46  // F
        }
    }

    /// The message as one frame: a kind byte, the payload's length, the payload.
    public var frame: [UInt8] {
        var payload = WireWriter()
        switch self {
        case .listing(let checks):
            payload.write(count: checks.count)
            for check in checks {
                payload.write(check.name)
                payload.write(count: check.points)
                payload.write(byte: check.hidden ? 1 : 0)
            }
        case .runProbe(let probe, let inputs):
            payload.write(probe)
            payload.write(count: inputs.count)
            for input in inputs { payload.write(input) }
        case .verdict(let passed, let message):
            payload.write(byte: passed ? 1 : 0)
            payload.write(message)
        case .answers(let answers):
            payload.write(ProbeAnswers(answers))
        case .probeFailed(let kind, let message):
            payload.write(byte: kind.rawValue)
            payload.write(message)
        }
        var frame = WireWriter()
        frame.write(byte: kind)
        frame.write(bytes: payload.bytes)
        return frame.bytes
    }

    /// Reads a message from its kind byte and payload.
    public init(kind: UInt8, payload: [UInt8]) throws {
        var reader = WireReader(payload)
        switch kind {
        case 0x4C:
            let count = try reader.readCount(bytesEach: 17)
            var checks: [ListedCheck] = []
            for _ in 0..<count {
                let name = try reader.readText()
                let points = try reader.readCount(atMost: 1_000_000)
                checks.append(ListedCheck(name: name, points: points, hidden: try reader.readByte() == 1))
            }
            self = .listing(checks)
        case 0x52:
            let probe = try reader.readText()
            let count = try reader.readCount(bytesEach: 8)
            var inputs: [ProbeValues] = []
            for _ in 0..<count { inputs.append(try reader.readValues()) }
            self = .runProbe(probe: probe, inputs: inputs)
        case 0x56:
            let passed = try reader.readByte() == 1
            self = .verdict(passed: passed, message: try reader.readText())
        case 0x41:
            self = .answers(try reader.readAnswers().answers)
        case 0x46:
            guard let failure = ProbeFailureKind(rawValue: try reader.readByte()) else {
                throw WireError("unknown kind of probe failure")
            }
            self = .probeFailed(failure, message: try reader.readText())
        default:
            throw WireError("unknown message kind \(kind)")
        }
        guard reader.isAtEnd else { throw WireError("\(reader.remaining) bytes follow the message") }
    }
}

/// A check as the checks program lists it.
public struct ListedCheck: Sendable, Equatable {
    /// What the check checks, as a phrase.
    public let name: String
    /// Points it is worth.
    public let points: Int
    /// Whether it is hidden (its source is never shown to learners).
    public let hidden: Bool

    /// A listed check.
    public init(name: String, points: Int, hidden: Bool) {
        self.name = name
        self.points = points
        self.hidden = hidden
    }
}

/// What the learner's code gave for one input: values, or the error it threw.
public enum ProbeAnswer: Sendable, Equatable {
    /// The values it returned.
    case values(ProbeValues)
    /// It threw; the error's description.
    case threw(String)
}

/// Why a probe program gave no answers.
public enum ProbeFailureKind: UInt8, Sendable, Equatable {
    /// It trapped or crashed.
    case crashed = 1
    /// It ran past its time limit.
    case timedOut = 2
    /// It exited before answering (for example, learner code called `exit`).
    case exitedEarly = 3
    /// It wrote something other than exactly one well-formed answer.
    case malformedAnswer = 4
}

/// The answers a probe program writes, framed so that the grader can tell one complete answer
/// from anything else: a magic word, the payload's length, the payload, and nothing after it.
public struct ProbeAnswers: Sendable, Equatable {
    /// One answer per input, in order.
    public let answers: [ProbeAnswer]

    /// The first bytes of every answer file.
    public static let magic: [UInt8] = Array("LOSSLAB-ANSWERS1".utf8)

    /// Answers, in input order.
    public init(_ answers: [ProbeAnswer]) {
        self.answers = answers
    }

    /// The framed bytes.
    public var framed: [UInt8] {
        var payload = WireWriter()
        payload.write(self)
        var frame = WireWriter()
        for byte in Self.magic { frame.write(byte: byte) }
        frame.write(bytes: payload.bytes)
        return frame.bytes
    }

    /// Reads framed answers; the bytes must be exactly one frame.
    public init(framed bytes: [UInt8]) throws {
        guard bytes.count >= Self.magic.count, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw WireError("the answer does not start as an answer")
        }
        var reader = WireReader(Array(bytes.dropFirst(Self.magic.count)))
        let payload = try reader.readBytes()
        guard reader.isAtEnd else { throw WireError("\(reader.remaining) bytes follow the answer") }
        var inner = WireReader(payload)
        self = try inner.readAnswers()
        guard inner.isAtEnd else { throw WireError("\(inner.remaining) bytes follow the answers") }
    }
}

extension WireWriter {
    /// Appends answers.
    public mutating func write(_ answers: ProbeAnswers) {
        write(count: answers.answers.count)
        for answer in answers.answers {
            switch answer {
            case .values(let values):
                write(byte: 1)
                write(values)
            case .threw(let message):
                write(byte: 2)
                write(message)
            }
        }
    }
}

extension WireReader {
    /// Reads answers.
    public mutating func readAnswers() throws -> ProbeAnswers {
        let count = try readCount(bytesEach: 9)
        var answers: [ProbeAnswer] = []
        for _ in 0..<count {
            switch try readByte() {
            case 1: answers.append(.values(try readValues()))
            case 2: answers.append(.threw(try readText()))
            case let kind: throw WireError("unknown answer kind \(kind)")
            }
        }
        return ProbeAnswers(answers)
    }
}
