import LabRuntime
import LossKit

extension ProbeValue {
    /// A tensor's shape and values (not its gradient or graph).
    public static func tensor(_ tensor: Tensor) -> ProbeValue {
        .tensor(shape: tensor.shape, scalars: tensor.scalars)
    }
}

extension ProbeValues {
    /// The numbers called `name` as a tensor with their shape.
    ///
    /// - Parameter requiresGrad: whether the tensor should collect gradients (for an input the
    ///   learner's loss is differentiated with respect to).
    public func tensor(_ name: String, requiresGrad: Bool = false) throws -> Tensor {
        let (shape, scalars) = try shapedNumbers(name)
        return Tensor(shape: shape, scalars: scalars, requiresGrad: requiresGrad)
    }
}
