import Foundation
import LossLab
import ExerciseTesting

let hiddenChecks: [Check] = [
    Check("random loss histories, task counts and temperatures match an independent computation", points: 2) { learner in
        var generator = CaseGenerator(state: 31)
        var cases: [(history: [[Double]], tasks: Int, temperature: Double)] = []
        for trial in 0..<20 {
            let tasks = 1 + trial % 6, epochs = 2 + trial % 4
            let temperature = 0.2 + 5 * generator.next()
            let history = (0..<epochs).map { _ in (0..<tasks).map { _ in 0.01 + 3 * generator.next() } }
            cases.append((history, tasks, temperature))
        }
        let results = try learner.run("weights", each: cases.map { historyInput($0.history, tasks: $0.tasks, temperature: $0.temperature) })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            try expectClose(try submittedWeights(result, tasks: item.tasks, epochs: item.history.count),
                            referenceWeights(after: item.history, tasks: item.tasks, temperature: item.temperature), tolerance: 1e-12,
                            "Hidden case \(trial) (\(item.tasks) tasks, T = \(item.temperature)): weights(after:)")
        }
    },
    Check("backward uses the current weights: value and gradients of Σ wᵢ·Lᵢ") { learner in
        let history = Array(givenHistory.prefix(3))
        var input = historyInput(history, tasks: 3, temperature: 1.5)
        input["x"] = .numbers([0.5, -1.0, 2.0])
        var check = historyInput([], tasks: 2, temperature: 2)
        check["x"] = .numbers([1, 2])
        let results = try learner.run("backward", each: [check, input])
        try requireBackpropagation(results[0])
        let weights = referenceWeights(after: history, tasks: 3, temperature: 1.5)
        let values = [0.5, -1.0, 2.0]
        let expectedTotal = weights[0] * values.reduce(0, +) + weights[1] * values.map { $0 * $0 }.reduce(0, +)
            + weights[2] * values.map { $0 * $0 * $0 }.reduce(0, +)
        let (shape, total) = try results[1].shapedNumbers("total")
        try expect(total.count == 1, "backward(taskLosses:shared:) should return the combined loss as a scalar tensor, but its shape is \(shape).")
        try expectClose(total[0], expectedTotal, tolerance: 1e-12, "The combined loss backward(taskLosses:shared:) returns")
        try expectClose(results[1]["gradient"] == nil ? [] : try results[1].numbers("gradient"),
                        values.map { weights[0] + 2 * weights[1] * $0 + 3 * weights[2] * $0 * $0 },
                        tolerance: 1e-12, "The gradient should be Σ wᵢ·∂Lᵢ/∂x: x.grad")
    },
    Check("in training, weightHistory holds one entry per epoch, as the trainer reports them") { learner in
        let result = try learner.run("train", ["epochs": .integer(5), "temperature": .number(0.5)])
        try requireBackpropagation(result, gradientName: "check gradient")
        let (entries, flat) = try weightHistory(result)
        try expect(entries == 5, "After 5 epochs weightHistory has \(entries) entries.")
        try expect(flat.count == 15, "The 5 entries of weightHistory hold \(flat.count) weights in all; each should hold one weight per task.")
        try expectClose(flat, try result.numbers("trainer weights"), tolerance: 1e-12,
                        "weightHistory should hold the trainer's per-epoch weights: flattened weightHistory")
        let losses = try taskLosses(result)
        for epoch in 2..<5 {
            try expectClose(Array(flat[(epoch * 3)..<(epoch * 3 + 3)]),
                            referenceWeights(after: Array(losses.prefix(epoch)), tasks: 3, temperature: 0.5), tolerance: 1e-12,
                            "Epoch \(epoch + 1)'s weights should follow from the mean losses of the epochs before it: weightHistory[\(epoch)]")
        }
    },
]
