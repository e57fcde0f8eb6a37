// The one way LossKit makes a loss value from a loss function: a type declares its settings and
// hands its functional form, with those settings filled in, to `CallableLoss`, which keeps the
// name and the history. A type therefore computes exactly what its function computes.

/// A loss with a name that remembers every value it returned: the base class of LossKit's loss
/// types.
///
/// ``CallableLoss`` adds the call on a prediction and a target; the losses whose inputs differ
/// (``GANGeneratorLoss``, ``WassersteinGeneratorLoss``, ``VAELoss``) add a call with labelled
/// arguments instead, and record its value the same way.
public class RecordingLoss {
    /// The loss's name, as ``makeLoss(_:options:)`` knows it (for example `"focal"`).
    public let name: String
    /// Every value this loss has returned, oldest first.
    public var history = LossHistory()

    init(name: String) {
        self.name = name
    }

    /// Records `value` in ``history`` when it is a single number, and returns it.
    func recording(_ value: Tensor) -> Tensor {
        if value.count == 1 { history.record(value.item) }
        return value
    }
}

/// A loss made from its functional form: calling it computes `formula(prediction, target)` and
/// records the value in ``RecordingLoss/history``.
///
/// Every callable loss type of LossKit is a `CallableLoss` whose initializer stores its settings
/// (so that `TverskyLoss(alpha: 0.3, beta: 0.7).alpha` reads them back) and passes the function
/// with those settings filled in:
///
/// ```swift
/// public final class HuberLoss: CallableLoss {
///     public let delta: Double
///     public init(delta: Double = 1) {
///         self.delta = delta
///         super.init(name: "huber") { huberLoss($0, $1, delta: delta) }
///     }
/// }
/// ```
///
/// A loss of your own becomes a value the same way, without a type:
///
/// ```swift
/// let pinball = CallableLoss(name: "pinball") { prediction, target in
///     let error = target - prediction
///     return maximum(0.9 * error, (0.9 - 1) * error).mean()
/// }
/// let value = pinball(prediction, target)   // recorded in pinball.history
/// ```
public class CallableLoss: RecordingLoss, Loss {
    private let formula: (Tensor, Tensor) -> Tensor

    /// A loss named `name` that computes `formula(prediction, target)`.
    ///
    /// - Parameters:
    ///   - name: The loss's name, for reports (LossKit's own types use ``makeLoss(_:options:)``'s names).
    ///   - formula: The loss of a prediction against a target, usually a scalar tensor.
    public init(name: String, formula: @escaping (_ prediction: Tensor, _ target: Tensor) -> Tensor) {
        self.formula = formula
        super.init(name: name)
    }

    /// Computes the loss of `prediction` against `target` with the functional form, without
    /// recording it.
    public func compute(_ prediction: Tensor, _ target: Tensor) -> Tensor {
        formula(prediction, target)
    }
}
