import Foundation

// Seeded multi-task datasets: small scenes with three dense and sparse tasks, and the food
// example (food, cuisine and nutrition from one feature vector).

extension SyntheticData {
    /// Small scenes for three tasks at once, as in scene understanding: each `size`×`size` image
    /// holds one filled square or disc at a random depth d ∈ [0.2, 0.8] on a background at depth 1;
    /// a pixel's brightness is `1 − 0.8·depth` plus Gaussian noise.
    ///
    /// Features `[N, 1, size, size]`; tasks:
    /// - `"segmentation"`: per-pixel labels, 1 on the object and 0 elsewhere, `[N, size, size]`;
    /// - `"depth"`: per-pixel depth, `[N, 1, size, size]`;
    /// - `"detection"`: for each quadrant (top-left, top-right, bottom-left, bottom-right), 1 when
    ///   the object's centre lies in it, `[N, 4]`.
    public static func multiTaskScenes(count: Int = 64, size: Int = 8, noise: Double = 0.05, seed: UInt64 = 0) -> MultiTaskDataset {
        checkPrecondition(count > 0 && size >= 4 && size % 2 == 0, "multiTaskScenes needs a positive count and an even size of at least 4.")
        var generator = SeededGenerator(seed: seed)
        var images: [Double] = [], masks: [Double] = [], depths: [Double] = [], quadrants: [Double] = []
        let side = Double(size)
        for _ in 0..<count {
            let disc = Bool.random(using: &generator)
            let cx = Double.random(in: 1...(side - 2), using: &generator)
            let cy = Double.random(in: 1...(side - 2), using: &generator)
            let extent = Double.random(in: 1...(side / 4), using: &generator)
            let depth = Double.random(in: 0.2...0.8, using: &generator)
            for row in 0..<size {
                for column in 0..<size {
                    let dx = Double(column) - cx, dy = Double(row) - cy
                    let inside = disc ? dx * dx + dy * dy <= extent * extent : abs(dx) <= extent && abs(dy) <= extent
                    let pixelDepth = inside ? depth : 1
                    masks.append(inside ? 1 : 0)
                    depths.append(pixelDepth)
                    images.append(1 - 0.8 * pixelDepth + noise * normal(&generator))
                }
            }
            let quadrant = (cy >= side / 2 ? 2 : 0) + (cx >= side / 2 ? 1 : 0)
            quadrants += (0..<4).map { $0 == quadrant ? 1 : 0 }
        }
        return MultiTaskDataset(features: images, shape: [count, 1, size, size], tasks: [
            TaskTargets(name: "segmentation", values: masks, shape: [count, size, size]),
            TaskTargets(name: "depth", values: depths, shape: [count, 1, size, size]),
            TaskTargets(name: "detection", values: quadrants, shape: [count, 4]),
        ])
    }

    /// A food-recognition problem from a seed, standing in for image features of dishes: 101 foods,
    /// each belonging to one of 13 cuisines, with 4 nutrition values (think calories, protein, fat
    /// and carbohydrates, standardised).
    ///
    /// Every cuisine has a centre (standard normal in `featureDimension` dimensions); a food's
    /// prototype is its cuisine's centre plus its own offset (normal, standard deviation 0.7), so
    /// foods of one cuisine look alike. An example of food `f` has features
    /// `prototype_f + noise·ε` (ε standard normal) and nutrition `A·prototype_f + b + nutritionNoise·ε`,
    /// with A and b drawn once from the seed. Foods are assigned in turn to the examples
    /// (example i is food `i mod 101`).
    ///
    /// Tasks: `"food"` (labels `[N]`), `"cuisine"` (labels `[N]`), `"nutrition"` (values `[N, 4]`).
    public static func foodClassification(
        samples: Int = 1010, featureDimension: Int = 32, noise: Double = 0.6, nutritionNoise: Double = 0.1, seed: UInt64 = 0
    ) -> MultiTaskDataset {
        checkPrecondition(samples > 0 && featureDimension > 0 && noise >= 0 && nutritionNoise >= 0,
                          "foodClassification needs positive samples and feature dimension and non-negative noise.")
        let taxonomy = FoodTaxonomy(featureDimension: featureDimension, seed: seed)
        var generator = SeededGenerator(seed: seed &+ 1)
        var features: [Double] = [], foods: [Int] = [], cuisines: [Int] = [], nutrition: [Double] = []
        for index in 0..<samples {
            let food = index % taxonomy.cuisineOfFood.count
            foods.append(food)
            cuisines.append(taxonomy.cuisineOfFood[food])
            features += taxonomy.prototypes[food].map { $0 + noise * normal(&generator) }
            nutrition += taxonomy.nutrition(of: food).map { $0 + nutritionNoise * normal(&generator) }
        }
        return MultiTaskDataset(features: features, shape: [samples, featureDimension], tasks: [
            TaskTargets(name: FoodClassification.food, labels: foods),
            TaskTargets(name: FoodClassification.cuisine, labels: cuisines),
            TaskTargets(name: FoodClassification.nutrition, values: nutrition, shape: [samples, FoodTaxonomy.nutritionValues]),
        ])
    }
}

/// The fixed, seeded structure behind ``SyntheticData/foodClassification(samples:featureDimension:noise:nutritionNoise:seed:)``:
/// which cuisine each food belongs to, each food's prototype, and the linear map to nutrition.
public struct FoodTaxonomy: Sendable {
    /// 101 foods (as in Food-101).
    public static let foodClasses = 101
    /// 13 cuisines.
    public static let cuisineClasses = 13
    /// 4 nutrition values.
    public static let nutritionValues = 4

    /// The cuisine of each food: foods are dealt to cuisines in turn (7 or 8 each), then shuffled.
    public let cuisineOfFood: [Int]
    /// Each food's prototype feature vector.
    public let prototypes: [[Double]]
    /// The nutrition map A, `[4][featureDimension]`, entries normal with standard deviation 1/√dimension.
    public let nutritionWeights: [[Double]]
    /// The nutrition offsets b.
    public let nutritionBias: [Double]

    /// The taxonomy drawn from `seed`.
    public init(featureDimension: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var assignment = (0..<Self.foodClasses).map { $0 % Self.cuisineClasses }
        assignment.shuffle(using: &generator)
        cuisineOfFood = assignment
        let centres = (0..<Self.cuisineClasses).map { _ in (0..<featureDimension).map { _ in SyntheticData.normal(&generator) } }
        prototypes = assignment.map { cuisine in centres[cuisine].map { $0 + 0.7 * SyntheticData.normal(&generator) } }
        let scale = 1 / Double(featureDimension).squareRoot()
        nutritionWeights = (0..<Self.nutritionValues).map { _ in (0..<featureDimension).map { _ in scale * SyntheticData.normal(&generator) } }
        nutritionBias = (0..<Self.nutritionValues).map { _ in SyntheticData.normal(&generator) }
    }

    /// The noiseless nutrition values of `food`: `A·prototype + b`.
    public func nutrition(of food: Int) -> [Double] {
        zip(nutritionWeights, nutritionBias).map { row, bias in zip(row, prototypes[food]).reduce(bias) { $0 + $1.0 * $1.1 } }
    }
}
