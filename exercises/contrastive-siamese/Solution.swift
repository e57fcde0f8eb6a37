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
    let difference = first - second
    let squaredDistance = (difference * difference).sum(dim: 1)
    // The square root's derivative is infinite at 0; the tiny constant keeps the gradient of
    // identical embeddings finite (it is 0 there) and changes d by at most 1e-6.
    let distance = sqrt(squaredDistance + 1e-12)
    // relu(m − d): 0 once a dissimilar pair is at least the margin apart, and then no gradient.
    let shortfall = relu(margin - distance)
    let perPair = similar * squaredDistance + (1 - similar) * shortfall * shortfall
    return perPair.mean()
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
    var examplesOf: [Int: [Int]] = [:]
    for (index, label) in labels.enumerated() {
        examplesOf[label, default: []].append(index)
    }
    let classes = examplesOf.keys.sorted()
    let classesWithTwo = classes.filter { (examplesOf[$0]?.count ?? 0) >= 2 }
    precondition(classes.count >= 2 && !classesWithTwo.isEmpty,
                 "makePairs needs two labels and a label with two examples, but got labels \(classes).")
    func randomExample(of label: Int) -> Int {
        examplesOf[label]?.randomElement(using: &generator) ?? 0
    }
    var pairs: [Pair] = []
    for position in 0..<count {
        if position % 2 == 0 {
            let label = classesWithTwo[Int.random(in: 0..<classesWithTwo.count, using: &generator)]
            let first = randomExample(of: label)
            var second = randomExample(of: label)
            while second == first { second = randomExample(of: label) }
            pairs.append(Pair(first: first, second: second, isSimilar: true))
        } else {
            let firstLabel = classes[Int.random(in: 0..<classes.count, using: &generator)]
            var secondLabel = classes[Int.random(in: 0..<classes.count, using: &generator)]
            while secondLabel == firstLabel { secondLabel = classes[Int.random(in: 0..<classes.count, using: &generator)] }
            pairs.append(Pair(first: randomExample(of: firstLabel), second: randomExample(of: secondLabel), isSimilar: false))
        }
    }
    return pairs
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
        // The same encoder on both sides: gradients from both add up in one set of weights, and
        // the distance between two embeddings does not depend on the order of the pair.
        (encoder(first), encoder(second))
    }
}

/// Trains `network` with the contrastive loss: at every step, fresh pairs from `data` (drawn with
/// ``makePairs(labels:count:using:)`` from a generator seeded with `seed`), one Adam step.
///
/// - Returns: The loss of every step, in order.
func trainSiamese(_ network: SiameseNetwork, on data: Dataset, steps: Int, pairsPerStep: Int, margin: Double,
                  learningRate: Double, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    let optimizer = Adam(network.parameters, learningRate: learningRate)
    let inputs = data.inputs
    var losses: [Double] = []
    for _ in 0..<steps {
        let pairs = makePairs(labels: data.labels, count: pairsPerStep, using: &generator)
        let (first, second) = network(inputs.select(indices: pairs.map(\.first), dim: 0),
                                      inputs.select(indices: pairs.map(\.second), dim: 0))
        let similar = Tensor(pairs.map { $0.isSimilar ? 1.0 : 0.0 })
        optimizer.zeroGrad()
        let loss = contrastivePairLoss(first, second, similar: similar, margin: margin)
        loss.backward()
        optimizer.step()
        losses.append(loss.item)
    }
    return losses
}
