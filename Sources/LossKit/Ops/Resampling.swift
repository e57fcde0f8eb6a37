// Changing the resolution of images: repeating pixels (nearest), blending neighbours (bilinear),
// or averaging blocks (downsampling).
//
// The conventions are those of PyTorch's `F.interpolate` with `scale_factor`, so results match it.

/// Enlarges images by repeating each pixel in a `scale × scale` block.
///
/// `out[n, c, y, x] = input[n, c, y / scale, x / scale]` (integer division), which is what
/// PyTorch's `mode="nearest"` gives for a whole-number scale factor. The gradient of each input
/// pixel is the sum of the gradients of its block.
///
/// PyTorch: `F.interpolate(x, scale_factor=scale, mode="nearest")`.
///
/// - Parameters:
///   - input: Images of shape `[N, C, H, W]`.
///   - scale: The whole-number enlargement factor, at least 1.
/// - Returns: A tensor of shape `[N, C, H·scale, W·scale]`.
public func upsampleNearest(_ input: Tensor, scale: Int = 2) -> Tensor {
    checkResampling("upsampleNearest", input, scale: scale)
    return input.nearestUpsampled(scale: scale)
}

extension Tensor {
    /// ``upsampleNearest(_:scale:)`` on checked images `[N, C, H, W]`, as a recorded operation whose
    /// gradient adds up each block (``nearestBlockSums(scale:)``).
    fileprivate func nearestUpsampled(scale: Int) -> Tensor {
        let (height, width) = (shape[2], shape[3])
        let (outputHeight, outputWidth) = (height * scale, width * scale)
        let planes = shape[0] * shape[1]
        let outputCount = planes * outputHeight * outputWidth
        let values = scalars.withUnsafeBufferPointer { image in
            [Double](unsafeUninitializedCapacity: outputCount) { output, initialized in
                var target = 0
                for plane in 0..<planes {
                    for y in 0..<outputHeight {
                        let sourceRow = (plane * height + y / scale) * width
                        for x in 0..<outputWidth {
                            output[target] = image[sourceRow + x / scale]
                            target += 1
                        }
                    }
                }
                initialized = outputCount
            }
        }
        let resultShape = [shape[0], shape[1], outputHeight, outputWidth]
        return Tensor.result(of: "upsampleNearest", shape: resultShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.nearestBlockSums(scale: scale)]
        }
    }

    /// The gradient of nearest upsampling as a recorded operation: the sum of every
    /// `scale × scale` block of images `[N, C, H·scale, W·scale]`, giving `[N, C, H, W]`. Its own
    /// gradient is nearest upsampling again.
    fileprivate func nearestBlockSums(scale: Int) -> Tensor {
        let (outputHeight, outputWidth) = (shape[2], shape[3])
        let (height, width) = (outputHeight / scale, outputWidth / scale)
        let planes = shape[0] * shape[1]
        var values = Array(repeating: 0.0, count: planes * height * width)
        scalars.withUnsafeBufferPointer { incoming in
            values.withUnsafeMutableBufferPointer { output in
                var source = 0
                for plane in 0..<planes {
                    for y in 0..<outputHeight {
                        let targetRow = (plane * height + y / scale) * width
                        for x in 0..<outputWidth {
                            output[targetRow + x / scale] += incoming[source]
                            source += 1
                        }
                    }
                }
            }
        }
        let resultShape = [shape[0], shape[1], height, width]
        return Tensor.result(of: "upsampleNearest gradient", shape: resultShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.nearestUpsampled(scale: scale)]
        }
    }
}

/// Enlarges images by bilinear interpolation between the four nearest pixels.
///
/// With `alignCorners: false` (PyTorch's default), output pixel `y` samples the input at
/// `max(0, (y + 0.5) / scale − 0.5)`, treating pixels as squares whose centres are interpolated;
/// with `alignCorners: true` it samples at `y · (H − 1) / (H·scale − 1)`, so the corner pixels
/// line up exactly. Positions past the last pixel repeat it. Columns work the same way.
///
/// PyTorch: `F.interpolate(x, scale_factor=scale, mode="bilinear", align_corners=alignCorners)`.
///
/// - Parameters:
///   - input: Images of shape `[N, C, H, W]`.
///   - scale: The whole-number enlargement factor, at least 1.
///   - alignCorners: Whether the corner pixels of input and output are aligned (see above).
/// - Returns: A tensor of shape `[N, C, H·scale, W·scale]`.
public func upsampleBilinear(_ input: Tensor, scale: Int = 2, alignCorners: Bool = false) -> Tensor {
    checkResampling("upsampleBilinear", input, scale: scale)
    let rows = InterpolationAxis(inputSize: input.shape[2], scale: scale, alignCorners: alignCorners)
    let columns = InterpolationAxis(inputSize: input.shape[3], scale: scale, alignCorners: alignCorners)
    return input.bilinearResampled(rows: rows, columns: columns)
}

extension Tensor {
    /// Bilinear interpolation of images `[N, C, H, W]` along `rows` and `columns`, as a recorded
    /// operation whose gradient spreads each output pixel's gradient back over the four pixels it
    /// blended (``bilinearSpread(rows:columns:)``).
    fileprivate func bilinearResampled(rows: InterpolationAxis, columns: InterpolationAxis) -> Tensor {
        let (height, width) = (shape[2], shape[3])
        let planes = shape[0] * shape[1]
        let outputCount = planes * rows.count * columns.count
        let values = scalars.withUnsafeBufferPointer { image in
            [Double](unsafeUninitializedCapacity: outputCount) { output, initialized in
                var target = 0
                for plane in 0..<planes {
                    for y in 0..<rows.count {
                        let top = (plane * height + rows.lower[y]) * width
                        let bottom = (plane * height + rows.upper[y]) * width
                        let down = rows.weight[y]
                        for x in 0..<columns.count {
                            let (left, right, across) = (columns.lower[x], columns.upper[x], columns.weight[x])
                            let upperValue = (1 - across) * image[top + left] + across * image[top + right]
                            let lowerValue = (1 - across) * image[bottom + left] + across * image[bottom + right]
                            output[target] = (1 - down) * upperValue + down * lowerValue
                            target += 1
                        }
                    }
                }
                initialized = outputCount
            }
        }
        let imageShape = shape
        let resultShape = [shape[0], shape[1], rows.count, columns.count]
        return Tensor.result(of: "upsampleBilinear", shape: resultShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.bilinearSpread(rows: rows, columns: columns, into: imageShape)]
        }
    }

    /// The gradient of bilinear interpolation as a recorded operation: each pixel of this
    /// `[N, C, outH, outW]` gradient is added to the four input pixels it blended, with the same
    /// weights, giving images of `imageShape`. Its own gradient is the interpolation again.
    fileprivate func bilinearSpread(rows: InterpolationAxis, columns: InterpolationAxis, into imageShape: [Int]) -> Tensor {
        let (height, width) = (imageShape[2], imageShape[3])
        let planes = imageShape[0] * imageShape[1]
        var values = Array(repeating: 0.0, count: imageShape.reduce(1, *))
        scalars.withUnsafeBufferPointer { incoming in
            values.withUnsafeMutableBufferPointer { output in
                var source = 0
                for plane in 0..<planes {
                    for y in 0..<rows.count {
                        let top = (plane * height + rows.lower[y]) * width
                        let bottom = (plane * height + rows.upper[y]) * width
                        let down = rows.weight[y]
                        for x in 0..<columns.count {
                            let (left, right, across) = (columns.lower[x], columns.upper[x], columns.weight[x])
                            let value = incoming[source]
                            source += 1
                            output[top + left] += (1 - down) * (1 - across) * value
                            output[top + right] += (1 - down) * across * value
                            output[bottom + left] += down * (1 - across) * value
                            output[bottom + right] += down * across * value
                        }
                    }
                }
            }
        }
        return Tensor.result(of: "upsampleBilinear gradient", shape: imageShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.bilinearResampled(rows: rows, columns: columns)]
        }
    }
}

/// Shrinks images by averaging each `factor × factor` block: the same as
/// `avgPool2d(input, kernelSize: factor, stride: factor)`.
///
/// When H or W is not a multiple of `factor`, the last rows or columns that do not fill a block
/// are dropped, as in PyTorch.
///
/// PyTorch: `F.avg_pool2d(x, factor)`, which equals `F.interpolate(x, scale_factor=1/factor, mode="area")`
/// when the sizes are multiples of `factor`.
///
/// - Parameters:
///   - input: Images of shape `[N, C, H, W]` (or `[C, H, W]`).
///   - factor: The whole-number shrinking factor, at least 1.
/// - Returns: A tensor of shape `[N, C, H / factor, W / factor]` (rounded down).
public func downsampleAverage(_ input: Tensor, factor: Int = 2) -> Tensor {
    avgPool2d(input, kernelSize: factor, stride: factor)
}

/// Stops with a message unless `input` is `[N, C, H, W]` and `scale` is at least 1.
private func checkResampling(_ operation: String, _ input: Tensor, scale: Int) {
    checkPrecondition(
        input.rank == 4 && scale >= 1,
        "\(operation) needs images [N, C, H, W] and a scale of at least 1, but got shape \(input.shape) and scale \(scale)."
    )
}

/// For each output position along one axis of a bilinear enlargement, the two input positions
/// it blends and the weight of the second: `value = (1 − weight) · input[lower] + weight · input[upper]`.
fileprivate struct InterpolationAxis {
    var lower: [Int] = []
    var upper: [Int] = []
    var weight: [Double] = []

    /// The number of output positions.
    var count: Int { lower.count }

    /// Computes the positions as PyTorch's `upsample_bilinear2d` does (`area_pixel_compute_source_index`).
    init(inputSize: Int, scale: Int, alignCorners: Bool) {
        let outputSize = inputSize * scale
        let step = alignCorners
            ? (outputSize > 1 ? Double(inputSize - 1) / Double(outputSize - 1) : 0)
            : 1 / Double(scale)
        for position in 0..<outputSize {
            let source = alignCorners
                ? step * Double(position)
                : max(step * (Double(position) + 0.5) - 0.5, 0)
            let below = min(Int(source), inputSize - 1)
            lower.append(below)
            upper.append(below < inputSize - 1 ? below + 1 : below)
            weight.append(source - Double(below))
        }
    }
}
