import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

let hiddenExerciseTests: [ExerciseTest] = [
    ExerciseTest("random loss histories, task counts and temperatures match an independent computation", points: 2) {
        var generator = CaseGenerator(state: 31)
        for trial in 0..<20 {
            let tasks = 1 + trial % 6, epochs = 2 + trial % 4
            let temperature = 0.2 + 5 * generator.next()
            let history = (0..<epochs).map { _ in (0..<tasks).map { _ in 0.01 + 3 * generator.next() } }
            try expectClose(try submittedWeights(after: history, tasks: tasks, temperature: temperature),
                            referenceWeights(after: history, tasks: tasks, temperature: temperature), tolerance: 1e-12,
                            "Hidden case \(trial) (\(tasks) tasks, T = \(temperature)): weights(after:)")
        }
    },
    ExerciseTest("backward uses the current weights: value and gradients of Σ wᵢ·Lᵢ") {
        try requireBackpropagation()
        let weighting = Submission.DynamicWeightAveraging(tasks: 3, temperature: 1.5)
        for losses in givenHistory.prefix(3) { weighting.endEpoch(taskLosses: losses) }
        let weights = referenceWeights(after: Array(givenHistory.prefix(3)), tasks: 3, temperature: 1.5)
        let x = Tensor([0.5, -1.0, 2.0], requiresGrad: true)
        let total = weighting.backward(taskLosses: [x.sum(), (x * x).sum(), (x * x * x).sum()], shared: [])
        let values = x.scalars
        let expectedTotal = weights[0] * values.reduce(0, +) + weights[1] * values.map { $0 * $0 }.reduce(0, +)
            + weights[2] * values.map { $0 * $0 * $0 }.reduce(0, +)
        try expectClose(total.item, expectedTotal, tolerance: 1e-12, "The combined loss backward(taskLosses:shared:) returns")
        try expectClose(x.grad?.scalars ?? [], values.map { weights[0] + 2 * weights[1] * $0 + 3 * weights[2] * $0 * $0 },
                        tolerance: 1e-12, "The gradient should be Σ wᵢ·∂Lᵢ/∂x: x.grad")
    },
    ExerciseTest("in training, weightHistory holds one entry per epoch, as the trainer reports them") {
        try requireBackpropagation()
        let dwa = Submission.DynamicWeightAveraging(tasks: 3, temperature: 0.5)
        let history = trainScenes(with: dwa, epochs: 5)
        try expect(dwa.weightHistory.count == 5, "After 5 epochs weightHistory has \(dwa.weightHistory.count) entries.")
        try expectClose(dwa.weightHistory.flatMap { $0 }, history.weights.flatMap { $0 }, tolerance: 1e-12,
                        "weightHistory should hold the trainer's per-epoch weights: flattened weightHistory")
        for epoch in 2..<5 {
            let losses = history.epochs.prefix(epoch).map { report in sceneTasks.map { report.taskLosses[$0] ?? .nan } }
            try expectClose(dwa.weightHistory[epoch], referenceWeights(after: losses, tasks: 3, temperature: 0.5), tolerance: 1e-12,
                            "Epoch \(epoch + 1)'s weights should follow from the mean losses of the epochs before it: weightHistory[\(epoch)]")
        }
    },
]
