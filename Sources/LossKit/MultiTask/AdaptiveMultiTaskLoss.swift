import Foundation

/// What ``AdaptiveMultiTaskLoss`` has learned so far about its three tasks (food, cuisine, nutrition).
public struct AdaptationStatistics: Sendable {
    /// The task names, in order.
    public let taskNames: [String]
    /// Each task's difficulty: its recent loss trend (newer half of the window over older half);
    /// above 1 the loss is rising, below 1 it is falling.
    public let difficultyTrends: [Double]
    /// The current dynamic weights dᵢ (they sum to 3).
    public let dynamicWeights: [Double]
    /// The current uncertainty weights `exp(−sᵢ)`.
    public let uncertaintyWeights: [Double]
    /// The product of the two, each task's effective weight `dᵢ·exp(−sᵢ)`.
    public let effectiveWeights: [Double]
    /// How many training steps have adapted the weights.
    public let steps: Int
}

/// The seed material's adaptive loss for the food example: uncertainty weighting, a focal loss for
/// the many food classes, a task-correlation regulariser, and dynamic weights that follow each
/// task's learning progress.
///
/// With L_food the focal loss (``focalLoss(_:_:alpha:gamma:reduction:)``, α = 1, γ = 2 by default),
/// L_cuisine the cross-entropy and L_nutrition the mean squared error:
///
/// `L = Σᵢ dᵢ·(exp(−sᵢ)·Lᵢ + sᵢ) + R`,
///
/// where sᵢ are learned log-variances (Kendall et al.), R is the ``TaskCorrelationRegularizer``
/// penalty on the true-class confidences of food and cuisine, and dᵢ are dynamic weights, held
/// constant within a step. After each training step (any call made while gradients are recorded),
/// the step's task losses join a window of the last `difficultyWindow` steps; each task's
/// difficulty is the trend `τᵢ = mean(newer half) / mean(older half)` of its window (1 until there
/// are two entries), and the weights move toward the harder tasks at the adaptation rate η:
/// `dᵢ ← dᵢ + η·(3·τᵢ/Σⱼτⱼ − dᵢ)`. A task whose loss falls slowly (or rises) gains weight; the
/// dᵢ keep summing to 3.
///
/// It is also a ``TaskWeighting`` (name "adaptive"), so ``MultiTaskTrainer`` can train with it:
/// see ``FoodClassification/makeTrainer(model:loss:optimizer:)``.
///
/// - Source: A. Kendall, Y. Gal and R. Cipolla, "Multi-Task Learning Using Uncertainty to Weigh
///   Losses for Scene Geometry and Semantics", CVPR 2018; T.-Y. Lin, P. Goyal, R. Girshick, K. He
///   and P. Dollár, "Focal Loss for Dense Object Detection", ICCV 2017. The dynamic weights follow
///   the idea of S. Liu, E. Johns and A. J. Davison, "End-to-End Multi-Task Learning with
///   Attention", CVPR 2019 (weights from the ratio of recent losses).
public final class AdaptiveMultiTaskLoss: TaskWeighting {
    /// "adaptive".
    public let name = "adaptive"
    /// How many food classes the food logits have.
    public let numFoodClasses: Int
    /// How many cuisine classes the cuisine logits have.
    public let numCuisineClasses: Int
    /// The adaptation rate η ∈ [0, 1] of the dynamic weights, per step.
    public let adaptationRate: Double
    /// The focal loss's γ for the food task.
    public let focalGamma: Double
    /// The focal loss's α for the food task.
    public let focalAlpha: Double
    /// How many recent steps the difficulty trend looks at.
    public let difficultyWindow: Int
    /// The uncertainty weighting (three learned log-variances).
    public let uncertainty: UncertaintyWeightedLoss
    /// The task-correlation regulariser R.
    public let correlationRegularizer: TaskCorrelationRegularizer
    /// The dynamic weights dᵢ (food, cuisine, nutrition).
    public private(set) var dynamicWeights: [Double] = [1, 1, 1]
    /// The effective weights at the end of each epoch, one entry per epoch.
    public private(set) var weightHistory: [[Double]] = []
    /// How many steps have adapted the weights.
    public private(set) var steps = 0
    private var recentLosses: [[Double]] = [[], [], []]

    /// An adaptive loss for `numFoodClasses` foods and `numCuisineClasses` cuisines whose dynamic
    /// weights move at `adaptationRate` per step (the seed material's parameter names).
    public init(
        numFoodClasses: Int = FoodTaxonomy.foodClasses, numCuisineClasses: Int = FoodTaxonomy.cuisineClasses,
        adaptationRate: Double = 0.01, focalGamma: Double = 2, focalAlpha: Double = 1,
        correlationRegularizer: TaskCorrelationRegularizer = TaskCorrelationRegularizer(), difficultyWindow: Int = 10
    ) {
        checkPrecondition(numFoodClasses > 1 && numCuisineClasses > 1, "AdaptiveMultiTaskLoss needs at least two food and two cuisine classes.")
        checkPrecondition((0...1).contains(adaptationRate), "adaptationRate must be in [0, 1], not \(adaptationRate).")
        checkPrecondition(difficultyWindow >= 2, "difficultyWindow must be at least 2, not \(difficultyWindow).")
        self.numFoodClasses = numFoodClasses
        self.numCuisineClasses = numCuisineClasses
        self.adaptationRate = adaptationRate
        self.focalGamma = focalGamma
        self.focalAlpha = focalAlpha
        self.difficultyWindow = difficultyWindow
        uncertainty = UncertaintyWeightedLoss(numTasks: 3)
        self.correlationRegularizer = correlationRegularizer
    }

    /// The effective weights `dᵢ·exp(−sᵢ)`.
    public var weights: [Double] { zip(dynamicWeights, uncertainty.weights).map { $0 * $1 } }
    /// The learned log-variances; give them to the optimizer.
    public var learnableParameters: [Tensor] { uncertainty.parameters }
    /// Each task's current difficulty trend τᵢ.
    public var difficultyTrends: [Double] { recentLosses.map(Self.difficulty(of:)) }

    /// The current state of the adaptation.
    public var adaptationStatistics: AdaptationStatistics {
        AdaptationStatistics(
            taskNames: FoodClassification.taskNames, difficultyTrends: difficultyTrends, dynamicWeights: dynamicWeights,
            uncertaintyWeights: uncertainty.weights, effectiveWeights: weights, steps: steps)
    }

    /// The trend of a window of losses (oldest first): mean of the newer half over mean of the
    /// older half (the newer half takes the middle entry), or 1 with fewer than two losses.
    public static func difficulty(of recent: [Double]) -> Double {
        guard recent.count >= 2 else { return 1 }
        let older = recent[..<(recent.count / 2)], newer = recent[(recent.count / 2)...]
        let olderMean = older.reduce(0, +) / Double(older.count), newerMean = newer.reduce(0, +) / Double(newer.count)
        return newerMean / Swift.max(olderMean, 1e-12)
    }

    /// The unweighted task losses: focal (food), cross-entropy (cuisine), mean squared error (nutrition).
    public func taskLosses(_ predictions: FoodPredictions, _ targets: FoodTargets) -> [Tensor] {
        checkPrecondition(predictions.food.shape.last == numFoodClasses && predictions.cuisine.shape.last == numCuisineClasses,
                          "AdaptiveMultiTaskLoss expects \(numFoodClasses) food and \(numCuisineClasses) cuisine scores, but got logits \(predictions.food.shape) and \(predictions.cuisine.shape).")
        return [focalLoss(predictions.food, targets.food, alpha: focalAlpha, gamma: focalGamma),
                crossEntropyLoss(predictions.cuisine, targets.cuisine),
                mseLoss(predictions.nutrition, targets.nutrition)]
    }

    /// The correlation penalty R on the true-class confidences of food and cuisine.
    public func correlationPenalty(_ predictions: FoodPredictions, _ targets: FoodTargets) -> Tensor {
        correlationRegularizer.penalty(foodLogits: predictions.food, foodLabels: targets.food,
                                       cuisineLogits: predictions.cuisine, cuisineLabels: targets.cuisine)
    }

    /// `Σᵢ dᵢ·(exp(−sᵢ)·Lᵢ + sᵢ)` for the three task losses; when gradients are being recorded,
    /// the losses then update the difficulty trends and the dynamic weights.
    public func combine(_ taskLosses: [Tensor]) -> Tensor {
        checkPrecondition(taskLosses.count == 3, "AdaptiveMultiTaskLoss combines 3 task losses (food, cuisine, nutrition), not \(taskLosses.count).")
        let terms = taskLosses.indices.map { index -> Tensor in
            let s = uncertainty.logVariances[index]
            return dynamicWeights[index] * (exp(-s) * taskLosses[index] + s)
        }
        let total = terms.dropFirst().reduce(terms[0], +)
        if isRecordingGradients { adapt(to: taskLosses.map(\.item)) }
        return total
    }

    /// Every term of the loss; the total is `combine(taskLosses) + R`.
    public func callAsFunction(_ predictions: FoodPredictions, _ targets: FoodTargets) -> FoodLossTerms {
        let losses = taskLosses(predictions, targets)
        let correlation = correlationPenalty(predictions, targets)
        return FoodLossTerms(total: combine(losses) + correlation, food: losses[0], cuisine: losses[1], nutrition: losses[2],
                             correlation: correlation)
    }

    /// Back-propagates ``combine(_:)`` of the three task losses (the trainer adds R as a regulariser).
    @discardableResult
    public func backward(taskLosses: [Tensor], shared: [Tensor]) -> Tensor {
        let total = combine(taskLosses)
        total.backward()
        return total
    }

    /// Records the effective weights.
    public func endEpoch(taskLosses: [Double]) { weightHistory.append(weights) }

    /// The trainer's objectives for the three tasks, with this loss's focal settings for the food task.
    public var taskObjectives: [TaskObjective] {
        let alpha = focalAlpha, gamma = focalGamma
        let food = TaskObjective(
            name: FoodClassification.food, metricName: "accuracy",
            metric: { MultiTaskMetrics.accuracy($0, $1.labels(for: FoodClassification.food)) }
        ) { output, batch in focalLoss(output, batch.labels(for: FoodClassification.food), alpha: alpha, gamma: gamma) }
        return [food, .classification(FoodClassification.cuisine), .regression(FoodClassification.nutrition)]
    }

    private func adapt(to losses: [Double]) {
        for index in losses.indices {
            recentLosses[index].append(losses[index])
            if recentLosses[index].count > difficultyWindow { recentLosses[index].removeFirst() }
        }
        let trends = difficultyTrends
        let total = trends.reduce(0, +)
        guard total > 0, total.isFinite else { return }
        dynamicWeights = zip(dynamicWeights, trends).map { weight, trend in
            weight + adaptationRate * (Double(trends.count) * trend / total - weight)
        }
        steps += 1
    }
}
