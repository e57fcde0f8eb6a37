import Foundation

/// Datasets generated from a seed, for experiments that repeat exactly.
public enum SyntheticData {
    /// A normal sample by the Box–Muller transform.
    static func normal(_ generator: inout SeededGenerator) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
        let u2 = Double.random(in: 0..<1, using: &generator)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Gaussian blobs: `samples` points in `dimensions` dimensions around `centers` random centres
    /// (uniform in ±5), with standard deviation `spread`; the label is the centre's index.
    public static func gaussianBlobs(samples: Int = 300, centers: Int = 3, dimensions: Int = 2, spread: Double = 1, seed: UInt64 = 0) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        let middles = (0..<centers).map { _ in (0..<dimensions).map { _ in Double.random(in: -5...5, using: &generator) } }
        var features: [Double] = [], labels: [Int] = []
        for index in 0..<samples {
            let label = index % centers
            labels.append(label)
            for d in 0..<dimensions { features.append(middles[label][d] + spread * normal(&generator)) }
        }
        return Dataset(features: features, shape: [samples, dimensions], labels: labels)
    }

    /// Two interleaving half circles (label 0 and 1) with Gaussian noise, as scikit-learn's `make_moons`.
    public static func twoMoons(samples: Int = 200, noise: Double = 0.1, seed: UInt64 = 0) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        var features: [Double] = [], labels: [Int] = []
        for index in 0..<samples {
            let label = index % 2
            let angle = Double.random(in: 0...Double.pi, using: &generator)
            let (x, y) = label == 0 ? (cos(angle), sin(angle)) : (1 - cos(angle), 0.5 - sin(angle))
            features += [x + noise * normal(&generator), y + noise * normal(&generator)]
            labels.append(label)
        }
        return Dataset(features: features, shape: [samples, 2], labels: labels)
    }

    /// `classes` interleaved spiral arms in the plane, with noise.
    public static func spirals(samples: Int = 300, classes: Int = 3, noise: Double = 0.2, seed: UInt64 = 0) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        var features: [Double] = [], labels: [Int] = []
        let perClass = samples / classes
        for label in 0..<classes {
            for step in 0..<perClass {
                let radius = Double(step) / Double(perClass)
                let angle = Double(label) * 4 + 4 * radius + noise * normal(&generator)
                features += [radius * sin(angle), radius * cos(angle)]
                labels.append(label)
            }
        }
        return Dataset(features: features, shape: [perClass * classes, 2], labels: labels)
    }

    /// A binary problem where only `positiveFraction` of the examples are positive (label 1): two
    /// overlapping Gaussian clouds in `dimensions` dimensions, the positives shifted by `separation`.
    public static func imbalancedBinary(samples: Int = 1000, positiveFraction: Double = 0.05, dimensions: Int = 2,
                                        separation: Double = 2, seed: UInt64 = 0) -> Dataset {
        checkPrecondition((0...1).contains(positiveFraction), "positiveFraction must be in [0, 1], not \(positiveFraction).")
        var generator = SeededGenerator(seed: seed)
        var features: [Double] = [], labels: [Int] = []
        let positives = Int((Double(samples) * positiveFraction).rounded())
        for index in 0..<samples {
            let label = index < positives ? 1 : 0
            for _ in 0..<dimensions { features.append(normal(&generator) + (label == 1 ? separation : 0)) }
            labels.append(label)
        }
        return Dataset(features: features, shape: [samples, dimensions], labels: labels)
    }

    /// Images of random filled circles and rectangles on a noisy background, with their binary
    /// masks: features [N, 1, size, size], targets (masks of 0/1) [N, 1, size, size]. Small shapes
    /// make the foreground rare, as in medical segmentation.
    public static func segmentationShapes(count: Int = 64, size: Int = 32, noise: Double = 0.1, seed: UInt64 = 0) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        var images: [Double] = [], masks: [Double] = []
        for _ in 0..<count {
            let circle = Bool.random(using: &generator)
            let cx = Double.random(in: 0.25...0.75, using: &generator) * Double(size)
            let cy = Double.random(in: 0.25...0.75, using: &generator) * Double(size)
            let extent = Double.random(in: 0.08...0.2, using: &generator) * Double(size)
            for row in 0..<size {
                for column in 0..<size {
                    let dx = Double(column) - cx, dy = Double(row) - cy
                    let inside = circle ? dx * dx + dy * dy <= extent * extent : abs(dx) <= extent && abs(dy) <= extent * 0.6
                    masks.append(inside ? 1 : 0)
                    images.append((inside ? 0.8 : 0.2) + noise * normal(&generator))
                }
            }
        }
        return Dataset(features: images, shape: [count, 1, size, size], labels: [],
                       targets: masks, targetShape: [count, 1, size, size])
    }

    /// Pairs of boxes (x1, y1, x2, y2) in the unit square: targets [N, 4] and noisy predictions
    /// [N, 4] around them (features), for IoU-style losses.
    public static func boxes(count: Int = 32, jitter: Double = 0.05, seed: UInt64 = 0) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        var predictions: [Double] = [], targets: [Double] = []
        for _ in 0..<count {
            let x1 = Double.random(in: 0...0.6, using: &generator), y1 = Double.random(in: 0...0.6, using: &generator)
            let box = [x1, y1, x1 + Double.random(in: 0.1...0.4, using: &generator), y1 + Double.random(in: 0.1...0.4, using: &generator)]
            targets += box
            predictions += box.map { $0 + jitter * normal(&generator) }
        }
        return Dataset(features: predictions, shape: [count, 4], labels: [], targets: targets, targetShape: [count, 4])
    }

    /// The 8×8 handwritten digits (UCI optical digits, 1,797 images as distributed with
    /// scikit-learn; CC BY 4.0, see Resources/DIGITS-LICENSE.md): features [1797, 64] with
    /// pixel values scaled from 0–16 to 0–1, labels 0–9.
    public static func digits() throws -> Dataset {
        guard let file = Bundle.module.url(forResource: "Resources/digits", withExtension: "csv")
            ?? Bundle.module.url(forResource: "digits", withExtension: "csv", subdirectory: "Resources")
        else {
            throw Safetensors.FormatError(description: "The digits data (Resources/digits.csv) is missing from the LossKit build; rebuild with `swift build`.")
        }
        let text = try String(contentsOf: file, encoding: .utf8)
        var features: [Double] = [], labels: [Int] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ",").compactMap { Double($0) }
            guard fields.count == 65 else { continue }
            features += fields.prefix(64).map { $0 / 16 }
            labels.append(Int(fields[64]))
        }
        return Dataset(features: features, shape: [labels.count, 64], labels: labels)
    }
}
