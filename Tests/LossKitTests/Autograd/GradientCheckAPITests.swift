import LossKit
import Testing

@Suite("The public gradientCheck")
struct GradientCheckAPITests {
    @Test("A correct gradient passes, with tiny errors reported per input")
    func correctGradientPasses() {
        let x = Tensor([[0.5, -1], [2, 0.25]], requiresGrad: true)
        let y = Tensor([3, -2], requiresGrad: true)
        let result = gradientCheck({ inputs in exp(inputs[0]) * inputs[1] }, inputs: [x, y])
        #expect(result.passed)
        #expect(result.inputs.map(\.index) == [0, 1])
        #expect(result.inputs.map(\.shape) == [[2, 2], [2]])
        #expect(result.maxRelativeError < 1e-8)
        #expect(result.maxAbsoluteError < 1e-8)
        #expect(result.description.hasPrefix("gradientCheck passed"))
    }

    @Test("A wrong gradient fails: x · detached(x) has derivative 2x, but backward() sees only x")
    func wrongGradientFails() throws {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let result = gradientCheck({ inputs in inputs[0] * inputs[0].detached() }, inputs: [x])
        #expect(!result.passed)
        let comparison = try #require(result.inputs.first)
        #expect(!comparison.passed)
        // With weights w: analytic w·x, numeric 2·w·x.
        for (analytic, numeric) in zip(comparison.analytic, comparison.numeric) {
            #expect(isClose(numeric, 2 * analytic, tolerance: 1e-6))
        }
        #expect(result.description.contains("FAILED"))
        #expect(result.description.contains("central differences"))
    }

    @Test("Inputs without requiresGrad are held constant; the inputs themselves are left untouched")
    func constantsAndUntouchedInputs() {
        let x = Tensor([1, 2], requiresGrad: true)
        let target = Tensor([0.5, 0.5])
        let result = gradientCheck({ inputs in mseLoss(inputs[0], inputs[1]) }, inputs: [x, target])
        #expect(result.passed)
        #expect(result.inputs.count == 1)
        #expect(x.grad == nil)
        #expect(x.scalars == [1, 2])
    }

    @Test("An input the output does not depend on gets a zero gradient on both sides")
    func unusedInput() {
        let used = Tensor([1, 2], requiresGrad: true)
        let unused = Tensor([3], requiresGrad: true)
        let result = gradientCheck({ inputs in inputs[0] * 2 }, inputs: [used, unused])
        #expect(result.passed)
        #expect(result.inputs[1].analytic == [0])
        #expect(result.inputs[1].numeric == [0])
    }

    @Test("It works inside withoutGradients, and with a custom step and tolerance")
    func insideNoGradientScope() {
        let x = Tensor([0.3, 0.7], requiresGrad: true)
        let result = withoutGradients {
            gradientCheck({ inputs in sigmoid(inputs[0]).sum() }, inputs: [x], step: 1e-5, tolerance: 1e-8)
        }
        #expect(result.passed)
        #expect(result.tolerance == 1e-8)
    }
}
