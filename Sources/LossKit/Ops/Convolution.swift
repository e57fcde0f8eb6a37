// Two-dimensional convolution as one matrix product per image (im2col + GEMM).
//
// Every kernel window of an image is copied into one column of a matrix (im2col), so that the
// convolution becomes `weight [O, C·kH·kW] × columns [C·kH·kW, outH·outW]`, computed by cblas_dgemm.
// Backward: the weight gradient is `gradient × columnsᵀ`, the input gradient is `weightᵀ × gradient`
// added back to the image positions (col2im), and the bias gradient is the sum of the gradient.

/// Slides `weight` over `input` and sums the products (a 2-D convolution, as in deep learning:
/// strictly a cross-correlation, the kernel is not flipped).
///
/// `out[n, o, y, x] = bias[o] + Σ_c Σ_i Σ_j input[n, c, y·stride − padding + i, x·stride − padding + j] · weight[o, c, i, j]`,
/// with zeros outside the input. The output has `(H + 2·padding − kH) / stride + 1` rows (rounded
/// down), and likewise columns.
///
/// PyTorch: `F.conv2d(input, weight, bias, stride=stride, padding=padding)`.
///
/// - Parameters:
///   - input: Images of shape `[N, C, H, W]`, or one image `[C, H, W]`.
///   - weight: Kernels of shape `[O, C, kH, kW]`: O output channels, each seeing all C input channels.
///   - bias: One value per output channel, shape `[O]`, or `nil` for none.
///   - stride: How far the window moves, at least 1.
///   - padding: How many rows and columns of zeros surround the input, at least 0.
/// - Returns: A tensor of shape `[N, O, outH, outW]` (or `[O, outH, outW]` for one image).
public func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
    conv2d(input, weight: weight, bias: bias, stride: (stride, stride), padding: (padding, padding))
}

/// A 2-D convolution with a different stride and padding for rows and columns.
///
/// The same as the convolution with one `Int` stride and padding, but with `stride: (strideY, strideX)`
/// and `padding: (paddingY, paddingX)`; the output has `(H + 2·paddingY − kH) / strideY + 1` rows
/// and `(W + 2·paddingX − kW) / strideX + 1` columns.
///
/// PyTorch: `F.conv2d(input, weight, bias, stride=(sy, sx), padding=(py, px))`.
///
/// - Parameters:
///   - input: Images of shape `[N, C, H, W]`, or one image `[C, H, W]`.
///   - weight: Kernels of shape `[O, C, kH, kW]`.
///   - bias: One value per output channel, shape `[O]`, or `nil`.
///   - stride: The steps `(rows, columns)`, each at least 1.
///   - padding: The zero padding `(rows, columns)`, each at least 0.
/// - Returns: A tensor of shape `[N, O, outH, outW]` (or `[O, outH, outW]` for one image).
public func conv2d(
    _ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int), padding: (Int, Int)
) -> Tensor {
    checkPrecondition(
        (input.rank == 4 || input.rank == 3) && weight.rank == 4,
        "conv2d needs input [N, C, H, W] (or [C, H, W]) and weight [O, C, kH, kW]: input \(input.shape), weight \(weight.shape)."
    )
    if input.rank == 3 {
        let output = conv2d(input.reshaped(to: [1] + input.shape), weight: weight, bias: bias, stride: stride, padding: padding)
        return output.reshaped(to: Array(output.shape.dropFirst()))
    }
    let (batchSize, channels) = (input.shape[0], input.shape[1])
    let outputChannels = weight.shape[0]
    checkPrecondition(
        weight.shape[1] == channels,
        "conv2d needs input [N, C, H, W] and weight [O, C, kH, kW] with the same C: input \(input.shape), weight \(weight.shape)."
    )
    if let bias {
        checkPrecondition(
            bias.shape == [outputChannels],
            "conv2d needs bias [O] with one value per output channel: weight \(weight.shape), bias \(bias.shape)."
        )
    }
    let window = SlidingWindow(
        operation: "conv2d", inputShape: input.shape, kernel: (weight.shape[2], weight.shape[3]),
        stride: stride, padding: padding
    )
    let columnRows = channels * window.kernelArea
    let outputPlane = outputChannels * window.outputArea
    let weightValues = weight.scalars
    var values = Array(repeating: 0.0, count: batchSize * outputPlane)
    var columns = Array(repeating: 0.0, count: columnRows * window.outputArea)
    input.scalars.withUnsafeBufferPointer { images in
        for sample in 0..<batchSize {
            columns.withUnsafeMutableBufferPointer { buffer in
                window.imageToColumns(images, from: sample * channels * window.inputArea, channels: channels, into: buffer)
            }
            MatrixProduct.gemm(weightValues, 0, columns, 0, into: &values, sample * outputPlane,
                               rows: outputChannels, inner: columnRows, columns: window.outputArea)
        }
    }
    if let biasValues = bias?.scalars {
        values.withUnsafeMutableBufferPointer { output in
            for plane in 0..<(batchSize * outputChannels) {
                let value = biasValues[plane % outputChannels]
                for position in (plane * window.outputArea)..<((plane + 1) * window.outputArea) {
                    output[position] += value
                }
            }
        }
    }
    let shape = [batchSize, outputChannels, window.outputHeight, window.outputWidth]
    let inputs = [input, weight] + (bias.map { [$0] } ?? [])
    return Tensor.result(of: "conv2d", shape: shape, scalars: values, inputs: inputs) { gradient, inputs in
        let (input, weight) = (inputs[0], inputs[1])
        let (incoming, kernels) = (gradient.scalars, weight.scalars)
        var inputGradient = input.requiresGrad ? Array(repeating: 0.0, count: input.count) : []
        var weightGradient = weight.requiresGrad ? Array(repeating: 0.0, count: weight.count) : []
        var columns = Array(repeating: 0.0, count: columnRows * window.outputArea)
        input.scalars.withUnsafeBufferPointer { images in
            for sample in 0..<batchSize {
                if weight.requiresGrad {
                    columns.withUnsafeMutableBufferPointer { buffer in
                        window.imageToColumns(images, from: sample * channels * window.inputArea, channels: channels, into: buffer)
                    }
                    MatrixProduct.gemm(incoming, sample * outputPlane, columns, 0, transposeRight: true, into: &weightGradient, 0,
                                       rows: outputChannels, inner: window.outputArea, columns: columnRows)
                }
                if input.requiresGrad {
                    columns.withUnsafeMutableBufferPointer { buffer in buffer.update(repeating: 0) }
                    MatrixProduct.gemm(kernels, 0, incoming, sample * outputPlane, transposeLeft: true, into: &columns, 0,
                                       rows: columnRows, inner: outputChannels, columns: window.outputArea)
                    columns.withUnsafeBufferPointer { buffer in
                        inputGradient.withUnsafeMutableBufferPointer { output in
                            window.addColumnsToImage(buffer, channels: channels, into: output, from: sample * channels * window.inputArea)
                        }
                    }
                }
            }
        }
        var gradients: [Tensor?] = [
            input.requiresGrad ? .untracked(shape: input.shape, inputGradient) : nil,
            weight.requiresGrad ? .untracked(shape: weight.shape, weightGradient) : nil,
        ]
        if inputs.count == 3 {
            gradients.append(inputs[2].requiresGrad ? .untracked(shape: [outputChannels], channelSums(incoming, channels: outputChannels, area: window.outputArea)) : nil)
        }
        return gradients
    } differentiableBackward: { gradient, inputs, _ in
        // The same rule with recorded operations: the output is weight [O, C·kH·kW] × columns.
        let (input, weight) = (inputs[0], inputs[1])
        let outgoing = gradient.reshaped(to: [batchSize, outputChannels, window.outputArea])
        var gradients: [Tensor?] = [nil, nil]
        if input.requiresGrad {
            let kernels = weight.reshaped(to: [outputChannels, columnRows])
            gradients[0] = matmul(kernels.transposed(), outgoing).columnsToImages(window, shape: input.shape)
        }
        if weight.requiresGrad {
            let columns = input.imageColumns(window)
            gradients[1] = matmul(outgoing, columns.transposed(1, 2)).sum(dim: 0).reshaped(to: weight.shape)
        }
        if inputs.count == 3 {
            gradients.append(inputs[2].requiresGrad ? gradient.sum(dims: [0, 2, 3]) : nil)
        }
        return gradients
    }
}

/// Sums a `[N, channels, area]` array over N and area, giving one total per channel.
func channelSums(_ values: [Double], channels: Int, area: Int) -> [Double] {
    var sums = Array(repeating: 0.0, count: channels)
    values.withUnsafeBufferPointer { buffer in
        for plane in 0..<(area == 0 ? 0 : buffer.count / area) {
            var total = 0.0
            for position in (plane * area)..<((plane + 1) * area) {
                total += buffer[position]
            }
            sums[plane % channels] += total
        }
    }
    return sums
}
