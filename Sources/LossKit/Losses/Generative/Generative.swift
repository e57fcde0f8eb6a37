// Losses for generative models: GANs (the original and the Wasserstein form) and VAEs.
//
// The GAN losses take the raw scores (logits) of a discriminator, one per sample, of any shape;
// the sigmoid is folded in, so confident scores such as ±1000 do not overflow.

/// Computes the GAN discriminator's loss: classify real samples as real and fakes as fake.
///
/// `mean(softplus(−real)) + mean(softplus(fake))`, which is
/// `−mean(log σ(real)) − mean(log(1 − σ(fake)))`: the binary cross-entropy of the real scores
/// against 1 plus that of the fake scores against 0 (each a mean, added, not averaged).
///
/// Use it for the discriminator's step of a standard GAN; pair it with ``ganGeneratorLoss(fake:)``.
///
/// Example: scores `real = [0]`, `fake = [0]` → `log 2 + log 2 = 1.3863…`.
///
/// - Parameters:
///   - real: The discriminator's logits for real samples, of any shape (often `[N, 1]`).
///   - fake: Its logits for generated samples, of any shape.
/// - Returns: A scalar tensor.
/// - Source: I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014.
public func ganDiscriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
    checkPrecondition(real.count > 0 && fake.count > 0, "ganDiscriminatorLoss needs at least one score each, but got real \(real.shape) and fake \(fake.shape).")
    return bceWithLogitsLoss(real, Tensor.ones(like: real)) + bceWithLogitsLoss(fake, Tensor.zeros(like: fake))
}

/// Computes the non-saturating GAN generator loss: make the discriminator call fakes real.
///
/// `mean(softplus(−fake)) = −mean(log σ(fake))`, the binary cross-entropy of the fake scores against 1.
///
/// Use it instead of the minimax form `mean(log(1 − σ(fake)))`, whose gradient vanishes while the
/// discriminator easily rejects the fakes (early in training); both have the same fixed point.
///
/// Example: a fake scored `0` costs `log 2 = 0.6931…`; scored `2`, `log(1 + e⁻²) = 0.1269…`.
///
/// - Parameter fake: The discriminator's logits for generated samples, of any shape.
/// - Returns: A scalar tensor.
/// - Source: I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014 (section 3).
public func ganGeneratorLoss(fake: Tensor) -> Tensor {
    checkPrecondition(fake.count > 0, "ganGeneratorLoss needs at least one score, but got fake \(fake.shape).")
    return bceWithLogitsLoss(fake, Tensor.ones(like: fake))
}

/// Computes the Wasserstein GAN critic's loss: score real samples high and fakes low.
///
/// `mean(fake) − mean(real)`: minimizing it maximizes the critic's estimate of the
/// Wasserstein-1 distance `mean(real) − mean(fake)`.
///
/// Use it with a critic kept roughly 1-Lipschitz (weight clipping in the paper, or a gradient
/// penalty). The scores are unbounded: no sigmoid, no logarithm.
///
/// Example: `real = [1, 3]`, `fake = [0, -2]` → `−1 − 2 = −3`.
///
/// - Parameters:
///   - real: The critic's scores for real samples, of any shape.
///   - fake: Its scores for generated samples, of any shape.
/// - Returns: A scalar tensor.
/// - Source: M. Arjovsky, S. Chintala and L. Bottou, "Wasserstein Generative Adversarial Networks", ICML 2017.
public func wassersteinCriticLoss(real: Tensor, fake: Tensor) -> Tensor {
    checkPrecondition(real.count > 0 && fake.count > 0, "wassersteinCriticLoss needs at least one score each, but got real \(real.shape) and fake \(fake.shape).")
    return fake.mean() - real.mean()
}

/// Computes the Wasserstein GAN generator's loss: make the critic score fakes high.
///
/// `−mean(fake)`
///
/// Example: fakes scored `[0, -2]` cost `1`.
///
/// - Parameter fake: The critic's scores for generated samples, of any shape.
/// - Returns: A scalar tensor.
/// - Source: M. Arjovsky, S. Chintala and L. Bottou, "Wasserstein Generative Adversarial Networks", ICML 2017.
public func wassersteinGeneratorLoss(fake: Tensor) -> Tensor {
    checkPrecondition(fake.count > 0, "wassersteinGeneratorLoss needs at least one score, but got fake \(fake.shape).")
    return -fake.mean()
}

/// Computes the (β-)VAE loss: reconstruction error plus β times the KL divergence of the
/// approximate posterior from the standard normal prior.
///
/// `Σ bce(reconstruction, input) + β · (−½ · Σ (1 + logVar − mu² − exp(logVar)))`, both sums over
/// every element of the batch (not averaged), where `bce(r, x) = −(x · log r + (1 − x) · log(1 − r))`
/// with logs clamped at −100 as in ``bceLoss(_:_:weight:reduction:)``.
///
/// Use it to train a variational autoencoder whose decoder outputs probabilities (pixels in
/// `[0, 1]`). `β = 1` is the evidence lower bound of Kingma & Welling; `β > 1` (β-VAE) trades
/// reconstruction quality for a more disentangled latent space.
///
/// Example: one pixel `x = 1` reconstructed as `0.5`, and `mu = 0, logVar = 0` → `log 2 + β · 0 = 0.6931…`.
///
/// - Parameters:
///   - reconstruction: The decoder's probabilities, each in `[0, 1]`.
///   - input: The data being reconstructed, values in `[0, 1]`, with the same shape.
///   - mu: The encoder's means of the latent Gaussian, for example `[N, latent]`.
///   - logVar: The encoder's log-variances `log σ²`, with the shape of `mu`.
///   - beta: The weight `β ≥ 0` of the KL term (1 by default).
/// - Returns: A scalar tensor.
/// - Source: D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014 (appendix B
///   for the closed-form KL); β from I. Higgins et al., "β-VAE", ICLR 2017.
public func vaeLoss(reconstruction: Tensor, input: Tensor, mu: Tensor, logVar: Tensor, beta: Double = 1) -> Tensor {
    checkLossShapesMatch(reconstruction, input, loss: "vaeLoss", names: ("reconstruction", "input"))
    checkLossShapesMatch(mu, logVar, loss: "vaeLoss", names: ("mu", "logVar"))
    checkPrecondition(beta >= 0, "vaeLoss needs beta ≥ 0, but got beta \(beta).")
    let reconstructionError = bceLoss(reconstruction, input, reduction: .sum)
    let divergence = -0.5 * (1 + logVar - mu * mu - exp(logVar)).sum()
    return reconstructionError + beta * divergence
}
