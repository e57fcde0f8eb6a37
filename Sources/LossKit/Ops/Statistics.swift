// Variance and standard deviation, built from the reductions (so their gradients come for free).

extension Tensor {
    /// The variance of all elements: `Σ (xᵢ − mean)² / (n − correction)`, as a scalar tensor.
    ///
    /// With the default `correction` of 1 this is the unbiased sample variance, as in PyTorch's
    /// `var()`; pass 0 for the population variance (NumPy's default). `n − correction ≤ 0` gives
    /// infinity or NaN.
    ///
    /// - Parameter correction: What to subtract from the number of elements in the denominator.
    public func variance(correction: Int = 1) -> Tensor {
        let centered = self - mean()
        return (centered * centered).sum() / Double(count - correction)
    }

    /// The variance of each lane along `dim`: `Σ (xᵢ − mean)² / (n − correction)`.
    ///
    /// - Parameters:
    ///   - dim: The dimension to compute the variance along. Negative values count from the end.
    ///   - keepDims: If `true`, the reduced dimension stays in the shape with size 1.
    ///   - correction: What to subtract from the lane length `n` in the denominator; 1 (unbiased,
    ///     PyTorch's default) or 0 (population variance).
    /// - Returns: A tensor with `dim` removed (or set to 1 when `keepDims` is `true`).
    public func variance(dim: Int, keepDims: Bool = false, correction: Int = 1) -> Tensor {
        let dimension = normalizedDimension(dim, operationName: "variance")
        let centered = self - mean(dim: dimension, keepDims: true)
        return (centered * centered).sum(dim: dimension, keepDims: keepDims) / Double(shape[dimension] - correction)
    }

    /// The standard deviation of all elements: the square root of ``variance(correction:)``.
    ///
    /// - Parameter correction: What to subtract from the number of elements in the denominator;
    ///   1 by default, as in PyTorch's `std()`.
    public func standardDeviation(correction: Int = 1) -> Tensor {
        sqrt(variance(correction: correction))
    }

    /// The standard deviation of each lane along `dim`: the square root of ``variance(dim:keepDims:correction:)``.
    ///
    /// - Parameters:
    ///   - dim: The dimension to compute the standard deviation along. Negative values count from the end.
    ///   - keepDims: If `true`, the reduced dimension stays in the shape with size 1.
    ///   - correction: What to subtract from the lane length in the denominator; 1 by default.
    /// - Returns: A tensor with `dim` removed (or set to 1 when `keepDims` is `true`).
    public func standardDeviation(dim: Int, keepDims: Bool = false, correction: Int = 1) -> Tensor {
        sqrt(variance(dim: dim, keepDims: keepDims, correction: correction))
    }
}
