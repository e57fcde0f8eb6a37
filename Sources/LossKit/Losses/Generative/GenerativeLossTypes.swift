// The generative losses as values that record their history (see CallableLoss.swift).
//
// The two-sided losses (discriminator, critic) take the real and the fake scores and are
// `CallableLoss`es. The one-sided and the VAE losses do not fit `loss(prediction, target)`, so
// they are `RecordingLoss`es with a labelled call.

/// The GAN discriminator's loss as a value: `loss(real, fake)` calls ``ganDiscriminatorLoss(real:fake:)``,
/// `mean(softplus(−real)) + mean(softplus(fake))` for the discriminator's logits on real and
/// generated samples.
public final class GANDiscriminatorLoss: CallableLoss {
    /// A GAN discriminator loss.
    public init() {
        super.init(name: "gan_discriminator") { ganDiscriminatorLoss(real: $0, fake: $1) }
    }
}

/// The Wasserstein critic's loss as a value: `loss(real, fake)` calls ``wassersteinCriticLoss(real:fake:)``,
/// `mean(fake) − mean(real)` for the critic's scores on real and generated samples.
public final class WassersteinCriticLoss: CallableLoss {
    /// A Wasserstein critic loss.
    public init() {
        super.init(name: "wgan_critic") { wassersteinCriticLoss(real: $0, fake: $1) }
    }
}

/// The non-saturating GAN generator loss as a value: `loss(fake: scores)` calls ``ganGeneratorLoss(fake:)``.
public final class GANGeneratorLoss: RecordingLoss {
    /// A non-saturating GAN generator loss.
    public init() {
        super.init(name: "gan_generator")
    }

    /// `mean(softplus(−fake))`, recorded in ``RecordingLoss/history``; see ``ganGeneratorLoss(fake:)``.
    ///
    /// - Parameter fake: The discriminator's logits for generated samples.
    /// - Returns: A scalar tensor.
    public func callAsFunction(fake: Tensor) -> Tensor {
        recording(ganGeneratorLoss(fake: fake))
    }
}

/// The Wasserstein generator loss as a value: `loss(fake: scores)` calls ``wassersteinGeneratorLoss(fake:)``.
public final class WassersteinGeneratorLoss: RecordingLoss {
    /// A Wasserstein generator loss.
    public init() {
        super.init(name: "wgan_generator")
    }

    /// `−mean(fake)`, recorded in ``RecordingLoss/history``; see ``wassersteinGeneratorLoss(fake:)``.
    ///
    /// - Parameter fake: The critic's scores for generated samples.
    /// - Returns: A scalar tensor.
    public func callAsFunction(fake: Tensor) -> Tensor {
        recording(wassersteinGeneratorLoss(fake: fake))
    }
}

/// The (β-)VAE loss as a value: calls ``vaeLoss(reconstruction:input:mu:logVar:beta:)``.
public final class VAELoss: RecordingLoss {
    /// The weight `β` of the KL term.
    public let beta: Double

    /// A VAE loss.
    ///
    /// - Parameter beta: The weight `β ≥ 0` of the KL term (1 by default).
    public init(beta: Double = 1) {
        checkPrecondition(beta >= 0, "VAELoss needs beta ≥ 0, but got beta \(beta).")
        self.beta = beta
        super.init(name: "vae")
    }

    /// `Σ bce(reconstruction, input) + β · KL(N(mu, exp(logVar)) ‖ N(0, 1))`, recorded in
    /// ``RecordingLoss/history``; see ``vaeLoss(reconstruction:input:mu:logVar:beta:)``.
    ///
    /// - Parameters:
    ///   - reconstruction: The decoder's probabilities.
    ///   - input: The data, with the same shape.
    ///   - mu: The encoder's means.
    ///   - logVar: The encoder's log-variances, with the shape of `mu`.
    /// - Returns: A scalar tensor.
    public func callAsFunction(reconstruction: Tensor, input: Tensor, mu: Tensor, logVar: Tensor) -> Tensor {
        recording(vaeLoss(reconstruction: reconstruction, input: input, mu: mu, logVar: logVar, beta: beta))
    }
}
