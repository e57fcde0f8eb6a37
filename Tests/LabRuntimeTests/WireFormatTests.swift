import Testing

@testable import LabRuntime

@Suite("The wire format of probe values and grading messages")
struct WireFormatTests {
    static let values: ProbeValues = [
        "loss": .number(0.578786377300839),
        "odd numbers": .tensor(shape: [2, 2], scalars: [.nan, .infinity, -.infinity, -0.0]),
        "empty": .tensor(shape: [0, 3], scalars: []),
        "name": .text("β = 0.7, ünïcode\n\t\u{0}"),
        "image": .bytes([0x89, 0x50, 0x4E, 0x47, 0, 255]),
    ]

    @Test("values survive a round trip bit for bit, NaN and −0 included")
    func roundTrip() throws {
        var writer = WireWriter()
        writer.write(Self.values)
        var reader = WireReader(writer.bytes)
        let back = try reader.readValues()
        #expect(reader.isAtEnd)
        for (name, value) in Self.values.entries {
            guard case .tensor(let shape, let scalars) = value else {
                #expect(back[name] == value)
                continue
            }
            guard case .tensor(let backShape, let backScalars)? = back[name] else {
                Issue.record("\(name) came back as \(String(describing: back[name]))")
                continue
            }
            #expect(backShape == shape)
            #expect(backScalars.map(\.bitPattern) == scalars.map(\.bitPattern))
        }
    }

    @Test("every grading message survives a round trip")
    func messages() throws {
        let messages: [GradingMessage] = [
            .listing([ListedCheck(name: "a check", points: 2, hidden: false), ListedCheck(name: "hidden", points: 1, hidden: true)]),
            .runProbe(probe: "loss", inputs: [["alpha": .number(0.3)], [:]]),
            .verdict(passed: false, message: "The loss is 0.0; expected 1.0."),
            .answers([.values(["loss": .number(1)]), .threw("boom")]),
            .probeFailed(.timedOut, message: "too slow"),
        ]
        for message in messages {
            let frame = message.frame
            var reader = WireReader(Array(frame.dropFirst()))
            let payload = try reader.readBytes()
            #expect(try GradingMessage(kind: frame[0], payload: payload) == message)
        }
    }

    @Test("framed answers are exactly one frame: a prefix, a suffix or two frames are refused")
    func answersAreOneFrame() throws {
        let answers = ProbeAnswers([.values(["loss": .number(0.25), "name": .text("β")]), .threw("no")])
        #expect(try ProbeAnswers(framed: answers.framed) == answers)
        #expect(throws: WireError.self) { try ProbeAnswers(framed: answers.framed + answers.framed) }
        #expect(throws: WireError.self) { try ProbeAnswers(framed: Array("PASSED".utf8) + answers.framed) }
        #expect(throws: WireError.self) { try ProbeAnswers(framed: Array(answers.framed.dropLast())) }
        #expect(throws: WireError.self) { try ProbeAnswers(framed: []) }
    }

    @Test("hostile bytes fail to decode without crashing or allocating what they claim")
    func hostileBytes() {
        // A count of 2^60 elements in 16 bytes must be refused before anything is allocated.
        var huge = WireWriter()
        huge.write(byte: 1)
        huge.write(count: 1)
        huge.write(UInt64(1) << 60)
        huge.write(UInt64(1) << 60)
        var reader = WireReader(huge.bytes)
        #expect(throws: WireError.self) { try reader.readValue() }

        // A shape whose product overflows.
        var overflow = WireWriter()
        overflow.write(byte: 1)
        overflow.write(count: 2)
        overflow.write(UInt64(Int.max))
        overflow.write(UInt64(Int.max))
        overflow.write(count: 0)
        var overflowReader = WireReader(overflow.bytes)
        #expect(throws: WireError.self) { try overflowReader.readValue() }

        // Random bytes, many times: decoding either fails or returns something, never traps.
        var generator = SplitMix(state: 2024)
        for length in 0..<400 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = try? ProbeAnswers(framed: ProbeAnswers.magic + bytes)
            var random = WireReader(bytes)
            _ = try? random.readValues()
            _ = try? GradingMessage(kind: bytes.first ?? 0, payload: Array(bytes.dropFirst()))
        }
    }

    @Test("reading a value of the wrong kind or a missing name explains itself")
    func readingErrors() {
        let values: ProbeValues = ["loss": .numbers([1, 2]), "label": .text("cat")]
        #expect(throws: ProbeValueError.self) { try values.number("loss") }
        #expect(throws: ProbeValueError.self) { try values.text("loss") }
        #expect(throws: ProbeValueError.self) { try values.numbers("label") }
        let missing = #expect(throws: ProbeValueError.self) { try values.number("gradient") }
        #expect(missing?.description.contains("label, loss") == true)
        #expect(throws: ProbeValueError.self) { try ProbeValues(["k": .number(2.5)]).integer("k") }
    }
}

/// A small seeded generator for the hostile-bytes test (SplitMix64, Steele et al. 2014).
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
