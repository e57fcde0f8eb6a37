// The rules of gradients of gradients: what createGraph records and what it leaves alone,
// accumulation, non-leaf tensors, tensors used twice, operations whose gradient reads their own
// result, orders above two, and that a first-order backward keeps no graph.

import Foundation
import LossKit
import Testing

@Suite("Gradients of gradients: the rules")
struct HigherOrderAutogradTests {
    @Test("Without createGraph, gradients are constants; with it, they carry a history")
    func constantsUnlessAsked() throws {
        let x = Tensor([1.0, 2.0], requiresGrad: true)
        let loss = (x * x * x).sum()
        let plain = gradients(of: loss, withRespectTo: [x])[0]
        #expect(!plain.requiresGrad && plain.isLeaf)
        #expect(plain.scalars == [3, 12])
        let recorded = gradients(of: loss, withRespectTo: [x], createGraph: true)[0]
        #expect(recorded.requiresGrad && !recorded.isLeaf)
        #expect(recorded.scalars == [3, 12])
        loss.backward()
        let grad = try #require(x.grad)
        #expect(!grad.requiresGrad && grad.isLeaf)
    }

    @Test("The example of the documentation: (g · v).sum().backward() gives H·v")
    func hessianVectorProduct() throws {
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        let loss = (w * w * w).sum()
        let g = gradients(of: loss, withRespectTo: [w], createGraph: true)
        (g[0] * Tensor([1.0, 0.0])).sum().backward()
        #expect(try #require(w.grad).scalars == [6, 0])
    }

    @Test("A gradient that does not depend on the input is a constant even with createGraph, as in PyTorch")
    func linearFunctionsGiveConstantGradients() {
        let w = Tensor([1.0, 2.0], requiresGrad: true)
        let g = gradients(of: (w * Tensor([3.0, 4.0])).sum(), withRespectTo: [w], createGraph: true)[0]
        #expect(!g.requiresGrad)
        #expect(g.scalars == [3, 4])
        // Differentiating it again gives zeros, not an error.
        #expect(gradients(of: g.sum(), withRespectTo: [w])[0].scalars == [0, 0])
    }

    @Test("backward(createGraph:) leaves a differentiable grad, and grads add up out of place")
    func backwardWithGraph() throws {
        let x = Tensor([1.0, -2.0], requiresGrad: true)
        (x * x * x).sum().backward(createGraph: true)
        let first = try #require(x.grad)
        #expect(first.requiresGrad)
        #expect(first.scalars == [3, 12])
        // d/dx Σ 3x² = 6x, added to the gradient already there (PyTorch does the same).
        first.sum().backward()
        let second = try #require(x.grad)
        #expect(second.scalars == [3 + 6, 12 - 12])
        #expect(!(second === first))
        #expect(first.scalars == [3, 12])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test("Two backward passes with createGraph accumulate, and the sum is still differentiable")
    func accumulationWithGraph() throws {
        let x = Tensor([0.5, 1.5], requiresGrad: true)
        (x * x * x).sum().backward(createGraph: true)
        exp(x).sum().backward(createGraph: true)
        let total = try #require(x.grad)
        let expected = x.scalars.map { 3 * $0 * $0 + Foundation.exp($0) }
        #expect(allClose(total.scalars, expected, tolerance: 1e-15))
        let curvature = gradients(of: total.sum(), withRespectTo: [x])[0]
        #expect(allClose(curvature.scalars, x.scalars.map { 6 * $0 + Foundation.exp($0) }, tolerance: 1e-15))
    }

    @Test("A plain gradient already in grad is not changed in place by a backward pass with a graph")
    func plainGradientThenGraph() throws {
        let x = Tensor([2.0], requiresGrad: true)
        (x * x).sum().backward()
        let plain = try #require(x.grad)
        (x * x * x).sum().backward(createGraph: true)
        #expect(plain.scalars == [4])
        #expect(try #require(x.grad).scalars == [16])
        #expect(try #require(x.grad).requiresGrad)
    }

    @Test("Gradients with respect to intermediate (non-leaf) tensors, differentiated back to the leaves")
    func nonLeafGradients() {
        let x = Tensor([0.3, -0.7, 1.1], requiresGrad: true)
        let hidden = tanh(x)
        let loss = (hidden * hidden * hidden).sum()
        // ∂loss/∂hidden = 3h², and its derivative with respect to x is 6h·(1 − h²).
        let g = gradients(of: loss, withRespectTo: [hidden], createGraph: true)[0]
        let h = hidden.scalars
        #expect(allClose(g.scalars, h.map { 3 * $0 * $0 }, tolerance: 1e-15))
        let second = gradients(of: g.sum(), withRespectTo: [x])[0]
        #expect(allClose(second.scalars, h.map { 6 * $0 * (1 - $0 * $0) }, tolerance: 1e-14))
    }

    @Test("A tensor used twice: both paths' gradients add up, and so do their derivatives")
    func usedTwice() {
        let x = Tensor([0.4, 1.3], requiresGrad: true)
        let y = exp(x)
        let loss = (y * y + y).sum()                  // e^{2x} + e^x
        let g = gradients(of: loss, withRespectTo: [x], createGraph: true)[0]
        #expect(allClose(g.scalars, x.scalars.map { 2 * Foundation.exp(2 * $0) + Foundation.exp($0) }, tolerance: 1e-14))
        let second = gradients(of: g.sum(), withRespectTo: [x])[0]
        #expect(allClose(second.scalars, x.scalars.map { 4 * Foundation.exp(2 * $0) + Foundation.exp($0) }, tolerance: 1e-14))
        // The same tensor given twice as the tensors to differentiate with respect to.
        let twice = gradients(of: loss, withRespectTo: [x, x])
        #expect(twice[0].scalars == twice[1].scalars)
    }

    @Test("Operations whose gradient reads their own result: exact second and third derivatives")
    func savedOutputs() {
        let x = Tensor([-0.8, 0.1, 1.7], requiresGrad: true)
        func derivatives(_ f: (Tensor) -> Tensor) -> [[Double]] {
            let first = gradients(of: f(x).sum(), withRespectTo: [x], createGraph: true)[0]
            let second = gradients(of: first.sum(), withRespectTo: [x], createGraph: true)[0]
            let third = gradients(of: second.sum(), withRespectTo: [x])[0]
            return [first.scalars, second.scalars, third.scalars]
        }
        let values = x.scalars
        let e = values.map { Foundation.exp($0) }
        #expect(derivatives(exp).allSatisfy { allClose($0, e, tolerance: 1e-14) })
        let s = values.map { 1 / (1 + Foundation.exp(-$0)) }
        let sigmoidDerivatives = derivatives(sigmoid)
        #expect(allClose(sigmoidDerivatives[1], s.map { $0 * (1 - $0) * (1 - 2 * $0) }, tolerance: 1e-14))
        #expect(allClose(sigmoidDerivatives[2], s.map { $0 * (1 - $0) * (1 - 6 * $0 + 6 * $0 * $0) }, tolerance: 1e-14))
        let t = values.map { Foundation.tanh($0) }
        let tanhDerivatives = derivatives(tanh)
        #expect(allClose(tanhDerivatives[1], t.map { -2 * $0 * (1 - $0 * $0) }, tolerance: 1e-14))
        #expect(allClose(tanhDerivatives[2], t.map { -2 * (1 - $0 * $0) * (1 - 3 * $0 * $0) }, tolerance: 1e-14))
        let positive = Tensor([0.5, 2.0, 3.0], requiresGrad: true)
        let rootSecond = gradients(
            of: gradients(of: sqrt(positive).sum(), withRespectTo: [positive], createGraph: true)[0].sum(),
            withRespectTo: [positive])[0]
        #expect(allClose(rootSecond.scalars, positive.scalars.map { -0.25 * Foundation.pow($0, -1.5) }, tolerance: 1e-14))
    }

    @Test("softmax: the Hessian of Σ c·softmax(x) against its closed form")
    func softmaxHessian() {
        let x = Tensor([0.2, -1.0, 0.7], requiresGrad: true)
        let c = [1.5, -0.5, 2.0]
        let loss = (softmax(x, dim: 0) * Tensor(c)).sum()
        let p = softmax(x.detached(), dim: 0).scalars
        let mean = zip(p, c).reduce(0) { $0 + $1.0 * $1.1 }
        let g = gradients(of: loss, withRespectTo: [x], createGraph: true)[0]
        // ∂/∂x_i = p_i (c_i − c̄); ∂²/∂x_i∂x_j = ∂/∂x_j of that, for each j by differentiating g_j.
        #expect(allClose(g.scalars, (0..<3).map { p[$0] * (c[$0] - mean) }, tolerance: 1e-15))
        for j in 0..<3 {
            let row = gradients(of: g[j], withRespectTo: [x])[0].scalars
            let expected = (0..<3).map { i -> Double in
                let delta = i == j ? 1.0 : 0.0
                return p[j] * (delta - p[i]) * (c[j] - mean) - p[j] * p[i] * (c[i] - mean)
            }
            #expect(allClose(row, expected, tolerance: 1e-14), "row \(j): \(row) against \(expected)")
        }
    }

    @Test("Fourth-order derivative of x⁵ through repeated createGraph")
    func fourthOrder() {
        let x = Tensor([1.5, -2.0], requiresGrad: true)
        var derivative = (x * x * x * x * x).sum()
        for _ in 0..<3 {
            derivative = gradients(of: derivative, withRespectTo: [x], createGraph: true)[0].sum()
        }
        let fourth = gradients(of: derivative, withRespectTo: [x])[0]
        #expect(allClose(fourth.scalars, x.scalars.map { 120 * $0 }, tolerance: 1e-13))
    }

    @Test("A gradient of the output that requires gradients: the vector-Jacobian product is differentiable in it")
    func differentiableOutputGradient() {
        let a = Tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
        let x = Tensor([0.5, -1.0], requiresGrad: true)
        let v = Tensor([1.0, -1.0, 2.0], requiresGrad: true)
        let y = matmul(a, x)
        let vectorJacobian = gradients(of: y, withRespectTo: [x], gradient: v, createGraph: true)[0]   // Aᵀv
        #expect(vectorJacobian.scalars == [8, 10])
        // d/dv ⟨u, Aᵀv⟩ = A·u: the Jacobian-vector product, by the double-backward trick.
        let u = Tensor([1.0, 1.0])
        let jacobianVector = gradients(of: (vectorJacobian * u).sum(), withRespectTo: [v])[0]
        #expect(jacobianVector.scalars == [3, 7, 11])
    }

    @Test("createGraph records even inside withoutGradients, as in PyTorch")
    func createGraphInsideNoGrad() {
        let x = Tensor([2.0], requiresGrad: true)
        let loss = (x * x * x).sum()
        let g = withoutGradients { gradients(of: loss, withRespectTo: [x], createGraph: true)[0] }
        #expect(g.requiresGrad)
        #expect(gradients(of: g.sum(), withRespectTo: [x])[0].scalars == [12])
    }

    @Test("A tensor the output does not depend on gets a zero gradient; each tensor gets its own gradient object")
    func unusedAndShared() {
        let a = Tensor([1.0, 2.0], requiresGrad: true)
        let b = Tensor([3.0, 4.0], requiresGrad: true)
        let unused = Tensor([5.0], requiresGrad: true)
        let result = gradients(of: (a + b).sum(), withRespectTo: [a, b, unused])
        #expect(result.map(\.scalars) == [[1, 1], [1, 1], [0]])
        #expect(!(result[0] === result[1]))
    }

    @Test("Releasing a graph built by createGraph: zeroGrad breaks the cycle between a parameter and its gradient")
    func graphIsReleased() {
        let x = Tensor([0.5, 1.0], requiresGrad: true)
        weak var intermediate: Tensor?
        do {
            let hidden = exp(x)
            intermediate = hidden
            (hidden * hidden).sum().backward(createGraph: true)
        }
        // x.grad = 2·e^{2x} has a history that reads `hidden`, so it is still alive…
        #expect(intermediate != nil)
        x.zeroGrad()
        // …until the gradient is dropped.
        #expect(intermediate == nil)
    }

    @Test("A first-order backward keeps nothing alive after the loss is gone")
    func firstOrderKeepsNothing() {
        let x = Tensor([0.5, 1.0], requiresGrad: true)
        weak var intermediate: Tensor?
        do {
            let hidden = exp(x)
            intermediate = hidden
            (hidden * hidden).sum().backward()
        }
        #expect(intermediate == nil)
        #expect(x.grad?.isLeaf == true)
    }
}

@Suite("Gradients of gradients: mistakes stop with a message")
struct HigherOrderPreconditionTests {
    @Test("gradients(of:) of a tensor with several elements needs the gradient of the output")
    func nonScalarNeedsGradient() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0], requiresGrad: true)
            _ = gradients(of: x * x, withRespectTo: [x], createGraph: true)
        }
        #expect(standardError(of: result).contains("pass the gradient of the final value with respect to it as gradient:"))
    }

    @Test("Changing a parameter in place after its gradient graph was built stops the second backward")
    func inPlaceChangeAfterGraph() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0], requiresGrad: true)
            let g = gradients(of: (x * x * x).sum(), withRespectTo: [x], createGraph: true)[0]
            x.subtract(Tensor([0.1, 0.1]))
            g.sum().backward()
        }
        #expect(standardError(of: result).contains("was changed in place"))
    }
}
