// Fast path of a Linear layer's product `x·Wᵀ` (Layers/Linear.swift), without transposing W.
// Plain formula: `matmul(x, weight.transposed())`.
// Checked by: Tests/LossKitTests/Kernels/FastPathTests.swift, "a Linear layer's product with its
//   untransposed weight equals matmul(x, Wᵀ) + b": values and input gradients bit for bit, weight
//   gradients to 1e-12 (OpenBLAS groups gᵀ·x and (xᵀ·g)ᵀ differently; listed in README.md).
//
// `matmul(x, weight.transposed())` copies the [outputs, inputs] weight into a transposed array on
// every forward pass and copies its gradient back on every backward pass; in a small MLP's
// training step those two copies cost an eighth of the time. BLAS reads a matrix transposed in
// place, so here the weight is passed as it is stored and each direction is one product.

enum LinearProduct {
    /// `input · weightᵀ` for `input` of shape [N, inputs]: shape [N, outputs], with gradients
    /// `g · W` for the input and `gᵀ · input` for the weight.
    static func withTransposedWeight(_ input: Tensor, _ weight: Tensor) -> Tensor {
        let (rows, inner, columns) = (input.shape[0], input.shape[1], weight.shape[0])
        var values = [Double](repeating: 0, count: rows * columns)
        MatrixProduct.gemm(input.scalars, 0, weight.scalars, 0, transposeRight: true, into: &values, 0,
                           rows: rows, inner: inner, columns: columns)
        return Tensor.result(of: "linear", shape: [rows, columns], scalars: values, inputs: [input, weight]) { gradient, inputs in
            let (input, weight) = (inputs[0], inputs[1])
            var inputGradient: Tensor?
            if input.requiresGrad {
                var values = [Double](repeating: 0, count: rows * inner)
                MatrixProduct.gemm(gradient.scalars, 0, weight.scalars, 0, into: &values, 0,
                                   rows: rows, inner: columns, columns: inner)
                inputGradient = .untracked(shape: input.shape, values)
            }
            var weightGradient: Tensor?
            if weight.requiresGrad {
                var values = [Double](repeating: 0, count: columns * inner)
                MatrixProduct.gemm(gradient.scalars, 0, input.scalars, 0, transposeLeft: true, into: &values, 0,
                                   rows: columns, inner: rows, columns: inner)
                weightGradient = .untracked(shape: weight.shape, values)
            }
            return [inputGradient, weightGradient]
        } differentiableBackward: { gradient, inputs, _ in
            Tensor.gradientsThroughFormula(gradient, inputs) { inputs in matmul(inputs[0], inputs[1].transposed()) }
        }
    }
}
