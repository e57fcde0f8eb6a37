// Scaling vectors to unit length along one dimension, as PyTorch's F.normalize does.

extension Tensor {
    /// Divides every vector along `dim` by its p-norm, so that each has norm 1.
    ///
    /// `x / max(‖x‖_p, eps)`, where the norm is taken along `dim`: with `dim: 1`, each row of a
    /// matrix becomes a unit vector. `eps` keeps a zero vector at zero instead of dividing by zero.
    ///
    /// PyTorch: `F.normalize(x, p=p, dim=dim, eps=eps)`.
    ///
    /// - Parameters:
    ///   - dim: The dimension along which the vectors lie; negative values count from the end.
    ///   - p: The exponent of the norm, finite and at least 1; 2 is the Euclidean norm.
    ///   - eps: The smallest divisor, which must not be negative.
    /// - Returns: A tensor with this tensor's shape. When a norm is below `eps`, the divisor is the
    ///   constant `eps` and the gradient does not flow through the norm, as in PyTorch.
    public func normalized(dim: Int, p: Double = 2, eps: Double = 1e-12) -> Tensor {
        let dimension = StridedLayout.dimension(dim, rank: rank, shape: shape, operation: "normalized")
        let norm = VectorNorm(p: p, operation: "normalized(dim: \(dim), p: \(p))")
        checkPrecondition(eps >= 0, "normalized(dim:p:eps:) needs eps ≥ 0, but got eps = \(eps).")
        let layout = VectorLayout(shape: shape, dimension: dimension)
        let values = scalars.withUnsafeBufferPointer { input in
            let norms = layout.norms(input, norm)
            return [Double](unsafeUninitializedCapacity: count) { output, initialized in
                for outer in 0..<layout.outerCount {
                    for step in 0..<layout.size {
                        let start = (outer * layout.size + step) * layout.innerCount
                        for inner in 0..<layout.innerCount {
                            output[start + inner] = input[start + inner] / Swift.max(norms[outer * layout.innerCount + inner], eps)
                        }
                    }
                }
                initialized = layout.outerCount * layout.size * layout.innerCount
            }
        }
        return Tensor.result(of: "normalize", shape: shape, scalars: values, inputs: [self]) { gradient, inputs in
            // y = x / d with d = max(n, eps): ∂L/∂x_k = g_k / d − (Σ_j g_j x_j) / d² · ∂d/∂x_k,
            // and ∂d/∂x_k = ∂n/∂x_k while n ≥ eps, else 0.
            let input = inputs[0]
            let inputGradient = input.scalars.withUnsafeBufferPointer { x in
                gradient.scalars.withUnsafeBufferPointer { g in
                    let norms = layout.norms(x, norm)
                    var dots = Array(repeating: 0.0, count: norms.count)
                    dots.withUnsafeMutableBufferPointer { dots in
                        if layout.innerCount == 1 {
                            // Contiguous vectors: the running total stays in a register.
                            for vector in 0..<layout.outerCount {
                                var total = 0.0
                                for index in (vector * layout.size)..<((vector + 1) * layout.size) {
                                    total += g[index] * x[index]
                                }
                                dots[vector] = total
                            }
                            return
                        }
                        for outer in 0..<layout.outerCount {
                            for step in 0..<layout.size {
                                let start = (outer * layout.size + step) * layout.innerCount
                                for inner in 0..<layout.innerCount {
                                    dots[outer * layout.innerCount + inner] += g[start + inner] * x[start + inner]
                                }
                            }
                        }
                    }
                    return [Double](unsafeUninitializedCapacity: x.count) { output, initialized in
                        for outer in 0..<layout.outerCount {
                            for step in 0..<layout.size {
                                let start = (outer * layout.size + step) * layout.innerCount
                                for inner in 0..<layout.innerCount {
                                    let vector = outer * layout.innerCount + inner
                                    let n = norms[vector]
                                    let divisor = Swift.max(n, eps)
                                    var value = g[start + inner] / divisor
                                    if n >= eps {
                                        value -= dots[vector] / (divisor * divisor) * norm.derivative(x[start + inner], norm: n)
                                    }
                                    output[start + inner] = value
                                }
                            }
                        }
                        initialized = x.count
                    }
                }
            }
            return [.untracked(shape: input.shape, inputGradient)]
        } differentiableBackward: { gradient, inputs, _ in
            Tensor.gradientsThroughFormula(gradient, inputs) { inputs in
                inputs[0] / clamp(inputs[0].vectorNorm(along: dimension, p: p, keepDims: true), min: eps)
            }
        }
    }
}

/// A tensor seen as `outerCount × size × innerCount`: vectors of length `size` along one dimension,
/// whose consecutive entries are `innerCount` apart in memory.
struct VectorLayout {
    let outerCount: Int
    let size: Int
    let innerCount: Int

    init(shape: [Int], dimension: Int) {
        outerCount = shape[..<dimension].reduce(1, *)
        size = shape[dimension]
        innerCount = shape[(dimension + 1)...].reduce(1, *)
    }

    /// The norm of every vector, indexed by `outer * innerCount + inner`.
    func norms(_ values: UnsafeBufferPointer<Double>, _ norm: VectorNorm) -> [Double] {
        var sums = Array(repeating: 0.0, count: outerCount * innerCount)
        sums.withUnsafeMutableBufferPointer { sums in
            if innerCount == 1 {
                // Contiguous vectors: the running total stays in a register.
                for vector in 0..<outerCount {
                    var total = 0.0
                    for index in (vector * size)..<((vector + 1) * size) {
                        total += norm.term(values[index])
                    }
                    sums[vector] = norm.root(total)
                }
                return
            }
            for outer in 0..<outerCount {
                for step in 0..<size {
                    let start = (outer * size + step) * innerCount
                    for inner in 0..<innerCount {
                        sums[outer * innerCount + inner] += norm.term(values[start + inner])
                    }
                }
            }
            for vector in sums.indices {
                sums[vector] = norm.root(sums[vector])
            }
        }
        return sums
    }
}
