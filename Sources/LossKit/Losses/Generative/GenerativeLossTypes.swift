// The generative losses as values that record their history.
//
// The two-sided losses (discriminator, critic) take the real and the fake scores and conform to
// `Loss`. The one-sided and the VAE losses do not fit `compute(prediction, target)`, so they are
// classes with the same `name` and `history` and a labelled `callAsFunction`.

/// The GAN discriminator's loss as a value: `loss(real, fake)` calls ``ganDiscriminatorLoss(real:fake:)``.
public final class GANDiscriminatorLoss: Loss {
    /// `"gan_discriminator"`.
    public let name = "gan_discriminator"
    /// Every value this loss has returned.
    public var history = LossHistory()

    /// A GAN discriminator loss.
    public init() {}

    /// `mean(softplus(−real)) + mean(softplus(fake))` for the discriminator's logits on real
    /// (`prediction`) and generated (`target`) samples; see ``ganDiscriminatorLoss(real:fake:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        ganDiscriminatorLoss(real: prediction, fake: target)
    }
}

/// The Wasserstein critic's loss as a value: `loss(real, fake)` calls ``wassersteinCriticLoss(real:fake:)``.
public final class WassersteinCriticLoss: Loss {
    /// `"wgan_critic"`.
    public let name = "wgan_critic"
    /// Every value this loss has returned.
    public var history = LossHistory()

    /// A Wasserstein critic loss.
    public init() {}

    /// `mean(fake) − mean(real)` for the critic's scores on real (`prediction`) and generated
    /// (`target`) samples; see ``wassersteinCriticLoss(real:fake:)``.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        wassersteinCriticLoss(real: prediction, fake: target)
    }
}

/// The non-saturating GAN generator loss as a value: `loss(fake: scores)` calls ``ganGeneratorLoss(fake:)``.
public final class GANGeneratorLoss {
    /// `"gan_generator"`.
    public let name = "gan_generator"
    /// Every value this loss has returned.
    public var history = LossHistory()

    /// A non-saturating GAN generator loss.
    public init() {}

    /// `mean(softplus(−fake))`, recorded in ``history``; see ``ganGeneratorLoss(fake:)``.
    ///
    /// - Parameter fake: The discriminator's logits for generated samples.
    /// - Returns: A scalar tensor.
    public func callAsFunction(fake: Tensor) -> Tensor {
        let value = ganGeneratorLoss(fake: fake)
        history.record(value.item)
        return value
    }
}

/// The Wasserstein generator loss as a value: `loss(fake: scores)` calls ``wassersteinGeneratorLoss(fake:)``.
public final class WassersteinGeneratorLoss {
    /// `"wgan_generator"`.
    public let name = "wgan_generator"
    /// Every value this loss has returned.
    public var history = LossHistory()

    /// A Wasserstein generator loss.
    public init() {}

    /// `−mean(fake)`, recorded in ``history``; see ``wassersteinGeneratorLoss(fake:)``.
    ///
    /// - Parameter fake: The critic's scores for generated samples.
    /// - Returns: A scalar tensor.
    public func callAsFunction(fake: Tensor) -> Tensor {
        let value = wassersteinGeneratorLoss(fake: fake)
        history.record(value.item)
        return value
    }
}

/// The (β-)VAE loss as a value: calls ``vaeLoss(reconstruction:input:mu:logVar:beta:)``.
public final class VAELoss {
    /// `"vae"`.
    public let name = "vae"
    /// Every value this loss has returned.
    public var history = LossHistory()
    /// The weight `β` of the KL term.
    public let beta: Double

    /// A VAE loss.
    ///
    /// - Parameter beta: The weight `β ≥ 0` of the KL term (1 by default).
    public init(beta: Double = 1) {
        checkPrecondition(beta >= 0, "VAELoss needs beta ≥ 0, but got beta \(beta).")
        self.beta = beta
    }

    /// `Σ bce(reconstruction, input) + β · KL(N(mu, exp(logVar)) ‖ N(0, 1))`, recorded in ``history``;
    /// see ``vaeLoss(reconstruction:input:mu:logVar:beta:)``.
    ///
    /// - Parameters:
    ///   - reconstruction: The decoder's probabilities.
    ///   - input: The data, with the same shape.
    ///   - mu: The encoder's means.
    ///   - logVar: The encoder's log-variances, with the shape of `mu`.
    /// - Returns: A scalar tensor.
    public func callAsFunction(reconstruction: Tensor, input: Tensor, mu: Tensor, logVar: Tensor) -> Tensor {
        let value = vaeLoss(reconstruction: reconstruction, input: input, mu: mu, logVar: logVar, beta: beta)
        history.record(value.item)
        return value
    }
}
