#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LabRuntime

/// One way the checks reach the learner's code: a body that receives inputs from the checks,
/// calls the learner's functions and types, and returns what they computed.
///
/// Probes live in an exercise's `Probes.swift` (and `HiddenProbes.swift`), the only code
/// compiled together with the learner's module. They never hold expected values, tolerances or
/// points, and never decide anything: they return values, and ``Check``s judge them in a
/// process that never loads learner code.
///
/// ```swift
/// let probes: [Probe] = [
///     Probe("loss") { input in
///         let loss = Submission.TverskyLoss(alpha: try input.number("alpha"), beta: try input.number("beta"))
///         return ["loss": .tensor(loss(try input.tensor("prediction"), try input.tensor("target")))]
///     },
/// ]
/// ```
public struct Probe: Sendable {
    /// The name checks use to run it.
    public let name: String
    /// The body: inputs in, the learner's results out.
    public let body: @Sendable (ProbeValues) throws -> ProbeValues

    /// A probe called `name`.
    public init(_ name: String, _ body: @escaping @Sendable (ProbeValues) throws -> ProbeValues) {
        self.name = name
        self.body = body
    }
}

/// The entry point of a compiled probe program (probes linked with the learner's module).
///
/// The grader starts it inside the sandbox with the request (a probe's name and its inputs) on
/// standard input and a file open for writing as descriptor 3. It runs the probe once per input
/// and writes one ``ProbeAnswers`` frame to descriptor 3. Standard output and error belong to the
/// learner: they are shown, never interpreted.
public enum ProbeProgram {
    /// The descriptor the answers go to.
    public static let answerDescriptor: Int32 = 3

    /// Reads the request, runs the probe on each input, writes the answers, and exits.
    public static func main(probes: [Probe], hiddenProbes: [Probe] = []) -> Never {
        ProgramSession.start()
        let request = FileHandle.standardInput.readDataToEndOfFile()
        var answers: [ProbeAnswer] = []
        do {
            var reader = WireReader(Array(request))
            let kind = try reader.readByte()
            let message = try GradingMessage(kind: kind, payload: try reader.readBytes())
            guard case .runProbe(let name, let inputs) = message else { throw WireError("the request is not a probe run") }
            let all = probes + hiddenProbes
            guard let probe = all.first(where: { $0.name == name }) else {
                let known = all.map(\.name).joined(separator: ", ")
                throw WireError("this exercise has no probe named “\(name)” (probes: \(known)); this is a bug in the exercise")
            }
            for input in inputs {
                do {
                    answers.append(.values(try probe.body(input)))
                } catch let failure as ExpectationFailure {
                    // A probe's own explanation (for example "the loss is not a scalar").
                    answers.append(.threw(failure.description))
                } catch {
                    answers.append(.threw("Your code threw an error: \(error)"))
                }
            }
        } catch {
            FileHandle.standardError.write(Data("probe program: could not read its request: \(error)\n".utf8))
            fflush(nil)
            _exit(70)
        }
        fflush(nil)
        do {
            try FrameChannel.writeAll(ProbeAnswers(answers).framed, to: answerDescriptor)
        } catch {
            FileHandle.standardError.write(Data("probe program: could not write its answers: \(error)\n".utf8))
            _exit(71)
        }
        // _exit: handlers the learner's code registered with atexit do not run after the answer.
        _exit(0)
    }
}
