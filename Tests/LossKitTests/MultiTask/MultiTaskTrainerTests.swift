import Foundation
import LossKit
import Testing

/// The three-task scene problem: segmentation (cross-entropy on 8×8 masks), depth (L1) and
/// detection (sigmoid focal loss on quadrant objectness), on a seeded model that draws nothing
/// from the default generator, so these tests repeat exactly even when run in parallel.
enum SceneProblem {
    static let data = SyntheticData.multiTaskScenes(count: 64, size: 8, seed: 3)

    static func model(seed: UInt64 = 7) -> HardParameterSharing {
        HardParameterSharing(
            backbone: Sequential(Flatten(), Linear(inputs: 64, outputs: 32), ReLU()),
            heads: [("segmentation", TaskHead(inputs: 32, outputShape: [2, 8, 8])),
                    ("depth", TaskHead(inputs: 32, outputShape: [1, 8, 8])),
                    ("detection", TaskHead(inputs: 32, outputs: 4))],
            seed: seed)
    }

    static var objectives: [TaskObjective] { [
        TaskObjective(name: "segmentation", metricName: "accuracy",
                      metric: { MultiTaskMetrics.accuracy($0, $1.labels(for: "segmentation")) }) { output, batch in
            crossEntropyLoss(output, batch.labels(for: "segmentation"))
        },
        TaskObjective(name: "depth", metricName: "mae", metric: { MultiTaskMetrics.meanAbsoluteError($0, $1.target(for: "depth")) }) { output, batch in
            l1Loss(output, batch.target(for: "depth"))
        },
        TaskObjective(name: "detection", metricName: "accuracy",
                      metric: { MultiTaskMetrics.binaryAccuracy($0, $1.target(for: "detection")) }) { output, batch in
            sigmoidFocalLoss(output, batch.target(for: "detection"))
        },
    ] }

    static func weighting(_ name: String) -> any TaskWeighting {
        switch name {
        case "fixed": FixedWeighting([1, 2, 4])
        case "uncertainty": UncertaintyWeighting(tasks: 3)
        case "gradnorm": GradNorm(tasks: 3)
        case "dwa": DynamicWeightAverage(tasks: 3)
        case "pcgrad": PCGrad(tasks: 3, seed: 1)
        default: EqualWeighting(tasks: 3)
        }
    }

    static func train(_ strategy: String, epochs: Int = 8, configure: (MultiTaskTrainer) -> Void = { _ in }) -> (MultiTaskHistory, any TaskWeighting) {
        let model = model()
        let weighting = weighting(strategy)
        let optimizer = Adam(model.parameters + weighting.learnableParameters, learningRate: 0.01)
        let trainer = MultiTaskTrainer(model: model, optimizer: optimizer, weighting: weighting, tasks: objectives)
        trainer.progressInterval = .max
        configure(trainer)
        return (trainer.fit(MultiTaskDataLoader(data, batchSize: 16, seed: 5), epochs: epochs), weighting)
    }
}

@Suite("Multi-task training")
struct MultiTaskTrainerTests {
    @Test("every strategy lowers all three task losses (last epoch < first) and records one weight entry per epoch",
          arguments: ["equal", "fixed", "uncertainty", "gradnorm", "dwa", "pcgrad"])
    func strategyReducesEveryLoss(strategy: String) {
        let started = Date()
        let (history, weighting) = SceneProblem.train(strategy)
        let seconds = Date().timeIntervalSince(started)
        #expect(history.epochs.count == 8)
        for task in ["segmentation", "depth", "detection"] {
            let losses = history.taskLosses(task)
            #expect(losses.allSatisfy { $0.isFinite }, "\(strategy) \(task): \(losses)")
            #expect((losses.last ?? .infinity) < (losses.first ?? 0), "\(strategy) \(task): \(losses)")
        }
        #expect(weighting.weightHistory.count == 8)
        #expect(history.weights.count == 8 && history.weights.allSatisfy { $0.count == 3 })
        #expect(history.weights == weighting.weightHistory)
        #expect(history.taskLossSeries.map(\.name) == ["segmentation", "depth", "detection"])
        print("\(strategy): \(String(format: "%.2f", seconds)) s; first → last " + ["segmentation", "depth", "detection"].map { task in
            String(format: "%@ %.3f → %.3f", task, history.taskLosses(task).first ?? .nan, history.taskLosses(task).last ?? .nan)
        }.joined(separator: ", "))
    }

    @Test("metrics, validation, regularizers, clipping and conflict statistics are reported per epoch")
    func reportContents() {
        let (training, validation) = SceneProblem.data.split(trainingFraction: 0.75, seed: 2)
        let model = SceneProblem.model()
        let weighting = EqualWeighting(tasks: 3)
        let trainer = MultiTaskTrainer(model: model, optimizer: Adam(model.parameters, learningRate: 0.01), weighting: weighting,
                                       tasks: SceneProblem.objectives)
        trainer.progressInterval = .max
        trainer.maxGradientNorm = 1
        trainer.measuresGradientConflicts = true
        trainer.regularizers = [(name: "l2", penalty: { _, _ in 1e-4 * (model.sharedParameters[0] * model.sharedParameters[0]).sum() })]
        let history = trainer.fit(MultiTaskDataLoader(training, batchSize: 16, seed: 1), epochs: 3, validation: validation)
        let report = history.epochs[2]
        #expect(Set(report.metrics.keys) == ["segmentation", "depth", "detection"])
        #expect(report.metrics.values.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect((0...1).contains(report.metrics["segmentation"] ?? -1))
        #expect(Set(report.validationTaskLosses.keys) == ["segmentation", "depth", "detection"])
        #expect((report.regularization["l2"] ?? 0) > 0)
        let taskTotal = report.taskLosses.values.reduce(0, +)
        #expect(abs(report.loss - taskTotal - (report.regularization["l2"] ?? 0)) < 1e-9, "equal weighting: objective = Σ task losses + penalty")
        #expect((0...1).contains(report.conflictingFraction ?? -1) && (report.gradientConflictPenalty ?? -1) >= 0)
        #expect(history.validationMetric(for: "depth").allSatisfy { $0.isFinite })
        #expect(history.epochNumbers == [1, 2, 3])
    }

    @Test("gradient clipping keeps the update: a trainer with a tiny maximum norm moves the parameters less")
    func clipping() {
        func distanceMoved(maxNorm: Double?) -> Double {
            let model = SceneProblem.model()
            let before = model.parameters.flatMap(\.scalars)
            let trainer = MultiTaskTrainer(model: model, optimizer: SGD(model.parameters, learningRate: 0.1),
                                           weighting: EqualWeighting(tasks: 3), tasks: SceneProblem.objectives)
            trainer.maxGradientNorm = maxNorm
            trainer.fit(MultiTaskDataLoader(SceneProblem.data, batchSize: 64, shuffle: false), epochs: 1)
            return zip(before, model.parameters.flatMap(\.scalars)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        }
        let clipped = distanceMoved(maxNorm: 0.01)
        #expect(abs(clipped - 0.1 * 0.01) < 1e-6, "one SGD step of a gradient clipped to norm 0.01 moves 0.001, moved \(clipped)")
        #expect(distanceMoved(maxNorm: nil) > 10 * clipped)
    }

    @Test("the trainer built from task configurations uses cross-entropy and MSE with accuracy and MAE")
    func fromConfigurations() {
        let data = SyntheticData.foodClassification(samples: 202, featureDimension: 8, seed: 4)
        let model = FoodClassification.makeModel(featureDimension: 8, sharedHidden: [16], seed: 1)
        let trainer = MultiTaskTrainer(model: model, optimizer: Adam(model.parameters, learningRate: 0.01), weighting: EqualWeighting(tasks: 3))
        #expect(trainer.tasks.map(\.name) == ["food", "cuisine", "nutrition"])
        #expect(trainer.tasks.map(\.metricName) == ["accuracy", "accuracy", "mae"])
        trainer.progressInterval = .max
        let history = trainer.fit(MultiTaskDataLoader(data, batchSize: 32, seed: 1), epochs: 3)
        #expect((history.taskLosses("cuisine").last ?? .infinity) < (history.taskLosses("cuisine").first ?? 0))
    }

    @Test("gradient-conflict statistics of hand-made gradients")
    func conflictStatistics() {
        let statistics = MultiTaskMetrics.gradientConflicts([[1, 0], [-1, 1], [0, 1]])
        #expect(statistics.conflictingPairs == 1 && statistics.pairs == 3)
        #expect(abs(statistics.cosineSimilarities[0][1] + 1 / 2.0.squareRoot()) < 1e-12)
        #expect(abs(statistics.penalty - 1 / 2.0.squareRoot()) < 1e-12)
        #expect(abs(statistics.conflictingFraction - 1.0 / 3) < 1e-12)
        let shared = Tensor([1.0, 1.0], requiresGrad: true)
        let measured = MultiTaskMetrics.gradientConflicts(taskLosses: [shared[0] * 1.0, shared[1] - shared[0]], shared: [shared])
        #expect(measured.conflictingPairs == 1 && shared.grad == nil)
    }

    @Test("accuracy over dense logits, binary accuracy and mean absolute error by hand")
    func metricsByHand() {
        let logits = Tensor(shape: [1, 2, 1, 2], scalars: [0, 1, 1, 0])   // position 0 → class 1, position 1 → class 0
        #expect(MultiTaskMetrics.accuracy(logits, [1, 1]) == 0.5)
        #expect(MultiTaskMetrics.binaryAccuracy(Tensor([2.0, -1, 0.5]), Tensor([1.0, 0, 0])) == 2.0 / 3)
        #expect(abs(MultiTaskMetrics.meanAbsoluteError(Tensor([1.0, 2, 3]), Tensor([1.5, 2, 1])) - 2.5 / 3) < 1e-12)
    }

    @Test("top-k accuracy counts a label among the k highest scores, and equals accuracy at k = 1")
    func topKByHand() {
        let scores = Tensor([[0.1, 0.5, 0.3, 0.2], [0.9, 0.05, 0.03, 0.02], [0.2, 0.1, 0.3, 0.4]])
        let labels = [2, 0, 1]   // ranks 2, 1 and 4
        #expect(MultiTaskMetrics.topKAccuracy(scores, labels, k: 1) == 1.0 / 3)
        #expect(MultiTaskMetrics.topKAccuracy(scores, labels, k: 2) == 2.0 / 3)
        #expect(MultiTaskMetrics.topKAccuracy(scores, labels, k: 3) == 2.0 / 3)
        #expect(MultiTaskMetrics.topKAccuracy(scores, labels, k: 4) == 1)
        var generator = SeededGenerator(seed: 4)
        let random = Tensor.randomNormal([50, 7], using: &generator)
        let randomLabels = (0..<50).map { $0 % 7 }
        #expect(MultiTaskMetrics.topKAccuracy(random, randomLabels, k: 1) == MultiTaskMetrics.accuracy(random, randomLabels))
    }

    @Test("the scene data are consistent: masks match depth, one quadrant per image")
    func sceneData() {
        let data = SyntheticData.multiTaskScenes(count: 16, size: 8, seed: 9)
        let batch = data.batch(Array(0..<16))
        let masks = batch.target(for: "segmentation").scalars, depths = batch.target(for: "depth").scalars
        #expect(zip(masks, depths).allSatisfy { ($0 == 1) == ($1 < 1) })
        #expect(batch.target(for: "detection").sum(dim: 1).scalars == Array(repeating: 1, count: 16))
        #expect(data.featureShape == [16, 1, 8, 8] && data.taskNames == ["segmentation", "depth", "detection"])
        #expect(SyntheticData.multiTaskScenes(count: 16, size: 8, seed: 9).features.values == data.features.values)
    }
}
