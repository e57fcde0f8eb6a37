import LossKit

extension GoldenRegistry {
    /// How each generative golden case is computed with LossKit.
    /// The fixtures' GAN outputs are logits: the losses are BCE-with-logits means.
    static let generative: [String: GoldenComputation] = [
        "gan_discriminator": { try ganDiscriminatorLoss(real: $0.tensor("real_output"), fake: $0.tensor("fake_output")) },
        "gan_generator": { try ganGeneratorLoss(fake: $0.tensor("fake_output")) },
        "wgan_critic": { try wassersteinCriticLoss(real: $0.tensor("real_output"), fake: $0.tensor("fake_output")) },
        "wgan_generator": { try wassersteinGeneratorLoss(fake: $0.tensor("fake_output")) },
        "vae": {
            try vaeLoss(
                reconstruction: $0.tensor("reconstruction"), input: $0.tensor("input"),
                mu: $0.tensor("mu"), logVar: $0.tensor("logvar"), beta: $0.number("beta")
            )
        },
    ]
}
