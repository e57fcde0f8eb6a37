import LossLab

/// A perceptual loss that compares images through VGG16 activations at several depths, with
/// learnable layer weights: `Σ softmax(s)ₗ · MSE(φₗ(prediction), φₗ(target))`.
///
/// - Source: Johnson, Alahi & Fei-Fei, "Perceptual Losses for Real-Time Style Transfer and
///   Super-Resolution", ECCV 2016.
final class MultiScalePerceptualLoss {
    /// The feature extractor φ.
    let extractor: VGGFeatures
    /// The layers compared, in order.
    let layers: [String]
    /// The raw layer weights s (one per layer); the loss uses softmax(s).
    let layerWeights: Tensor

    init(extractor: VGGFeatures = VGGFeatures(inputChannels: 1, widthFactor: 1.0 / 16, seed: 0),
         layers: [String] = VGGFeatures.tapNames) {
        self.extractor = extractor
        self.layers = layers
        layerWeights = Tensor.zeros([layers.count], requiresGrad: true)
    }

    /// The loss of `prediction` against `target`, both images [N, C, H, W].
    func callAsFunction(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        let predicted = extractor.features(prediction)
        let wanted = withoutGradients { extractor.features(target) }
        let weights = softmax(layerWeights, dim: 0)
        var total = Tensor(0.0)
        for (index, name) in layers.enumerated() {
            guard let ours = predicted[name], let theirs = wanted[name] else {
                fatalError("VGGFeatures has no layer \(name); choose from \(VGGFeatures.tapNames).")
            }
            total = total + weights[index] * mseLoss(ours, theirs)
        }
        return total
    }
}
