// Pooling: summarizing each window of an image by its largest value or its average.
//
// Each channel of each image is pooled on its own. Padding adds rows and columns that never win a
// max and count as zeros in an average (PyTorch's `count_include_pad=True`).

/// The largest value in each `kernelSize × kernelSize` window.
///
/// `out[…, y, x] = max over the window at (y·stride − padding, x·stride − padding)`. The gradient
/// goes to the position that won; when several positions tie for the maximum, to the first of
/// them in row-major order, as PyTorch does.
///
/// PyTorch: `F.max_pool2d(x, kernel_size, stride, padding)`.
///
/// - Parameters:
///   - input: Images `[N, C, H, W]` or `[C, H, W]`.
///   - kernelSize: The side of the square window, at least 1.
///   - stride: How far the window moves; `nil` (the default) means `kernelSize`, so windows do not overlap.
///   - padding: Rows and columns of implicit −∞ on each side, at most `kernelSize / 2`.
/// - Returns: A tensor `[…, outH, outW]` with `outH = (H + 2·padding − kernelSize) / stride + 1`
///   (rounded down), and likewise `outW`.
public func maxPool2d(_ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    let window = poolingWindow("maxPool2d", input, kernelSize: kernelSize, stride: stride, padding: padding)
    let planes = input.count / max(window.inputArea, 1)
    var winners = Array(repeating: 0, count: planes * window.outputArea)
    var values = Array(repeating: 0.0, count: winners.count)
    input.scalars.withUnsafeBufferPointer { image in
        values.withUnsafeMutableBufferPointer { output in
            winners.withUnsafeMutableBufferPointer { winnerOutput in
                var target = 0
                for plane in 0..<planes {
                    let planeStart = plane * window.inputArea
                    for y in 0..<window.outputHeight {
                        let top = y * window.strideY - window.paddingY
                        let rows = max(top, 0)..<min(top + window.kernelHeight, window.height)
                        for x in 0..<window.outputWidth {
                            let left = x * window.strideX - window.paddingX
                            let columns = max(left, 0)..<min(left + window.kernelWidth, window.width)
                            // Like PyTorch: start from the first position, replace only on a strictly
                            // larger value (or NaN, which propagates).
                            var best = -Double.infinity
                            var winner = planeStart + rows.lowerBound * window.width + columns.lowerBound
                            for row in rows {
                                for column in columns {
                                    let position = planeStart + row * window.width + column
                                    let value = image[position]
                                    if value > best || value.isNaN {
                                        best = value
                                        winner = position
                                    }
                                }
                            }
                            output[target] = image[winner]
                            winnerOutput[target] = winner
                            target += 1
                        }
                    }
                }
            }
        }
    }
    let winnerPositions = winners
    return Tensor.result(of: "maxPool2d", shape: window.outputShape(of: input), scalars: values, inputs: [input]) { gradient, inputs in
        [gradient.scatterAdded(at: winnerPositions, into: inputs[0].shape)]
    }
}

/// The average of each `kernelSize × kernelSize` window.
///
/// Every window is divided by `kernelSize²`, including padding positions, which count as zeros
/// (PyTorch's default `count_include_pad=True`). Each input position receives the gradient of
/// every window that covers it, divided by `kernelSize²`.
///
/// PyTorch: `F.avg_pool2d(x, kernel_size, stride, padding)`.
///
/// - Parameters:
///   - input: Images `[N, C, H, W]` or `[C, H, W]`.
///   - kernelSize: The side of the square window, at least 1.
///   - stride: How far the window moves; `nil` (the default) means `kernelSize`.
///   - padding: Rows and columns of zeros on each side, at most `kernelSize / 2`.
/// - Returns: A tensor `[…, outH, outW]` with `outH = (H + 2·padding − kernelSize) / stride + 1`
///   (rounded down), and likewise `outW`.
public func avgPool2d(_ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    let window = poolingWindow("avgPool2d", input, kernelSize: kernelSize, stride: stride, padding: padding)
    return input.windowAverages(window, shape: window.outputShape(of: input))
}

extension Tensor {
    /// Average pooling over `window` as a recorded operation, giving `resultShape`; its gradient
    /// spreads each window's gradient over the window (``spreadOverWindows(_:shape:)``).
    fileprivate func windowAverages(_ window: SlidingWindow, shape resultShape: [Int]) -> Tensor {
        let planes = count / Swift.max(window.inputArea, 1)
        var values = Array(repeating: 0.0, count: planes * window.outputArea)
        scalars.withUnsafeBufferPointer { image in
            values.withUnsafeMutableBufferPointer { output in
                window.addWindowAverages(of: image, into: output, planes: planes, backward: false)
            }
        }
        let imageShape = shape
        return Tensor.result(of: "avgPool2d", shape: resultShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.spreadOverWindows(window, shape: imageShape)]
        }
    }

    /// The gradient of average pooling as a recorded operation: each window's value divided by
    /// the window's area and added to every position of the window, giving images of
    /// `imageShape`. Its own gradient is average pooling again.
    fileprivate func spreadOverWindows(_ window: SlidingWindow, shape imageShape: [Int]) -> Tensor {
        let planes = imageShape.reduce(1, *) / Swift.max(window.inputArea, 1)
        var values = Array(repeating: 0.0, count: imageShape.reduce(1, *))
        scalars.withUnsafeBufferPointer { incoming in
            values.withUnsafeMutableBufferPointer { output in
                window.addWindowAverages(of: incoming, into: output, planes: planes, backward: true)
            }
        }
        let pooledShape = shape
        return Tensor.result(of: "avgPool2d gradient", shape: imageShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.windowAverages(window, shape: pooledShape)]
        }
    }
}

/// Checks a pooling call and describes its window, stopping with a message naming `operation`.
private func poolingWindow(_ operation: String, _ input: Tensor, kernelSize: Int, stride: Int?, padding: Int) -> SlidingWindow {
    checkPrecondition(
        input.rank == 3 || input.rank == 4,
        "\(operation) needs input [N, C, H, W] or [C, H, W], but got shape \(input.shape)."
    )
    checkPrecondition(
        padding >= 0 && padding <= kernelSize / 2,
        "\(operation) needs padding between 0 and half the kernel size, but got padding \(padding) with kernelSize \(kernelSize)."
    )
    let step = stride ?? kernelSize
    return SlidingWindow(
        operation: operation, inputShape: input.shape, kernel: (kernelSize, kernelSize),
        stride: (step, step), padding: (padding, padding)
    )
}

extension SlidingWindow {
    /// The shape of the pooled `input`: its leading dimensions, then `[outputHeight, outputWidth]`.
    func outputShape(of input: Tensor) -> [Int] {
        Array(input.shape.dropLast(2)) + [outputHeight, outputWidth]
    }

    /// Average pooling of `planes` images: adds `input[position] / kernelArea` to `output[window]` for
    /// every input position inside every window (padding is skipped but counts in the divisor).
    /// With `backward`, the roles swap: each window's gradient is spread over its positions.
    func addWindowAverages(
        of input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
        planes: Int, backward: Bool
    ) {
        let scale = 1 / Double(kernelArea)
        var window = 0
        for plane in 0..<planes {
            let planeStart = plane * inputArea
            for y in 0..<outputHeight {
                let top = y * strideY - paddingY
                let rows = max(top, 0)..<min(top + kernelHeight, height)
                for x in 0..<outputWidth {
                    let left = x * strideX - paddingX
                    let columns = max(left, 0)..<min(left + kernelWidth, width)
                    for row in rows {
                        let rowStart = planeStart + row * width
                        for column in columns {
                            if backward {
                                output[rowStart + column] += input[window] * scale
                            } else {
                                output[window] += input[rowStart + column] * scale
                            }
                        }
                    }
                    window += 1
                }
            }
        }
    }
}
