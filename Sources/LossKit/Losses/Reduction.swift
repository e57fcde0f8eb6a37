/// How a loss function combines the losses of individual elements into its result.
///
/// The names and behaviour match the `reduction` argument of PyTorch's loss functions.
public enum Reduction: Sendable, Hashable, CaseIterable {
    /// The average of the elementwise losses, a scalar tensor. This is the usual choice for training.
    case mean
    /// The total of the elementwise losses, a scalar tensor.
    case sum
    /// No combination: one loss per element, with the shape of the inputs.
    case none
}

extension Tensor {
    /// Combines elementwise losses as `reduction` asks.
    func reduced(by reduction: Reduction) -> Tensor {
        switch reduction {
        case .mean: mean()
        case .sum: sum()
        case .none: self
        }
    }
}
