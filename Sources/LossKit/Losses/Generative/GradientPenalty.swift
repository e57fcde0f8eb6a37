// The gradient penalty of WGAN-GP: keeping a critic 1-Lipschitz by penalising the size of its
// gradient with respect to its input, which needs the gradient of a gradient.

/// Computes the WGAN-GP gradient penalty: how far the critic's slope is from 1 between real and
/// generated samples.
///
/// With `x̂ = ε·real + (1 − ε)·fake` (one `ε` per sample, uniform in [0, 1]):
/// `λ · mean over samples of (‖∇ₓ critic(x̂)‖₂ − 1)²`, where each norm is taken over all the
/// dimensions of one sample.
///
/// Add it to ``wassersteinCriticLoss(real:fake:)`` in place of weight clipping: by the
/// Kantorovich–Rubinstein duality the optimal critic has slope 1 almost everywhere between the two
/// distributions, and penalising the slope there keeps the critic 1-Lipschitz without limiting its
/// shape. The penalty is differentiable with respect to the critic's parameters (its gradient is
/// computed with `createGraph: true`), so `backward()` on the critic loss trains through it.
///
/// ```swift
/// let penalty = wganGradientPenalty(critic: { critic($0) }, real: real, fake: fake.detached())
/// let loss = wassersteinCriticLoss(real: critic(real), fake: critic(fake.detached())) + penalty
/// loss.backward()
/// ```
///
/// Example: for the critic `f(x) = 3·x` every slope is 3, so the penalty is `λ·(3 − 1)² = 40` with `λ = 10`.
///
/// - Parameters:
///   - critic: The critic, from a batch of samples `[N, …]` to scores (`[N]` or `[N, 1]`); the
///     penalty differentiates the sum of its scores.
///   - real: Real samples `[N, …]`.
///   - fake: Generated samples with the shape of `real` (usually detached from the generator).
///   - lambda: The penalty weight `λ ≥ 0`; the paper uses 10.
///   - interpolationWeights: The `ε` of each sample, shape `[N]`, each in [0, 1]; `nil` (the
///     default) draws them uniformly with the default generator (see ``manualSeed(_:)``).
/// - Returns: A scalar tensor.
/// - Source: I. Gulrajani, F. Ahmed, M. Arjovsky, V. Dumoulin and A. Courville, "Improved Training
///   of Wasserstein GANs", NeurIPS 2017 (algorithm 1).
public func wganGradientPenalty(
    critic: (Tensor) -> Tensor, real: Tensor, fake: Tensor, lambda: Double = 10, interpolationWeights: Tensor? = nil
) -> Tensor {
    checkLossShapesMatch(real, fake, loss: "wganGradientPenalty", names: ("real", "fake"))
    checkPrecondition(
        real.rank >= 1 && real.shape[0] > 0,
        "wganGradientPenalty needs batches [N, …] with at least one sample, but got real \(real.shape)."
    )
    checkPrecondition(lambda >= 0, "wganGradientPenalty needs lambda ≥ 0, but got lambda \(lambda).")
    let count = real.shape[0]
    let weights = interpolationWeights ?? Tensor.randomUniform([count])
    checkPrecondition(
        weights.shape == [count] && weights.scalars.allSatisfy { (0...1).contains($0) },
        "wganGradientPenalty needs one interpolation weight in [0, 1] per sample, shape [\(count)], but got interpolationWeights \(weights.shape) with values \(weights.scalars.prefix(4))."
    )
    let perSample = weights.detached().reshaped([count] + Array(repeating: 1, count: real.rank - 1))
    // Recorded, so that the penalty also depends on `real` and `fake` when they require gradients
    // (as in PyTorch); a leaf of its own when they are constants, so that the slopes exist.
    var interpolates = perSample * real + (1 - perSample) * fake
    if !interpolates.requiresGrad {
        interpolates = Tensor(shape: interpolates.shape, scalars: interpolates.scalars, requiresGrad: true)
    }
    let scores = critic(interpolates)
    checkPrecondition(
        scores.requiresGrad,
        "wganGradientPenalty needs a critic whose scores depend on its input through recorded operations (do not call it inside withoutGradients)."
    )
    let slopes = gradients(of: scores.sum(), withRespectTo: [interpolates], createGraph: true)[0]
    let norms = slopes.reshaped([count, -1]).vectorNorm(along: 1, p: 2, keepDims: false)
    return lambda * pow(norms - 1, 2).mean()
}
