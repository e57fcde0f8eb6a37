// Gradients of gradients of the elementwise operations, against finite differences of the
// first-order gradient (see SecondOrderCheck). Each checks every input of the operation.

import LossKit
import Testing

@Suite("Second order: arithmetic, powers, exponentials and logarithms")
struct SecondOrderArithmeticTests {
    @Test("+, −, ×, ÷ and negation, with broadcasting")
    func arithmetic() {
        SecondOrderCheck.expectMatch(shapes: [[2, 3], [3]]) { ($0[0] + $0[1]) * ($0[0] - $0[1]) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3], [2, 1]]) { $0[0] * $0[1] * $0[0] }
        SecondOrderCheck.expectMatch(shapes: [[2, 3], [3]], positive: true) { $0[0] / $0[1] }
        SecondOrderCheck.expectMatch(shapes: [[4]]) { -($0[0] * $0[0] * $0[0]) }
        SecondOrderCheck.expectMatch(shapes: [[2, 2], []]) { 2 / ($0[0] * $0[1] + 5) }
    }

    @Test("pow with a number exponent, with a tensor exponent, and with a number base")
    func powers() {
        for exponent in [3.0, 2.5, -1.5, 1.0, 0.0] {
            SecondOrderCheck.expectMatch(shapes: [[5]], positive: true) { pow($0[0], exponent) }
        }
        SecondOrderCheck.expectMatch(shapes: [[2, 3], [3]], positive: true) { pow($0[0], $0[1]) }
        SecondOrderCheck.expectMatch(shapes: [[4]]) { pow(2.0, $0[0]) }
    }

    @Test("exp, log, log1p, sqrt, abs and sign")
    func exponentials() {
        SecondOrderCheck.expectMatch(shapes: [[2, 3]]) { exp($0[0]) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3]], positive: true) { log($0[0]) }
        SecondOrderCheck.expectMatch(shapes: [[5]], positive: true) { log1p($0[0]) }
        SecondOrderCheck.expectMatch(shapes: [[5]], positive: true) { sqrt($0[0]) }
        SecondOrderCheck.expectMatch(shapes: [[5]]) { abs($0[0]) * $0[0] * $0[0] }
        SecondOrderCheck.expectMatch(shapes: [[5]]) { sign($0[0]) * exp($0[0]) }
    }
}

@Suite("Second order: activations")
struct SecondOrderActivationTests {
    @Test("relu and leakyRelu, multiplied so that their second derivative matters")
    func rectifiers() {
        SecondOrderCheck.expectMatch(shapes: [[6]]) { relu($0[0]) * $0[0] * $0[0] }
        SecondOrderCheck.expectMatch(shapes: [[6]]) { leakyRelu($0[0], negativeSlope: 0.2) * exp($0[0]) }
    }

    @Test("sigmoid, tanh, logSigmoid and gelu")
    func smoothActivations() {
        SecondOrderCheck.expectMatch(shapes: [[2, 3]]) { sigmoid($0[0]) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3]]) { tanh($0[0]) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3]]) { logSigmoid($0[0] * 3) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3]]) { gelu($0[0] * 2) }
    }

    @Test("softplus on both sides of its threshold")
    func softplusBothSides() {
        SecondOrderCheck.expectMatch(shapes: [[6]]) { softplus($0[0], beta: 2) }
        // β·x above the threshold for the larger elements: there softplus is x itself.
        SecondOrderCheck.expectMatch(shapes: [[6]]) { softplus($0[0] * $0[0], beta: 1, threshold: 1) * $0[0] }
    }
}

@Suite("Second order: choosing between values")
struct SecondOrderChoosingTests {
    @Test("where, maximum, minimum and clamp")
    func choosing() {
        SecondOrderCheck.expectMatch(shapes: [[2, 3], [3]]) { x in
            Tensor.where(x[0] .> 0, x[0] * x[0], x[1] * x[0])
        }
        SecondOrderCheck.expectMatch(shapes: [[2, 3], [3]]) { maximum($0[0], $0[1]) * $0[0] * $0[1] }
        SecondOrderCheck.expectMatch(shapes: [[2, 3], [2, 1]]) { minimum($0[0], $0[1]) * exp($0[0]) }
        SecondOrderCheck.expectMatch(shapes: [[8]]) { clamp($0[0], min: -1, max: 1) * $0[0] * $0[0] }
    }
}

@Suite("Second order: conventions at kinks")
struct SecondOrderKinkTests {
    @Test("At a tie, maximum gives each side half of the gradient, and so does the gradient's own derivative")
    func tiesShareAtEveryOrder() throws {
        let a = Tensor([1.5, -0.5], requiresGrad: true)
        let b = Tensor([1.5, 0.7], requiresGrad: true)
        let c = Tensor([2.0, 3.0], requiresGrad: true)
        let gradient = gradients(of: (maximum(a, b) * c).sum(), withRespectTo: [a], createGraph: true)[0]
        // ∂/∂a = c/2 at the tie, 0 where b wins.
        #expect(gradient.scalars == [1.0, 0.0])
        let mixed = gradients(of: gradient.sum(), withRespectTo: [c])[0]
        #expect(mixed.scalars == [0.5, 0.0])
    }

    @Test("relu passes no gradient at exactly 0, and clamp passes it at its bounds, at every order")
    func kinks() throws {
        let x = Tensor([0.0, 2.0, -1.0], requiresGrad: true)
        let c = Tensor([5.0, 7.0, 11.0], requiresGrad: true)
        let reluGradient = gradients(of: (relu(x) * c).sum(), withRespectTo: [x], createGraph: true)[0]
        #expect(reluGradient.scalars == [0, 7, 0])
        #expect(gradients(of: reluGradient.sum(), withRespectTo: [c])[0].scalars == [0, 1, 0])
        let clampGradient = gradients(of: (clamp(x, min: 0, max: 2) * c).sum(), withRespectTo: [x], createGraph: true)[0]
        #expect(clampGradient.scalars == [5, 7, 0])
        #expect(gradients(of: clampGradient.sum(), withRespectTo: [c])[0].scalars == [1, 1, 0])
    }
}
