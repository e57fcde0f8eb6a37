// The product of a linear layer, `x·Wᵀ`, without transposing W.
//
// `matmul(x, weight.transposed())` copies the [outputs, inputs] weight into a transposed array on
// every forward pass and copies its gradient back on every backward pass; in a small MLP's
// training step those two copies cost an eighth of the time. BLAS reads a matrix transposed in
// place, so here the weight is passed as it is stored and each direction is one product.

extension Linear {
    /// `input · weightᵀ` for `input` of shape [N, inputs]: shape [N, outputs], with gradients
    /// `g · W` for the input and `gᵀ · input` for the weight.
    static func productWithTransposedWeight(_ input: Tensor, _ weight: Tensor) -> Tensor {
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
