// Tensors of random numbers. Each function comes in two forms: with `using: &generator` it draws
// from a generator you own (best for tests and for code that must not disturb other draws);
// without it, it draws from the default generator that `manualSeed(_:)` restarts.

extension Tensor {
    /// A tensor of samples from the normal (Gaussian) distribution, drawn from the default generator.
    ///
    /// Each element is `mean + standardDeviation · z` with `z` standard normal (Box–Muller transform).
    /// Call ``manualSeed(_:)`` first to make the values repeatable.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - mean: The mean μ of the distribution.
    ///   - standardDeviation: The standard deviation σ ≥ 0.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    public static func randomNormal(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, requiresGrad: Bool = false
    ) -> Tensor {
        withDefaultGenerator { generator in
            randomNormal(shape, mean: mean, standardDeviation: standardDeviation, using: &generator).scalars
        }.asLeaf(shape: shape, requiresGrad: requiresGrad)
    }

    /// A tensor of samples from the normal (Gaussian) distribution, drawn from `generator`.
    ///
    /// Each element is `mean + standardDeviation · z` with `z` standard normal (Box–Muller transform).
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - mean: The mean μ of the distribution.
    ///   - standardDeviation: The standard deviation σ ≥ 0.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    ///   - generator: The source of randomness, such as a ``SeededGenerator``.
    public static func randomNormal<Generator: RandomNumberGenerator>(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, requiresGrad: Bool = false,
        using generator: inout Generator
    ) -> Tensor {
        checkShape(shape, operationName: "randomNormal")
        checkPrecondition(
            standardDeviation >= 0 && standardDeviation.isFinite && mean.isFinite,
            "randomNormal(mean: \(mean), standardDeviation: \(standardDeviation)) needs a finite mean and a finite standard deviation of 0 or more."
        )
        let normals = RandomSampling.standardNormals(count: shape.reduce(1, *), using: &generator)
        return Kernels.map(normals) { mean + standardDeviation * $0 }.asLeaf(shape: shape, requiresGrad: requiresGrad)
    }

    /// A tensor of numbers drawn uniformly from `range`, using the default generator.
    ///
    /// Each element is `lower + (upper − lower) · u` with `u` uniform in [0, 1), like `torch.rand`.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - range: The interval to draw from; `0...1` by default.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    public static func randomUniform(
        _ shape: [Int], in range: ClosedRange<Double> = 0...1, requiresGrad: Bool = false
    ) -> Tensor {
        withDefaultGenerator { generator in
            randomUniform(shape, in: range, using: &generator).scalars
        }.asLeaf(shape: shape, requiresGrad: requiresGrad)
    }

    /// A tensor of numbers drawn uniformly from `range`, using `generator`.
    ///
    /// Each element is `lower + (upper − lower) · u` with `u` uniform in [0, 1), like `torch.rand`.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - range: The interval to draw from; `0...1` by default.
    ///   - requiresGrad: Whether ``backward(createGraph:)`` should compute a gradient for this tensor.
    ///   - generator: The source of randomness, such as a ``SeededGenerator``.
    public static func randomUniform<Generator: RandomNumberGenerator>(
        _ shape: [Int], in range: ClosedRange<Double> = 0...1, requiresGrad: Bool = false,
        using generator: inout Generator
    ) -> Tensor {
        checkShape(shape, operationName: "randomUniform")
        checkPrecondition(
            range.lowerBound.isFinite && range.upperBound.isFinite,
            "randomUniform(in: \(range)) needs finite bounds."
        )
        let (lower, width) = (range.lowerBound, range.upperBound - range.lowerBound)
        let count = shape.reduce(1, *)
        var values = [Double](repeating: 0, count: count)
        for index in 0..<count {
            values[index] = lower + width * RandomSampling.unit(using: &generator)
        }
        return values.asLeaf(shape: shape, requiresGrad: requiresGrad)
    }

    /// A tensor of whole numbers drawn uniformly from `range` (upper bound excluded), using the
    /// default generator, like `torch.randint`. The numbers are stored as `Double`.
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - range: The integers to draw from, such as `0..<10` for class labels of ten classes.
    public static func randomIntegers(_ shape: [Int], in range: Range<Int>) -> Tensor {
        withDefaultGenerator { generator in
            randomIntegers(shape, in: range, using: &generator).scalars
        }.asLeaf(shape: shape, requiresGrad: false)
    }

    /// A tensor of whole numbers drawn uniformly from `range` (upper bound excluded), using
    /// `generator`. Every integer in the range is equally likely (no modulo bias).
    ///
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - range: The integers to draw from, such as `0..<10`; it must not be empty.
    ///   - generator: The source of randomness, such as a ``SeededGenerator``.
    public static func randomIntegers<Generator: RandomNumberGenerator>(
        _ shape: [Int], in range: Range<Int>, using generator: inout Generator
    ) -> Tensor {
        checkShape(shape, operationName: "randomIntegers")
        checkPrecondition(!range.isEmpty, "randomIntegers(in: \(range)) needs a range with at least one integer.")
        let width = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        let count = shape.reduce(1, *)
        var values = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let offset = RandomSampling.integer(below: width, using: &generator)
            values[index] = Double(range.lowerBound &+ Int(truncatingIfNeeded: offset))
        }
        return values.asLeaf(shape: shape, requiresGrad: false)
    }
}

extension [Double] {
    /// These values as a new leaf tensor of shape `shape`.
    fileprivate func asLeaf(shape: [Int], requiresGrad: Bool) -> Tensor {
        Tensor(shape: shape, storage: self, requiresGrad: requiresGrad, gradientFunction: nil)
    }
}
