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
        // TODO: features of both images, MSE per layer, weighted by softmax(layerWeights, dim: 0).
        return Tensor(0.0)
    }
}
