import Foundation
import LossKit
import Testing

@Suite("The food-classification example")
struct FoodClassificationTests {
    @Test("the synthetic food data: 101 foods, 13 cuisines from a fixed mapping, 4 nutrition values, repeatable")
    func dataset() {
        let data = SyntheticData.foodClassification(samples: 303, featureDimension: 16, seed: 5)
        let taxonomy = FoodTaxonomy(featureDimension: 16, seed: 5)
        let batch = data.batch(Array(0..<data.count))
        let foods = batch.labels(for: "food"), cuisines = batch.labels(for: "cuisine")
        #expect(Set(foods).count == 101 && Set(cuisines).count == 13)
        #expect(zip(foods, cuisines).allSatisfy { taxonomy.cuisineOfFood[$0] == $1 })
        #expect(batch.target(for: "nutrition").shape == [303, 4] && batch.inputs.shape == [303, 16])
        let perCuisine = (0..<13).map { cuisine in taxonomy.cuisineOfFood.filter { $0 == cuisine }.count }
        #expect(perCuisine.allSatisfy { (7...8).contains($0) })
        #expect(SyntheticData.foodClassification(samples: 303, featureDimension: 16, seed: 5).features.values == data.features.values)
    }

    @Test("UncertaintyWeightedLoss by hand: exp(−s)·CE + s for both classifications, exp(−s)·MSE + s for nutrition")
    func uncertaintyWeightedLoss() {
        let loss = UncertaintyWeightedLoss(numTasks: 3)
        loss.logVariances.update { $0 = [log(2.0), 0, -1] }
        let predictions = FoodPredictions(food: Tensor([[0.0, 0.0]]), cuisine: Tensor([[0.0, 0.0, 0.0]]), nutrition: Tensor([[1.0, 3.0]]))
        let terms = loss(predictions, FoodTargets(food: [0], cuisine: [2], nutrition: Tensor([[0.0, 1.0]])))
        // CE = log 2 and log 3; MSE = (1 + 4)/2 = 2.5.
        let expected = log(2.0) / 2 + log(2.0) + log(3.0) + 0 + exp(1.0) * 2.5 - 1
        #expect(abs(terms.total.item - expected) < 1e-12)
        #expect(abs(terms.nutrition.item - 2.5) < 1e-12 && terms.correlation == nil)
        #expect(zip(loss.weights, [0.5, 1, exp(1.0)]).allSatisfy { abs($0 - $1) < 1e-12 })
        terms.total.backward()
        // ∂/∂s = 1 − exp(−s)·L.
        let gradient = loss.logVariances.grad?.scalars ?? []
        #expect(abs(gradient[1] - (1 - log(3.0))) < 1e-12)
    }

    @Test("the correlation regularizer: the documented example, a constant signal, and a gradient check (1e-6)")
    func correlationRegularizer() {
        let regularizer = TaskCorrelationRegularizer(targetCorrelation: 1, lambda: 0.1)
        #expect(abs(TaskCorrelationRegularizer.pearsonCorrelation(Tensor([1.0, 2, 3]), Tensor([1.0, 3, 2])).item - 0.5) < 1e-12)
        #expect(abs(regularizer(Tensor([1.0, 2, 3]), Tensor([1.0, 3, 2])).item - 0.025) < 1e-12)
        #expect(abs(regularizer(Tensor([1.0, 2, 3]), Tensor([2.0, 2, 2])).item - 0.1) < 1e-12, "ρ = 0 for a constant signal")
        var generator = SeededGenerator(seed: 8)
        let food = Tensor.randomNormal([6, 5], requiresGrad: true, using: &generator)
        let cuisine = Tensor.randomNormal([6, 3], requiresGrad: true, using: &generator)
        let result = gradientCheck({ inputs in
            TaskCorrelationRegularizer(targetCorrelation: 0.3, lambda: 0.7)
                .penalty(foodLogits: inputs[0], foodLabels: [0, 1, 2, 3, 4, 0], cuisineLogits: inputs[1], cuisineLabels: [0, 1, 2, 0, 1, 2])
        }, inputs: [food, cuisine])
        #expect(result.passed, "\(result)")
    }

    @Test("dynamic weights move toward the task whose loss falls slowest, at the adaptation rate")
    func dynamicWeights() {
        #expect(AdaptiveMultiTaskLoss.difficulty(of: [4, 2]) == 0.5)
        #expect(AdaptiveMultiTaskLoss.difficulty(of: [3, 1, 1]) == 1.0 / 3)
        #expect(AdaptiveMultiTaskLoss.difficulty(of: [2]) == 1)
        let loss = AdaptiveMultiTaskLoss(numFoodClasses: 4, numCuisineClasses: 2, adaptationRate: 0.5)
        _ = loss.combine([Tensor(4.0), Tensor(1.0), Tensor(2.0)])
        #expect(loss.dynamicWeights == [1, 1, 1], "one step: no trend yet")
        _ = loss.combine([Tensor(2.0), Tensor(1.0), Tensor(2.0)])
        // Trends 0.5, 1, 1 → targets 3·(0.5, 1, 1)/2.5 = (0.6, 1.2, 1.2); halfway from 1.
        let expected = [0.8, 1.1, 1.1]
        #expect(zip(loss.dynamicWeights, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(loss.dynamicWeights)")
        withoutGradients { _ = loss.combine([Tensor(1.0), Tensor(1.0), Tensor(1.0)]) }
        #expect(loss.adaptationStatistics.steps == 2, "evaluation does not adapt")
        // The combined value: Σ dᵢ·(exp(−0)·Lᵢ + 0).
        let value = withoutGradients { loss.combine([Tensor(1.0), Tensor(2.0), Tensor(3.0)]) }
        #expect(abs(value.item - (0.8 + 2.2 + 3.3)) < 1e-12)
    }

    @Test("the food example trains for a few epochs with every loss term finite and adaptation statistics filled in")
    func foodExampleTrains() throws {
        let started = Date()
        let data = SyntheticData.foodClassification(samples: 606, featureDimension: 24, seed: 2)
        let model = FoodClassification.makeModel(featureDimension: 24, sharedHidden: [48], seed: 3)
        let loss = AdaptiveMultiTaskLoss(numFoodClasses: 101, numCuisineClasses: 13, adaptationRate: 0.05)
        let optimizer = Adam(model.parameters + loss.learnableParameters, learningRate: 0.01)
        let trainer = FoodClassification.makeTrainer(model: model, loss: loss, optimizer: optimizer)
        trainer.progressInterval = .max
        let history = trainer.fit(MultiTaskDataLoader(data, batchSize: 64, seed: 1), epochs: 4)

        for task in FoodClassification.taskNames {
            let losses = history.taskLosses(task)
            #expect(losses.allSatisfy { $0.isFinite }, "\(task): \(losses)")
            #expect((losses.last ?? .infinity) < (losses.first ?? 0), "\(task): \(losses)")
        }
        #expect(history.epochs.allSatisfy { ($0.regularization["correlation"] ?? .nan).isFinite && $0.loss.isFinite })
        #expect(loss.weightHistory.count == 4)

        let statistics = loss.adaptationStatistics
        #expect(statistics.steps == 4 * 10)
        #expect(statistics.taskNames == ["food", "cuisine", "nutrition"])
        for values in [statistics.difficultyTrends, statistics.dynamicWeights, statistics.uncertaintyWeights, statistics.effectiveWeights] {
            #expect(values.count == 3 && values.allSatisfy { $0.isFinite && $0 > 0 })
        }
        #expect(abs(statistics.dynamicWeights.reduce(0, +) - 3) < 1e-9)

        let batch = data.batch(Array(0..<64))
        let terms = loss(FoodPredictions(model.outputs(batch.inputs)), FoodTargets(batch))
        #expect(terms.allFinite && terms.values.count == 5, "\(terms.values)")
        let plain = UncertaintyWeightedLoss(numTasks: 3)(FoodPredictions(model.outputs(batch.inputs)), FoodTargets(batch))
        #expect(plain.allFinite)
        print("food example: \(String(format: "%.2f", Date().timeIntervalSince(started))) s; " + FoodClassification.taskNames.map { task in
            String(format: "%@ %.3f → %.3f", task, history.taskLosses(task).first ?? .nan, history.taskLosses(task).last ?? .nan)
        }.joined(separator: ", ") + "; trends \(statistics.difficultyTrends), weights \(statistics.dynamicWeights)")
    }
}
