import Foundation
import LossLab
import ExerciseTesting
@testable import Submission

let hiddenExerciseTests: [ExerciseTest] = [
    ExerciseTest("random cases with 1 to 5 tasks: value and gradients match an independent computation", points: 2) {
        try requireDifferentiable()
        var generator = CaseGenerator(state: 11)
        for trial in 0..<10 {
            let tasks = 1 + trial % 5
            let s = (0..<tasks).map { _ in 4 * generator.next() - 2 }
            let losses = (0..<tasks).map { _ in 0.01 + 5 * generator.next() }
            let balancer = Submission.UncertaintyBalancer(taskNames: (0..<tasks).map { "task \($0)" })
            setLogVariances(balancer, s)
            let lossTensors = losses.map { Tensor($0, requiresGrad: true) }
            let total = balancer.combined(lossTensors)
            var expected = 0.0
            for (si, li) in zip(s, losses) { expected += exp(-si) * li + si }
            try expectClose(total.item, expected, tolerance: 1e-12, "Hidden case \(trial): the combined loss")
            try expectClose(balancer.weights, s.map { exp(-$0) }, tolerance: 1e-12, "Hidden case \(trial): weights")
            total.backward()
            try expectClose(balancer.logVariances.grad?.scalars ?? [], zip(s, losses).map { 1 - exp(-$0) * $1 },
                            tolerance: 1e-12, "Hidden case \(trial): ∂(combined loss)/∂s")
            try expectClose(lossTensors.map { $0.grad?.item ?? .nan }, s.map { exp(-$0) }, tolerance: 1e-12,
                            "Hidden case \(trial): ∂(combined loss)/∂L")
        }
    },
    ExerciseTest("losses far from 1 (0.05 to 8) still lead to the weights 1/Lᵢ") {
        try requireDifferentiable(tasks: 4)
        let losses = [0.05, 8.0, 0.7, 3.0]
        let balancer = Submission.UncertaintyBalancer(taskNames: ["a", "b", "c", "d"])
        let optimizer = Adam(balancer.learnableParameters, learningRate: 0.05)
        for _ in 0..<1500 {
            optimizer.zeroGrad()
            balancer.backward(taskLosses: losses.map { Tensor($0) }, shared: [])
            optimizer.step()
        }
        try expectClose(balancer.logVariances.scalars, losses.map { log($0) }, tolerance: 1e-3,
                        "On constant losses \(losses) the log-variances should approach log L: logVariances")
    },
    ExerciseTest("each history entry is a copy of the weights when the epoch ended") {
        let balancer = Submission.UncertaintyBalancer(taskNames: ["a", "b"])
        setLogVariances(balancer, [0.5, -1])
        balancer.endEpoch(taskLosses: [0.3, 2])
        setLogVariances(balancer, [-0.25, 2])
        balancer.endEpoch(taskLosses: [0.2, 1])
        try expect(balancer.weightHistory.count == 2, "After 2 calls of endEpoch the history has \(balancer.weightHistory.count) entries.")
        try expectClose(balancer.weightHistory.flatMap { $0 }, [exp(-0.5), exp(1), exp(0.25), exp(-2)], tolerance: 1e-12,
                        "The history should hold exp(−s) after each epoch: flattened weightHistory")
    },
    ExerciseTest("the plot follows the weights: different histories give different images") {
        func image(_ scale: Double) throws -> [UInt8] {
            let balancer = Submission.UncertaintyBalancer(taskNames: sceneTasks)
            for epoch in 1...5 {
                let e = Double(epoch) * scale
                setLogVariances(balancer, [-0.2 * e, 0.1 * e, -0.4 * e])
                balancer.endEpoch(taskLosses: [1, 1, 1])
            }
            return try balancer.weightFigure().pngData()
        }
        let first = try image(1), second = try image(2)
        try expect(first != second,
                   "weightFigure() draws the same image for two different weight histories: plot weightHistory, one line per task, against the epoch.")
    },
]
