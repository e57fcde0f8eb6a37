/// A problem with a loss name or its options, listing what is valid.
public struct LossFactoryError: Error, CustomStringConvertible, Sendable {
    /// The explanation.
    public let description: String
}

/// One loss the factory can make: its options (with defaults) and how to build it.
struct LossRecipe: Sendable {
    let defaults: [String: Double]
    let make: @Sendable ([String: Double]) -> any Loss
}

/// The losses ``makeLoss(_:options:)`` knows, by name.
let lossRecipes: [String: LossRecipe] = [
    "mse": LossRecipe(defaults: [:]) { _ in MSELoss() },
    "l1": LossRecipe(defaults: [:]) { _ in L1Loss() },
    "huber": LossRecipe(defaults: ["delta": 1]) { HuberLoss(delta: $0["delta"] ?? 1) },
    "smooth_l1": LossRecipe(defaults: ["beta": 1]) { SmoothL1Loss(beta: $0["beta"] ?? 1) },
    "log_cosh": LossRecipe(defaults: [:]) { _ in LogCoshLoss() },
    "asymmetric_mse": LossRecipe(defaults: ["over_penalty": 2]) { AsymmetricMSELoss(overPenalty: $0["over_penalty"] ?? 2) },
    "bce": LossRecipe(defaults: [:]) { _ in BCELoss() },
    "bce_with_logits": LossRecipe(defaults: [:]) { _ in BCEWithLogitsLoss() },
    "cross_entropy": LossRecipe(defaults: ["label_smoothing": 0, "ignore_index": -100]) {
        CrossEntropyLoss(ignoreIndex: Int($0["ignore_index"] ?? -100), labelSmoothing: $0["label_smoothing"] ?? 0)
    },
    "nll": LossRecipe(defaults: ["ignore_index": -100]) { NLLLoss(ignoreIndex: Int($0["ignore_index"] ?? -100)) },
    "label_smoothing_ce": LossRecipe(defaults: ["epsilon": 0.1]) { LabelSmoothingCrossEntropy(epsilon: $0["epsilon"] ?? 0.1) },
    "focal": LossRecipe(defaults: ["alpha": 0.25, "gamma": 2]) { FocalLoss(alpha: $0["alpha"] ?? 0.25, gamma: $0["gamma"] ?? 2) },
    "sigmoid_focal": LossRecipe(defaults: ["alpha": 0.25, "gamma": 2]) {
        SigmoidFocalLoss(alpha: $0["alpha"] ?? 0.25, gamma: $0["gamma"] ?? 2)
    },
    "kl_div": LossRecipe(defaults: [:]) { _ in KLDivLoss() },
    "gan_discriminator": LossRecipe(defaults: [:]) { _ in GANDiscriminatorLoss() },
    "wgan_critic": LossRecipe(defaults: [:]) { _ in WassersteinCriticLoss() },
    "dice": LossRecipe(defaults: ["smooth": 1]) { DiceLoss(smooth: $0["smooth"] ?? 1) },
    "tversky": LossRecipe(defaults: ["alpha": 0.3, "beta": 0.7, "smooth": 1]) {
        TverskyLoss(alpha: $0["alpha"] ?? 0.3, beta: $0["beta"] ?? 0.7, smooth: $0["smooth"] ?? 1)
    },
    "focal_tversky": LossRecipe(defaults: ["alpha": 0.3, "beta": 0.7, "gamma": 0.75, "smooth": 1]) {
        FocalTverskyLoss(alpha: $0["alpha"] ?? 0.3, beta: $0["beta"] ?? 0.7, gamma: $0["gamma"] ?? 0.75, smooth: $0["smooth"] ?? 1)
    },
    "contrastive": LossRecipe(defaults: ["margin": 1]) { ContrastiveLoss(margin: $0["margin"] ?? 1) },
    "triplet_margin": LossRecipe(defaults: ["margin": 1, "p": 2]) { TripletLoss(margin: $0["margin"] ?? 1, p: $0["p"] ?? 2) },
    "info_nce": LossRecipe(defaults: ["temperature": 0.07]) { InfoNCELoss(temperature: $0["temperature"] ?? 0.07) },
    "nt_xent": LossRecipe(defaults: ["temperature": 0.5]) { NTXentLoss(temperature: $0["temperature"] ?? 0.5) },
    "supcon": LossRecipe(defaults: ["temperature": 0.1]) { SupConLoss(temperature: $0["temperature"] ?? 0.1) },
]

/// The names ``makeLoss(_:options:)`` accepts, sorted.
public var availableLossNames: [String] { lossRecipes.keys.sorted() }

/// Makes a loss from its name and numeric options, for configuration files and experiments that
/// choose the loss at run time: `try makeLoss("focal", options: ["gamma": 1])`.
///
/// - Throws: ``LossFactoryError`` for an unknown name (listing the valid names) or an unknown
///   option (listing that loss's options and defaults).
public func makeLoss(_ name: String, options: [String: Double] = [:]) throws -> any Loss {
    guard let recipe = lossRecipes[name] else {
        throw LossFactoryError(description: "Unknown loss “\(name)”. Valid names: \(availableLossNames.joined(separator: ", ")).")
    }
    if let unknown = options.keys.sorted().first(where: { recipe.defaults[$0] == nil }) {
        let valid = recipe.defaults.isEmpty
            ? "it takes no options"
            : "its options are " + recipe.defaults.sorted { $0.key < $1.key }.map { "\($0.key) (default \($0.value))" }.joined(separator: ", ")
        throw LossFactoryError(description: "The loss “\(name)” has no option “\(unknown)”; \(valid).")
    }
    return recipe.make(options)
}
