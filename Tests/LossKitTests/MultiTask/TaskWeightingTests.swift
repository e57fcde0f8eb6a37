import Foundation
import LossKit
import Testing

@Suite("Multi-task weighting strategies")
struct TaskWeightingTests {
    @Test("uncertainty weighting trained with Adam on constant losses reaches exp(−s) within 2% of 1/L")
    func uncertaintyOptimum() {
        let losses = [2.5, 0.8, 1.2]
        let weighting = UncertaintyWeighting(tasks: 3)
        let optimizer = Adam(weighting.learnableParameters, learningRate: 0.05)
        for _ in 0..<2000 {
            optimizer.zeroGrad()
            weighting.backward(taskLosses: losses.map { Tensor($0) }, shared: [])
            optimizer.step()
        }
        for (weight, loss) in zip(weighting.weights, losses) {
            #expect(abs(weight - 1 / loss) / (1 / loss) < 0.02, "weight \(weight) vs 1/L = \(1 / loss)")
        }
    }

    @Test("the σ parametrisation weighs regression tasks by 1/(2σ²) and classification by 1/σ²")
    func sigmaForm() {
        let weighting = UncertaintyWeighting(tasks: 2, parametrisation: .sigma(regressionTasks: [0]))
        weighting.logUncertainties.update { $0 = [log(2.0), log(2.0)] }
        #expect(weighting.weights == [1 / 8.0, 1 / 4.0])
        let total = weighting.combined([Tensor(3.0), Tensor(5.0)])
        #expect(abs(total.item - (3.0 / 8 + log(2.0) + 5.0 / 4 + log(2.0))) < 1e-12)
    }

    @Test("GradNorm's weight step for two tasks with known gradient norms")
    func gradNormStep() {
        let gradNorm = GradNorm(tasks: 2, alpha: 1.5, weightLearningRate: 0.1)
        // Equal training rates: the targets are the mean norm, 1.5. Task 1 is above it, task 2 below.
        let weights = gradNorm.updateWeights(unweightedNorms: [2, 1], losses: [1, 1])
        // w = (1 − 0.1·2, 1 + 0.1·1) = (0.8, 1.1), renormalised to sum 2.
        #expect(abs(weights[0] - 0.8 * 2 / 1.9) < 1e-12 && abs(weights[1] - 1.1 * 2 / 1.9) < 1e-12)
        #expect(gradNorm.lastGradientNorms == [2, 1])
    }

    @Test("GradNorm pushes up the task that trains slower")
    func gradNormSlowTask() {
        let gradNorm = GradNorm(tasks: 2, alpha: 1, weightLearningRate: 0.1)
        gradNorm.updateWeights(unweightedNorms: [1, 1], losses: [1, 1])
        // Task 1's loss halved, task 2's stayed: task 2 is behind, so its target norm is larger.
        let weights = gradNorm.updateWeights(unweightedNorms: [1, 1], losses: [0.5, 1])
        #expect(weights[1] > weights[0])
    }

    @Test("DWA's weights for given loss histories")
    func dynamicWeightAverage() {
        let weights = DynamicWeightAverage.weights(after: [[1, 1], [0.5, 0.9]], temperature: 2)
        let a = exp(0.5 / 2), b = exp(0.9 / 2)
        #expect(weights.map { zip($0, [2 * a / (a + b), 2 * b / (a + b)]).allSatisfy { abs($0 - $1) < 1e-12 } } == true)
        #expect(DynamicWeightAverage.weights(after: [[1, 1]]) == nil, "equal weights for the first two epochs")
        let dwa = DynamicWeightAverage(tasks: 2)
        dwa.endEpoch(taskLosses: [1, 1])
        #expect(dwa.weights == [1, 1])
        dwa.endEpoch(taskLosses: [0.5, 0.9])
        #expect(dwa.weights[1] > dwa.weights[0], "the task that improved less gets more weight")
        #expect(dwa.weightHistory.count == 2)
    }

    @Test("PCGrad projects two conflicting gradients onto each other's normal planes")
    func pcGradProjection() {
        let (projected, conflicts) = PCGrad.project([[1, 0], [-1, 1]], order: [[1], [0]])
        #expect(projected == [[0.5, 0.5], [0, 1]])
        #expect(conflicts == 2)
        let (unchanged, none) = PCGrad.project([[1, 0], [1, 1]], order: [[1], [0]])
        #expect(unchanged == [[1, 0], [1, 1]] && none == 0)
    }

    @Test("PCGrad sets the shared gradient to the sum of the projected task gradients")
    func pcGradBackward() {
        let shared = Tensor([1.0, 1.0], requiresGrad: true)
        // Task gradients on `shared`: (1, 0) and (−1, 1).
        let first = shared[0] * 1.0
        let second = shared[1] - shared[0]
        PCGrad(tasks: 2).backward(taskLosses: [first, second], shared: [shared])
        #expect(shared.grad?.scalars == [0.5, 1.5])
    }

    @Test("the gradient-conflict penalty counts opposing directions only")
    func conflictPenalty() {
        #expect(gradientConflictPenalty([[1, 0], [-1, 0]]) == 1)
        #expect(gradientConflictPenalty([[1, 0], [0, 1]]) == 0)
        #expect(abs(gradientConflictPenalty([[1, 0], [-1, 1], [0, 1]]) - 1 / 2.0.squareRoot()) < 1e-12)
    }

    @Test("gradients(withRespectTo:) returns gradients without touching grad")
    func gradientsQuery() {
        let x = Tensor([2.0, 3.0], requiresGrad: true), y = Tensor([4.0], requiresGrad: true)
        let value = (x * x).sum() * y
        let result = value.gradients(withRespectTo: [x, Tensor([0.0], requiresGrad: true)])
        #expect(result[0].scalars == [16, 24])
        #expect(result[1].scalars == [0])
        #expect(x.grad == nil && y.grad == nil)
    }
}
