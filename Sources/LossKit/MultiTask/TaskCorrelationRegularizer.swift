/// Keeps two related tasks' predictions consistent across a batch: penalises the distance between
/// the Pearson correlation of two per-example signals and a target correlation.
///
/// `R = λ · (ρ − ρ*)²`, with ρ* the target and, for per-example values `a` and `b` of a batch of N,
/// `ρ = Σᵢ (aᵢ − ā)(bᵢ − b̄) / √(Σᵢ (aᵢ − ā)² · Σᵢ (bᵢ − b̄)² + ε)`.
///
/// For the food example the signals are the confidences in the true classes,
/// `aᵢ = softmax(food logits)ᵢ[foodᵢ]` and `bᵢ = softmax(cuisine logits)ᵢ[cuisineᵢ]`
/// (``penalty(foodLogits:foodLabels:cuisineLogits:cuisineLabels:)``): a dish recognised with
/// confidence should have its cuisine recognised with confidence too, since the cuisine follows from
/// the dish. Everything is differentiable; ε (10⁻¹²) keeps ρ finite, and equal to 0, when a signal is
/// constant over the batch (always so for a batch of one), where the penalty is `λ·ρ*²` with zero gradient.
///
/// Example: `a = [1, 2, 3]`, `b = [1, 3, 2]` → `ρ = 1/√(2·2) = 0.5`; with ρ* = 1 and λ = 0.1,
/// `R = 0.1 · 0.25 = 0.025`.
public struct TaskCorrelationRegularizer: Sendable {
    /// The target correlation ρ* in [−1, 1].
    public let targetCorrelation: Double
    /// The strength λ ≥ 0.
    public let lambda: Double
    /// Added under the square root of the denominator of ρ.
    public let epsilon: Double

    /// A regularizer pulling the correlation towards `targetCorrelation` with strength `lambda`.
    public init(targetCorrelation: Double = 0.5, lambda: Double = 0.1, epsilon: Double = 1e-12) {
        checkPrecondition((-1...1).contains(targetCorrelation), "targetCorrelation must be in [-1, 1], not \(targetCorrelation).")
        checkPrecondition(lambda >= 0, "TaskCorrelationRegularizer needs lambda ≥ 0, not \(lambda).")
        checkPrecondition(epsilon > 0, "TaskCorrelationRegularizer needs a positive epsilon, not \(epsilon).")
        self.targetCorrelation = targetCorrelation
        self.lambda = lambda
        self.epsilon = epsilon
    }

    /// `λ·(ρ(a, b) − ρ*)²` for per-example signals `first` and `second` (`[N]` each); a scalar tensor.
    public func callAsFunction(_ first: Tensor, _ second: Tensor) -> Tensor {
        let difference = Self.pearsonCorrelation(first, second, epsilon: epsilon) - targetCorrelation
        return lambda * difference * difference
    }

    /// The penalty on the confidences in the true food and the true cuisine (see the type's summary).
    public func penalty(foodLogits: Tensor, foodLabels: [Int], cuisineLogits: Tensor, cuisineLabels: [Int]) -> Tensor {
        self(trueClassProbabilities(foodLogits, foodLabels), trueClassProbabilities(cuisineLogits, cuisineLabels))
    }

    /// The Pearson correlation of `first` and `second` across their elements, as a differentiable
    /// scalar: `Σ (a − ā)(b − b̄) / √(Σ (a − ā)² · Σ (b − b̄)² + ε)`.
    public static func pearsonCorrelation(_ first: Tensor, _ second: Tensor, epsilon: Double = 1e-12) -> Tensor {
        checkPrecondition(first.count == second.count && first.count > 0,
                          "pearsonCorrelation needs two signals with the same number of values, not \(first.shape) and \(second.shape).")
        let a = first.reshaped([-1]), b = second.reshaped([-1])
        let centredA = a - a.mean(), centredB = b - b.mean()
        return (centredA * centredB).sum() / sqrt((centredA * centredA).sum() * (centredB * centredB).sum() + epsilon)
    }
}

/// The softmax probability each row of `logits` (`[N, C]`) gives its label, `[N]`.
public func trueClassProbabilities(_ logits: Tensor, _ labels: [Int]) -> Tensor {
    checkPrecondition(logits.rank == 2 && logits.shape[0] == labels.count,
                      "trueClassProbabilities needs logits [N, C] and N labels, not \(logits.shape) and \(labels.count) labels.")
    checkPrecondition(labels.allSatisfy { (0..<logits.shape[1]).contains($0) }, "trueClassProbabilities needs labels in 0..<\(logits.shape[1]).")
    return exp(logSoftmax(logits, dim: 1).gather(dim: 1, index: labels, shape: [labels.count, 1]).reshaped([-1]))
}
