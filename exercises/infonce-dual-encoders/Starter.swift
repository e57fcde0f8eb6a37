import LossLab

/// The symmetric InfoNCE loss of CLIP for `N` paired embeddings from two encoders.
///
/// Both sides are scaled to unit length (`ẑ = z / ‖z‖`), so that `ẑ_a · ẑ_b` is a cosine
/// similarity. With `S = ẑ_a · ẑ_bᵀ / τ` (an `[N, N]` matrix of logits),
/// `L = (CE(S, diag) + CE(Sᵀ, diag)) / 2`, where `CE(S, diag) = mean over i of (log Σⱼ exp Sᵢⱼ − Sᵢᵢ)`.
///
/// Row `i` of `S` asks item `i` of side `a` to pick its partner, item `i` of side `b`, among all
/// `N` items of side `b`; the rows of `Sᵀ` ask the same of side `b`. Every other item of the batch
/// is a negative.
///
/// - Parameters:
///   - a: The embeddings of one side (for example images), shape `[N, D]`.
///   - b: The embeddings of the other side (for example captions), shape `[N, D]`; row `i` is
///     the partner of row `i` of `a`.
///   - temperature: τ > 0. Small values sharpen the softmax onto the most similar candidates.
/// - Returns: A scalar tensor.
/// - Source: A. van den Oord, Y. Li, O. Vinyals, "Representation Learning with Contrastive
///   Predictive Coding", 2018 (InfoNCE); A. Radford et al., "Learning Transferable Visual Models
///   From Natural Language Supervision", ICML 2021 (CLIP, the symmetric form).
func symmetricInfoNCELoss(_ a: Tensor, _ b: Tensor, temperature: Double) -> Tensor {
    // TODO: scale both sides to unit length, build the [N, N] logits ẑ_a · ẑ_bᵀ / τ, and average
    // the cross-entropy of its rows and of its columns, with the diagonal as the correct class.
    return Tensor(0.0)
}

/// Zero-shot classification: the class of each image is the prototype with the highest cosine
/// similarity to it.
///
/// Each prototype is the caption encoder's embedding of one caption per class (for example
/// "a photo of a dog"); no classifier is trained. Ties go to the lower class index.
///
/// - Parameters:
///   - imageEmbeddings: The embeddings of the images to classify, shape `[M, D]`.
///   - prototypes: One embedding per class, shape `[C, D]`.
/// - Returns: `M` class indices in `0..<C`.
func zeroShotPredictions(imageEmbeddings: Tensor, prototypes: Tensor) -> [Int] {
    // TODO: for each image, the index of the prototype with the highest cosine similarity.
    return []
}
