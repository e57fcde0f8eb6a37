import Foundation
import LossKit
import Testing

@Suite("Gradient clipping")
struct GradientClippingTests {
    @Test("gradient clipping by global norm and by value")
    func clipping() {
        let a = Tensor([3.0], requiresGrad: true), b = Tensor([4.0], requiresGrad: true)
        (a * a / 2 + b * b / 2).sum().backward()
        #expect(abs(clipGradientNorm([a, b], maxNorm: 1) - 5) < 1e-12)
        #expect(abs((a.grad?.item ?? 0) - 0.6) < 1e-6 && abs((b.grad?.item ?? 0) - 0.8) < 1e-6)
        clipGradientValue([a, b], limit: 0.7)
        #expect(b.grad?.item == 0.7)
    }
}
