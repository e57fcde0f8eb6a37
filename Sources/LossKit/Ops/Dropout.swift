// Dropout: randomly silencing units during training so that a network cannot rely on any one of them.

/// Sets each element to 0 with probability `probability` and scales the survivors by
/// `1 / (1 − probability)`, drawing from the default generator ("inverted" dropout, as in PyTorch).
///
/// The scaling keeps the expected value of every element unchanged, so nothing needs rescaling
/// at evaluation time: with `training: false` the input is returned as it is.
/// The gradient is the same mask: 0 for dropped elements, `1 / (1 − probability)` for kept ones.
///
/// - Parameters:
///   - x: The activations.
///   - probability: The chance p of dropping each element, in [0, 1]. PyTorch's default is 0.5.
///   - training: Whether to drop (`true`) or to pass `x` through unchanged (`false`).
/// - Returns: A tensor with the shape of `x`.
/// - Source: N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever and R. Salakhutdinov,
///   "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", *JMLR* 15, 2014.
public func dropout(_ x: Tensor, probability: Double, training: Bool = true) -> Tensor {
    guard training, probability > 0 else {
        checkDropoutProbability(probability)
        return x
    }
    let mask = withDefaultGenerator { generator in
        dropoutMask(count: x.count, probability: probability, using: &generator)
    }
    return x * Tensor.plain(mask, shape: x.shape)
}

/// Sets each element to 0 with probability `probability` and scales the survivors by
/// `1 / (1 − probability)`, drawing from `generator` ("inverted" dropout, as in PyTorch).
///
/// With `training: false` the input is returned as it is and nothing is drawn.
/// The gradient is the same mask: 0 for dropped elements, `1 / (1 − probability)` for kept ones.
///
/// - Parameters:
///   - x: The activations.
///   - probability: The chance p of dropping each element, in [0, 1].
///   - training: Whether to drop (`true`) or to pass `x` through unchanged (`false`).
///   - generator: The source of randomness, such as a ``SeededGenerator``.
/// - Returns: A tensor with the shape of `x`.
public func dropout<Generator: RandomNumberGenerator>(
    _ x: Tensor, probability: Double, training: Bool = true, using generator: inout Generator
) -> Tensor {
    guard training, probability > 0 else {
        checkDropoutProbability(probability)
        return x
    }
    let mask = dropoutMask(count: x.count, probability: probability, using: &generator)
    return x * Tensor.plain(mask, shape: x.shape)
}

/// Stops with a message unless `probability` is in [0, 1].
private func checkDropoutProbability(_ probability: Double) {
    checkPrecondition(
        (0...1).contains(probability),
        "dropout(probability: \(probability)) needs a probability between 0 and 1."
    )
}

/// `count` mask values: 0 with probability `probability`, `1 / (1 − probability)` otherwise.
/// An element is dropped when its uniform draw `u ∈ [0, 1)` is below `probability`.
private func dropoutMask<Generator: RandomNumberGenerator>(
    count: Int, probability: Double, using generator: inout Generator
) -> [Double] {
    checkDropoutProbability(probability)
    let scale = probability < 1 ? 1 / (1 - probability) : 0
    var mask = [Double](repeating: 0, count: count)
    for index in 0..<count where RandomSampling.unit(using: &generator) >= probability {
        mask[index] = scale
    }
    return mask
}
