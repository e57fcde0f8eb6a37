import LossLab

/// The contrastive loss of pairs of embeddings, averaged over the pairs.
///
/// With `d = ‖first − second‖₂` for each pair and `y = 1` for a similar pair, `y = 0` for a
/// dissimilar one: `ℓ = y · d² + (1 − y) · max(0, margin − d)²`.
///
/// - Parameters:
///   - first: The first embedding of each pair, shape `[N, D]`.
///   - second: The second embedding of each pair, shape `[N, D]`.
///   - similar: `y`, 1 or 0 for each pair, shape `[N]`.
///   - margin: The distance `m > 0` beyond which a dissimilar pair costs nothing.
/// - Returns: A scalar tensor, the mean over the `N` pairs.
/// - Source: R. Hadsell, S. Chopra and Y. LeCun, "Dimensionality Reduction by Learning an
///   Invariant Mapping", CVPR 2006 (which writes Y = 0 for similar pairs and a factor ½).
func contrastivePairLoss(_ first: Tensor, _ second: Tensor, similar: Tensor, margin: Double) -> Tensor {
    // TODO: the squared distance d² and the distance d of each pair (sum over dim 1), then
    // y·d² + (1 − y)·max(0, margin − d)², averaged over the pairs.
    return Tensor(0.0)
}

/// Two examples of a data set, by index, and whether their labels are the same.
struct Pair: Equatable {
    /// The index of the first example.
    let first: Int
    /// The index of the second example.
    let second: Int
    /// Whether the two examples have the same label.
    let isSimilar: Bool
}

/// Draws `count` random pairs of examples: even positions (0, 2, …) hold similar pairs, two
/// different examples with the same label; odd positions hold dissimilar pairs, two examples with
/// different labels. Half the pairs are similar, although a random pair rarely would be.
///
/// - Parameters:
///   - labels: The label of every example; at least two labels, one of them on two examples.
///   - count: How many pairs to draw.
///   - generator: The source of randomness, so that the same seed gives the same pairs.
func makePairs(labels: [Int], count: Int, using generator: inout SeededGenerator) -> [Pair] {
    // TODO: group the example indices by label; at even positions draw two different examples
    // of one label, at odd positions one example each of two different labels.
    return []
}

/// A Siamese network: one encoder, the same weights, applied to both inputs of a pair.
final class SiameseNetwork {
    /// The encoder: Linear → ReLU → Linear, from the inputs to the embedding.
    let encoder: Sequential

    /// A network from `inputs` features through `hidden` units to an `embedding`-dimensional
    /// output, its weights drawn after `manualSeed(seed)`.
    init(inputs: Int, hidden: Int, embedding: Int, seed: UInt64) {
        manualSeed(seed)
        encoder = Sequential(Linear(inputs: inputs, outputs: hidden), ReLU(), Linear(inputs: hidden, outputs: embedding))
    }

    /// The trainable parameters (the encoder's: there is only one set).
    var parameters: [Tensor] { encoder.parameters }

    /// The embeddings of both sides of a batch of pairs, each `[N, embedding]`.
    func callAsFunction(_ first: Tensor, _ second: Tensor) -> (Tensor, Tensor) {
        // TODO: embed both sides of the pairs with the shared encoder.
        (first, second)
    }
}

/// Trains `network` with the contrastive loss: at every step, fresh pairs from `data` (drawn with
/// ``makePairs(labels:count:using:)`` from a generator seeded with `seed`), one Adam step.
///
/// - Returns: The loss of every step, in order.
func trainSiamese(_ network: SiameseNetwork, on data: Dataset, steps: Int, pairsPerStep: Int, margin: Double,
                  learningRate: Double, seed: UInt64) -> [Double] {
    // TODO: create an Adam optimizer on network.parameters; at every step draw pairsPerStep
    // fresh pairs, embed both sides, compute the contrastive loss, step, and record the loss.
    return []
}
