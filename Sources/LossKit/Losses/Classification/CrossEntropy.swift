// Cross-entropy over classes with class-index targets: crossEntropyLoss, nllLoss and
// labelSmoothingCrossEntropy, following PyTorch's `F.cross_entropy` and `F.nll_loss`.
//
// Scores have shape [N, C] or [N, C, d1, …] (classes along dimension 1, as in PyTorch); targets
// are one class index per position of the other dimensions, in row-major order of [N, d1, …].
// Internally the scores are rearranged into one row of C classes per target.

/// Computes the cross-entropy between raw class scores (logits) and class indices.
///
/// With `logp = logSoftmax(logits)` over the classes, `y` the target class, `w` the class weights
/// (1 when absent), `ε` the label smoothing and `C` the number of classes, each position costs
/// `ℓᵢ = (1 − ε) · w_y · (−logp_y) + (ε / C) · Σ_c w_c · (−logp_c)`.
/// `.mean` divides `Σ ℓᵢ` by `Σ w_yᵢ` over the positions that are not ignored (the number of
/// such positions without weights), exactly as PyTorch does, also with label smoothing.
/// Positions whose target is `ignoreIndex` cost 0 and get no gradient.
///
/// Use it for single-label classification: the model outputs one score per class and the
/// softmax is folded in, which is more accurate than `log(softmax(…))` and cannot overflow
/// (logits of ±1000 are fine). For images, pass logits `[N, C, H, W]` and targets in row-major
/// order of `[N, H, W]`.
///
/// Example: logits `[2, 0]`, target 0 → `−log(e² / (e² + 1)) = log(1 + e⁻²) = 0.1269…`.
///
/// When every target is ignored, `.mean` returns 0 (with zero gradients). PyTorch returns NaN
/// there (0 / 0); LossKit chooses a well-defined value so that one batch without labels cannot
/// poison a training run.
///
/// - Parameters:
///   - logits: Raw scores of shape `[N, C]` or `[N, C, d1, …]`.
///   - target: One class index in `0..<C` (or `ignoreIndex`) per position, `N · d1 · …` in all.
///   - weight: Optional class weights of shape `[C]` (constants: they get no gradient).
///   - ignoreIndex: A target value that marks positions to skip; PyTorch's default is −100.
///   - labelSmoothing: `ε` in `[0, 1]`: how much of the target's probability to spread evenly over
///     all `C` classes (PyTorch's convention; see ``labelSmoothingCrossEntropy(_:_:epsilon:reduction:)``
///     for the `ε / (C − 1)` one).
///   - reduction: `.mean` (the default), `.sum`, or `.none` for one loss per position (shape `[N, d1, …]`).
/// - Returns: A scalar tensor for `.mean` and `.sum`, or one loss per position for `.none`.
/// - Source: The log loss of multinomial logistic regression; label smoothing from C. Szegedy et al.,
///   "Rethinking the Inception Architecture for Computer Vision", CVPR 2016.
public func crossEntropyLoss(
    _ logits: Tensor, _ target: [Int], weight: Tensor? = nil, ignoreIndex: Int = -100,
    labelSmoothing: Double = 0, reduction: Reduction = .mean
) -> Tensor {
    checkPrecondition(
        (0...1).contains(labelSmoothing),
        "crossEntropyLoss needs labelSmoothing in 0...1, but got \(labelSmoothing)."
    )
    let rows = ClassRows(logits, target, loss: "crossEntropyLoss", scoresName: "logits", ignoreIndex: ignoreIndex)
    let classWeights = rows.checkedClassWeights(weight)
    let perPosition = rows.crossEntropyPerRow(classWeights: classWeights, labelSmoothing: labelSmoothing)
    return rows.reduceWeighted(perPosition, classWeights: classWeights, by: reduction)
}

/// Computes the negative log-likelihood of class indices, given log-probabilities.
///
/// `ℓᵢ = −w_y · logp_y` for each position, with `y` its target class and `w` the class weights
/// (1 when absent). `.mean` divides `Σ ℓᵢ` by `Σ w_yᵢ` over the positions not ignored.
///
/// Use it after ``logSoftmax(_:dim:)``; `nllLoss(logSoftmax(x, dim: 1), y)` is
/// ``crossEntropyLoss(_:_:weight:ignoreIndex:labelSmoothing:reduction:)``.
/// As there, `.mean` with every target ignored returns 0 where PyTorch returns NaN.
///
/// Example: log-probabilities `[log 0.7, log 0.3]`, target 0 → `−log 0.7 = 0.3567…`.
///
/// - Parameters:
///   - logProbabilities: Log-probabilities of shape `[N, C]` or `[N, C, d1, …]`.
///   - target: One class index in `0..<C` (or `ignoreIndex`) per position, `N · d1 · …` in all.
///   - weight: Optional class weights of shape `[C]` (constants: they get no gradient).
///   - ignoreIndex: A target value that marks positions to skip; PyTorch's default is −100.
///   - reduction: `.mean` (the default), `.sum`, or `.none` for one loss per position (shape `[N, d1, …]`).
/// - Returns: A scalar tensor for `.mean` and `.sum`, or one loss per position for `.none`.
/// - Source: R. A. Fisher, "On the Mathematical Foundations of Theoretical Statistics",
///   *Philosophical Transactions of the Royal Society A* 222, 1922 (maximum likelihood).
public func nllLoss(
    _ logProbabilities: Tensor, _ target: [Int], weight: Tensor? = nil, ignoreIndex: Int = -100,
    reduction: Reduction = .mean
) -> Tensor {
    let rows = ClassRows(logProbabilities, target, loss: "nllLoss", scoresName: "logProbabilities", ignoreIndex: ignoreIndex)
    let classWeights = rows.checkedClassWeights(weight)
    return rows.reduceWeighted(rows.negativeLogLikelihood(classWeights: classWeights), classWeights: classWeights, by: reduction)
}

/// Computes the cross-entropy against smoothed targets: `1 − ε` on the true class and
/// `ε / (K − 1)` on each of the `K − 1` others.
///
/// `ℓᵢ = −((1 − ε) · logp_y + (ε / (K − 1)) · Σ_{c ≠ y} logp_c)`, with `logp = logSoftmax(logits)`.
///
/// Use it to keep a classifier from becoming over-confident: the best it can do is put `1 − ε` on
/// the true class. This is the convention where the true class gets exactly `1 − ε`; PyTorch's
/// `label_smoothing` (in ``crossEntropyLoss(_:_:weight:ignoreIndex:labelSmoothing:reduction:)``)
/// spreads `ε / K` over all classes instead, true class included.
///
/// Example with `K = 2`, `ε = 0.1`: logits `[0, 0]` cost `−(0.9 · log ½ + 0.1 · log ½) = log 2`.
///
/// - Parameters:
///   - logits: Raw scores of shape `[N, K]` or `[N, K, d1, …]`, with `K ≥ 2` classes.
///   - target: One class index in `0..<K` per position.
///   - epsilon: The probability `ε` in `[0, 1]` moved away from the true class.
///   - reduction: `.mean` (the default), `.sum`, or `.none` for one loss per position.
/// - Returns: A scalar tensor for `.mean` and `.sum`, or one loss per position for `.none`.
/// - Source: C. Szegedy, V. Vanhoucke, S. Ioffe, J. Shlens and Z. Wojna, "Rethinking the Inception
///   Architecture for Computer Vision", CVPR 2016.
public func labelSmoothingCrossEntropy(
    _ logits: Tensor, _ target: [Int], epsilon: Double = 0.1, reduction: Reduction = .mean
) -> Tensor {
    checkPrecondition((0...1).contains(epsilon), "labelSmoothingCrossEntropy needs epsilon in 0...1, but got \(epsilon).")
    let rows = ClassRows(logits, target, loss: "labelSmoothingCrossEntropy", scoresName: "logits", ignoreIndex: nil)
    let classes = rows.classCount
    checkPrecondition(
        classes >= 2,
        "labelSmoothingCrossEntropy needs at least 2 classes to spread epsilon over, but logits \(logits.shape) have \(classes)."
    )
    // PyTorch's smoothing ε' puts ε'/K on every class and 1 − ε' + ε'/K on the true one; ε' = ε·K/(K − 1)
    // gives ε/(K − 1) and 1 − ε.
    let perPosition = rows.crossEntropyPerRow(classWeights: nil, labelSmoothing: epsilon * Double(classes) / Double(classes - 1))
    return rows.reduce(perPosition, by: reduction)
}

// MARK: - Scores as one row per target

/// Class scores rearranged as a matrix `[M, C]` with one row per target, and the checked targets.
struct ClassRows {
    /// The scores, one row of `C` classes per target position.
    let scores: Tensor
    /// The targets, each in `0..<C` or equal to `ignoreIndex`.
    let targets: [Int]
    /// The value that marks ignored positions, if any.
    let ignoreIndex: Int?
    /// The shape of one loss per position: the scores' shape without the class dimension.
    let positionShape: [Int]

    /// The number of classes `C`.
    var classCount: Int { scores.shape[1] }

    /// Checks `scores` (`[N, C]` or `[N, C, d1, …]`) against `targets` and rearranges the scores.
    init(_ scores: Tensor, _ targets: [Int], loss: String, scoresName: String, ignoreIndex: Int?) {
        checkPrecondition(
            scores.rank >= 2,
            "\(loss) needs \(scoresName) of shape [N, C] or [N, C, d1, …] (classes along dimension 1), but got \(scoresName) \(scores.shape)."
        )
        var positionShape = scores.shape
        let classes = positionShape.remove(at: 1)
        checkPrecondition(
            targets.count == positionShape.reduce(1, *),
            "\(loss) needs one target per position of \(positionShape) (\(positionShape.reduce(1, *)) in all) for \(scoresName) \(scores.shape), but got \(targets.count) targets."
        )
        if let position = targets.firstIndex(where: { !(0..<classes).contains($0) && $0 != ignoreIndex }) {
            let ignoring = ignoreIndex.map { " (or ignoreIndex \($0))" } ?? ""
            fatalError(
                "\(loss) got target \(targets[position]) at position \(position), but \(scoresName) \(scores.shape) have \(classes) classes: targets must be in 0..<\(classes)\(ignoring)."
            )
        }
        if scores.rank == 2 {
            self.scores = scores
        } else {
            // [N, C, d1, …] → [N, d1, …, C] → [M, C]: one row per target, in row-major order.
            let classesLast = [0] + Array(2..<scores.rank) + [1]
            self.scores = scores.permuted(classesLast).reshaped([-1, classes])
        }
        self.targets = targets
        self.ignoreIndex = ignoreIndex
        self.positionShape = positionShape
    }

    /// Combines one loss per row: `.none` gives the shape of the positions.
    func reduce(_ perPosition: Tensor, by reduction: Reduction) -> Tensor {
        reduction == .none ? perPosition.reshaped(positionShape) : perPosition.reduced(by: reduction)
    }

    /// The class weights as plain numbers, after checking that there is one per class.
    func checkedClassWeights(_ weight: Tensor?) -> [Double]? {
        guard let weight else { return nil }
        checkPrecondition(
            weight.shape == [classCount],
            "crossEntropyLoss and nllLoss need one weight per class, shape [\(classCount)], but got weight \(weight.shape)."
        )
        return weight.scalars
    }

    /// `−w_y · logp_y` for each row of ``scores`` read as log-probabilities (0 for ignored rows).
    func negativeLogLikelihood(classWeights: [Double]?) -> Tensor {
        let kept = targets.map { $0 != ignoreIndex }
        let safeTargets = zip(targets, kept).map { $1 ? $0 : 0 }
        let picked = scores.gather(dim: 1, index: safeTargets, shape: [targets.count, 1]).reshaped([-1])
        return -(Tensor.plain(positionWeights(classWeights), shape: [targets.count]) * picked)
    }

    /// The weight `w_y` of each row's target class: 1 without class weights, 0 for ignored rows.
    func positionWeights(_ classWeights: [Double]?) -> [Double] {
        targets.map { $0 == ignoreIndex ? 0 : classWeights?[$0] ?? 1 }
    }

    /// Combines one loss per row with PyTorch's rules: `.mean` divides by the total weight of the
    /// rows that are not ignored (their number without class weights).
    func reduceWeighted(_ perPosition: Tensor, classWeights: [Double]?, by reduction: Reduction) -> Tensor {
        guard reduction == .mean else { return reduce(perPosition, by: reduction) }
        let denominator = positionWeights(classWeights).reduce(0, +)
        // Every target ignored: PyTorch gives 0 / 0 = NaN; LossKit returns the (zero) sum instead.
        return denominator == 0 ? perPosition.sum() : perPosition.sum() / denominator
    }
}
