import Foundation

// The seed material's food-classification example: one network predicts a dish (101 foods), its
// cuisine (13) and its nutrition (4 values), and the three losses are weighted by learned uncertainty.

/// Names and builders for the food example's three tasks.
public enum FoodClassification {
    /// The food task, `"food"` (classification).
    public static let food = "food"
    /// The cuisine task, `"cuisine"` (classification).
    public static let cuisine = "cuisine"
    /// The nutrition task, `"nutrition"` (regression).
    public static let nutrition = "nutrition"
    /// The three tasks, in the order every food loss uses: food, cuisine, nutrition.
    public static let taskNames = [food, cuisine, nutrition]

    /// The three task configurations, with heads of `headHidden` layers.
    public static func configurations(
        foodClasses: Int = FoodTaxonomy.foodClasses, cuisineClasses: Int = FoodTaxonomy.cuisineClasses,
        nutritionValues: Int = FoodTaxonomy.nutritionValues, headHidden: [Int] = []
    ) -> [TaskConfiguration] {
        [TaskConfiguration(name: food, kind: .classification(classes: foodClasses), hidden: headHidden),
         TaskConfiguration(name: cuisine, kind: .classification(classes: cuisineClasses), hidden: headHidden),
         TaskConfiguration(name: nutrition, kind: .regression(outputs: nutritionValues), hidden: headHidden)]
    }

    /// A hard-sharing model for the food example: a shared backbone of `sharedHidden` layers from
    /// `featureDimension` features, then one linear head per task.
    public static func makeModel(featureDimension: Int, sharedHidden: [Int] = [64], seed: UInt64? = nil) -> HardParameterSharing {
        HardParameterSharing(inputs: featureDimension, sharedHidden: sharedHidden, tasks: configurations(), seed: seed)
    }

    /// A trainer that optimises `loss`: its task losses (focal, cross-entropy, mean squared error),
    /// combined by its uncertainty and dynamic weights, plus its correlation regularizer. Give
    /// `loss.learnableParameters` to the optimizer.
    public static func makeTrainer(model: any MultiTaskModel, loss: AdaptiveMultiTaskLoss, optimizer: any Optimizer) -> MultiTaskTrainer {
        let trainer = MultiTaskTrainer(model: model, optimizer: optimizer, weighting: loss, tasks: loss.taskObjectives)
        trainer.regularizers.append((name: "correlation", penalty: { outputs, batch in
            loss.correlationPenalty(FoodPredictions(outputs), FoodTargets(batch))
        }))
        return trainer
    }
}

/// The model's three outputs for a batch of dishes.
public struct FoodPredictions {
    /// Food logits, `[N, 101]`.
    public let food: Tensor
    /// Cuisine logits, `[N, 13]`.
    public let cuisine: Tensor
    /// Predicted nutrition values, `[N, 4]`.
    public let nutrition: Tensor

    /// Predictions from the three tensors.
    public init(food: Tensor, cuisine: Tensor, nutrition: Tensor) {
        self.food = food
        self.cuisine = cuisine
        self.nutrition = nutrition
    }

    /// Predictions from a multi-task model's outputs (tasks `food`, `cuisine`, `nutrition`).
    public init(_ outputs: [String: Tensor]) {
        guard let food = outputs[FoodClassification.food], let cuisine = outputs[FoodClassification.cuisine],
              let nutrition = outputs[FoodClassification.nutrition]
        else { fatalError("FoodPredictions needs outputs for food, cuisine and nutrition; got \(outputs.keys.sorted()).") }
        self.init(food: food, cuisine: cuisine, nutrition: nutrition)
    }
}

/// The true answers for a batch of dishes.
public struct FoodTargets {
    /// Food labels, one per example.
    public let food: [Int]
    /// Cuisine labels, one per example.
    public let cuisine: [Int]
    /// Nutrition values, `[N, 4]`.
    public let nutrition: Tensor

    /// Targets from labels and values.
    public init(food: [Int], cuisine: [Int], nutrition: Tensor) {
        self.food = food
        self.cuisine = cuisine
        self.nutrition = nutrition
    }

    /// The targets of a batch of ``SyntheticData/foodClassification(samples:featureDimension:noise:nutritionNoise:seed:)``.
    public init(_ batch: MultiTaskBatch) {
        self.init(food: batch.labels(for: FoodClassification.food), cuisine: batch.labels(for: FoodClassification.cuisine),
                  nutrition: batch.target(for: FoodClassification.nutrition))
    }
}

/// Every term of a food loss, as tensors (for `backward()`) and as numbers.
public struct FoodLossTerms {
    /// The objective to back-propagate.
    public let total: Tensor
    /// The food loss (cross-entropy or focal), unweighted.
    public let food: Tensor
    /// The cuisine cross-entropy, unweighted.
    public let cuisine: Tensor
    /// The nutrition mean squared error, unweighted.
    public let nutrition: Tensor
    /// The task-correlation penalty, when the loss has one.
    public let correlation: Tensor?

    /// Every term's value by name (`total`, `food`, `cuisine`, `nutrition`, and `correlation` when present).
    public var values: [String: Double] {
        var values = ["total": total.item, "food": food.item, "cuisine": cuisine.item, "nutrition": nutrition.item]
        if let correlation { values["correlation"] = correlation.item }
        return values
    }

    /// Whether every term is a finite number.
    public var allFinite: Bool { values.values.allSatisfy(\.isFinite) }
}

/// The seed material's uncertainty-weighted loss for the food example: cross-entropy on the food
/// and cuisine logits and mean squared error on the nutrition values, combined with one learned
/// log-variance per task, `L = Σᵢ exp(−sᵢ)·Lᵢ + sᵢ` (see `uncertaintyWeightedLoss(losses:logVariances:)`).
///
/// Give ``parameters`` to the optimizer together with the model's. ``combine(_:)`` works for any
/// number of tasks; calling the loss on food predictions needs `numTasks == 3`.
///
/// - Source: A. Kendall, Y. Gal and R. Cipolla, "Multi-Task Learning Using Uncertainty to Weigh
///   Losses for Scene Geometry and Semantics", CVPR 2018.
public final class UncertaintyWeightedLoss {
    /// The learned `sᵢ = log σᵢ²`, starting at 0 (every weight 1).
    public let logVariances: Tensor

    /// Uncertainty weighting over `numTasks` task losses (the seed material's name for the count).
    public init(numTasks: Int = 3) {
        checkPrecondition(numTasks > 0, "UncertaintyWeightedLoss needs at least one task, not \(numTasks).")
        logVariances = Tensor.zeros([numTasks], requiresGrad: true)
    }

    /// How many tasks are weighted.
    public var numTasks: Int { logVariances.count }
    /// The learned log-variances, for the optimizer.
    public var parameters: [Tensor] { [logVariances] }
    /// Each task's effective weight `exp(−sᵢ) = 1/σᵢ²`.
    public var weights: [Double] { logVariances.scalars.map { exp(-$0) } }

    /// `Σᵢ exp(−sᵢ)·Lᵢ + sᵢ` for one scalar loss per task.
    public func combine(_ taskLosses: [Tensor]) -> Tensor {
        checkPrecondition(taskLosses.count == numTasks, "UncertaintyWeightedLoss has \(numTasks) tasks but got \(taskLosses.count) losses.")
        return uncertaintyWeightedLoss(losses: taskLosses, logVariances: logVariances)
    }

    /// The food loss: cross-entropy (food), cross-entropy (cuisine) and mean squared error
    /// (nutrition), combined by ``combine(_:)``.
    public func callAsFunction(_ predictions: FoodPredictions, _ targets: FoodTargets) -> FoodLossTerms {
        checkPrecondition(numTasks == 3, "The food loss has 3 tasks (food, cuisine, nutrition), but this UncertaintyWeightedLoss has \(numTasks).")
        let food = crossEntropyLoss(predictions.food, targets.food)
        let cuisine = crossEntropyLoss(predictions.cuisine, targets.cuisine)
        let nutrition = mseLoss(predictions.nutrition, targets.nutrition)
        return FoodLossTerms(total: combine([food, cuisine, nutrition]), food: food, cuisine: cuisine, nutrition: nutrition, correlation: nil)
    }
}
