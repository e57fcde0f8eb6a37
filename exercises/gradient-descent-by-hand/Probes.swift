import LossLab
import ExerciseTesting
@testable import Submission

// How the checks call your code. Each probe gets inputs from the checks, runs your functions
// and returns what they computed; the checks (Checks.swift) compare the results, in a process
// of their own. Nothing here decides a grade.

/// The line and the points of an input.
private func problem(_ input: ProbeValues) throws -> (line: Submission.Line, xs: [Double], ys: [Double]) {
    let line = Submission.Line(slope: try input.number("slope"), intercept: try input.number("intercept"))
    return (line, try input.numbers("xs"), try input.numbers("ys"))
}

let probes: [Probe] = [
    /// Your loss and your gradient (∂/∂slope, ∂/∂intercept) for the input's line and points.
    Probe("loss and gradient") { input in
        let (line, xs, ys) = try problem(input)
        let gradient = Submission.meanSquaredErrorGradient(of: line, xs: xs, ys: ys)
        return ["loss": .number(Submission.meanSquaredError(of: line, xs: xs, ys: ys)),
                "gradient": .numbers([gradient.slope, gradient.intercept])]
    },
    /// Your gradient descent from the input's line, with its learning rate and number of steps:
    /// the final line and the losses you recorded.
    Probe("gradient descent") { input in
        let (start, xs, ys) = try problem(input)
        let result = Submission.gradientDescent(from: start, xs: xs, ys: ys, learningRate: try input.number("learning rate"),
                                                steps: try input.integer("steps"))
        return ["slope": .number(result.line.slope), "intercept": .number(result.line.intercept),
                "losses": .numbers(result.losses)]
    },
]
