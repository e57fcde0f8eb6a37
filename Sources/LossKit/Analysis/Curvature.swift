// The curvature of a loss around the current parameters: Hessian-vector products, the top
// eigenvalue of the Hessian by power iteration, and the curvature along one direction.
//
// The Hessian of a network's loss has one row per parameter, far too many to build. What can be
// computed cheaply is its product with a vector: differentiate ⟨∇L, v⟩ once more (Pearlmutter
// 1994), which costs about two backward passes. Everything here is built on that product.

/// The product `H·v` of the Hessian of `loss` (with respect to `parameters`) with a vector `v`,
/// without forming the Hessian.
///
/// Computed as the gradient of `⟨∇L, v⟩`: the gradient `∇L` is recorded with
/// `createGraph: true` and differentiated once more. The loss's graph is kept, so the same loss
/// can be used for many products.
///
/// ```swift
/// let w = Tensor([1.0, 2.0], requiresGrad: true)
/// let loss = (w * w * w).sum()                        // H = diag(6w)
/// hessianVectorProduct(of: loss, withRespectTo: [w], vector: [Tensor([1.0, 1.0])])[0].scalars   // [6, 12]
/// ```
///
/// - Parameters:
///   - loss: A scalar computed from `parameters`.
///   - parameters: The tensors the Hessian is taken with respect to.
///   - vector: One tensor per parameter, with its shape: the vector `v`, cut like the parameters.
/// - Returns: `H·v`, one tensor per parameter (constants).
/// - Source: B. A. Pearlmutter, "Fast Exact Multiplication by the Hessian", Neural Computation 6(1), 1994.
public func hessianVectorProduct(of loss: Tensor, withRespectTo parameters: [Tensor], vector: [Tensor]) -> [Tensor] {
    let product = HessianProduct(loss: loss, parameters: parameters)
    return product.times(vector)
}

/// The largest eigenvalue of a Hessian (by magnitude), as found by power iteration.
public struct HessianEigenvalue: CustomStringConvertible {
    /// The eigenvalue: the Rayleigh quotient `vᵀHv` of the last unit vector `v`.
    public let value: Double
    /// The eigenvector found, a unit vector cut like the parameters (one tensor per parameter).
    public let eigenvector: [Tensor]
    /// How many Hessian-vector products were computed.
    public let iterations: Int
    /// `‖H·v − value·v‖` for the unit vector `v`: 0 for an exact eigenvector.
    public let residual: Double
    /// Whether the residual fell to `tolerance · |value|` before the iterations ran out.
    public let converged: Bool

    /// One line with the value, the iteration count and the residual, the numbers in the print
    /// format (see ``PrintOptions``).
    public var description: String {
        let options = PrintOptions.current
        return "λ_max ≈ \(options.format(value)) after \(iterations) iterations (residual \(options.format(residual))\(converged ? "" : ", not converged"))"
    }
}

/// The eigenvalue of largest magnitude of the Hessian of `loss` with respect to `parameters`,
/// by power iteration on Hessian-vector products.
///
/// Starting from a random unit vector `v` (seeded), each iteration computes `w = H·v`, the
/// estimate `λ = vᵀw` and the residual `‖w − λ·v‖`, then continues from `v = w / ‖w‖`. It stops
/// when the residual is at most `tolerance · |λ|` (the pair is then an eigenpair to that
/// accuracy) or after `maxIterations` products. Convergence is fast when the top eigenvalue stands
/// well apart from the next one (its speed is the ratio of the two).
///
/// Near a minimum the Hessian has no large negative eigenvalues, so this is λ_max, the
/// *sharpness* of Cohen et al.: gradient descent with learning rate η is stable on a quadratic
/// only while `η < 2 / λ_max`. Away from minima the result may be a negative eigenvalue of large
/// magnitude; its sign tells.
///
/// - Parameters:
///   - loss: A scalar computed from `parameters`.
///   - parameters: The tensors the Hessian is taken with respect to.
///   - maxIterations: The most Hessian-vector products to compute, at least 1.
///   - tolerance: The relative residual at which to stop.
///   - seed: Seeds the random starting vector.
/// - Returns: The eigenvalue with its eigenvector, the number of iterations and the final residual.
/// - Source: R. von Mises and H. Pollaczek-Geiringer, "Praktische Verfahren der
///   Gleichungsauflösung", ZAMM 9, 1929 (power iteration); Z. Yao et al., "PyHessian: Neural
///   Networks Through the Lens of the Hessian", IEEE BigData 2020; J. Cohen et al., "Gradient
///   Descent on Neural Networks Typically Occurs at the Edge of Stability", ICLR 2021.
public func topHessianEigenvalue(
    of loss: Tensor, withRespectTo parameters: [Tensor], maxIterations: Int = 100, tolerance: Double = 1e-4,
    seed: UInt64 = 0
) -> HessianEigenvalue {
    checkPrecondition(maxIterations >= 1, "topHessianEigenvalue needs maxIterations ≥ 1, not \(maxIterations).")
    checkPrecondition(tolerance >= 0, "topHessianEigenvalue needs tolerance ≥ 0, not \(tolerance).")
    let product = HessianProduct(loss: loss, parameters: parameters)
    var generator = SeededGenerator(seed: seed)
    var vector = unitVector(parameters.map { parameter in
        Tensor.randomNormal(parameter.shape, using: &generator)
    }).vector
    var (value, residual, iterations, converged) = (0.0, Double.infinity, 0, false)
    while iterations < maxIterations {
        iterations += 1
        let image = product.times(vector)
        value = dot(vector, image)
        residual = norm(zip(image, vector).map { product, direction in
            zip(product.scalars, direction.scalars).map { $0 - value * $1 }
        })
        if residual <= tolerance * Swift.abs(value) {
            converged = true
            break
        }
        let (next, length) = unitVector(image)
        if length == 0 {
            // H·v = 0: v is an eigenvector of eigenvalue 0.
            converged = true
            break
        }
        vector = next
    }
    return HessianEigenvalue(value: value, eigenvector: vector, iterations: iterations, residual: residual, converged: converged)
}

/// The curvature of `loss` along `direction`: `dᵀHd / dᵀd`, the second derivative of the loss
/// along the line `θ + t·d/‖d‖` at `t = 0`.
///
/// This is sharpness along one direction: near a minimum, `loss(θ + t·d̂) ≈ loss(θ) + ½·t²·curvature`.
/// Its largest value over all directions is the top eigenvalue of the Hessian
/// (``topHessianEigenvalue(of:withRespectTo:maxIterations:tolerance:seed:)``); along a random
/// direction it is the average eigenvalue, weighted by how much the direction points along each
/// eigenvector. Flat minima have small curvature in every direction.
///
/// - Parameters:
///   - loss: A scalar computed from `parameters`.
///   - parameters: The tensors the Hessian is taken with respect to.
///   - direction: One tensor per parameter, with its shape, not all zero.
/// - Returns: The curvature, in units of loss per squared parameter step.
/// - Source: N. S. Keskar et al., "On Large-Batch Training for Deep Learning: Generalization Gap
///   and Sharp Minima", ICLR 2017 (sharpness); J. Cohen et al., ICLR 2021.
public func sharpness(of loss: Tensor, withRespectTo parameters: [Tensor], along direction: [Tensor]) -> Double {
    let squaredLength = dot(direction, direction)
    checkPrecondition(squaredLength > 0, "sharpness(along:) needs a direction that is not zero.")
    let image = HessianProduct(loss: loss, parameters: parameters).times(direction)
    return dot(direction, image) / squaredLength
}

/// Hessian-vector products of one loss: its gradient is recorded once (`createGraph: true`) and
/// differentiated again for every vector.
private struct HessianProduct {
    let parameters: [Tensor]
    let gradient: [Tensor]

    init(loss: Tensor, parameters: [Tensor]) {
        checkPrecondition(loss.count == 1, "Hessian products need a scalar loss, but got shape \(loss.shape).")
        checkPrecondition(!parameters.isEmpty, "Hessian products need at least one parameter.")
        self.parameters = parameters
        gradient = GradientRecording.$isEnabled.withValue(true) {
            gradients(of: loss, withRespectTo: parameters, createGraph: true)
        }
    }

    /// `H·v`, one constant tensor per parameter.
    func times(_ vector: [Tensor]) -> [Tensor] {
        checkPrecondition(
            vector.map(\.shape) == parameters.map(\.shape),
            "A Hessian-vector product needs one tensor per parameter with its shape: parameters \(parameters.map(\.shape)), vector \(vector.map(\.shape))."
        )
        return GradientRecording.$isEnabled.withValue(true) {
            var total = Tensor(0.0)
            for (part, direction) in zip(gradient, vector) {
                total = total + (part * direction.detached()).sum()
            }
            return gradients(of: total, withRespectTo: parameters)
        }
    }
}

/// `Σ ⟨aᵢ, bᵢ⟩` over tensors cut alike.
private func dot(_ first: [Tensor], _ second: [Tensor]) -> Double {
    zip(first, second).reduce(0) { total, pair in
        total + zip(pair.0.scalars, pair.1.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

/// The Euclidean length of a vector cut into arrays.
private func norm(_ parts: [[Double]]) -> Double {
    parts.reduce(0) { total, part in total + part.reduce(0) { $0 + $1 * $1 } }.squareRoot()
}

/// `v / ‖v‖` and `‖v‖`, for a vector cut into tensors (unchanged when its length is 0).
private func unitVector(_ parts: [Tensor]) -> (vector: [Tensor], length: Double) {
    let length = dot(parts, parts).squareRoot()
    guard length > 0 else { return (parts, 0) }
    return (parts.map { Tensor(shape: $0.shape, scalars: $0.scalars.map { $0 / length }) }, length)
}
