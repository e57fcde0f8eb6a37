import Foundation
import LossKit
import Testing

@Suite("Schedules without golden data")
struct WarmupTests {
    @Test("linear warm-up rises from startFactor·η₀ to η₀ in warmupSteps steps, then stays")
    func warmup() {
        let optimizer = SGD([Tensor([0.0], requiresGrad: true)], learningRate: 0.3)
        let warmup = LinearWarmup(optimizer, warmupSteps: 3, startFactor: 0.1)
        var rates = [optimizer.learningRate]
        for _ in 0..<5 {
            warmup.step()
            rates.append(optimizer.learningRate)
        }
        let expected = [0.03, 0.12, 0.21, 0.3, 0.3, 0.3]
        #expect(zip(rates, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(rates)")
    }
}
