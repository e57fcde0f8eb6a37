// The geometry shared by convolution and pooling: a kernel window sliding over an image.
//
// The image is implicitly padded with `padding` rows and columns on each side. The window starts at
// the top-left corner of the padded image and moves by `stride`; it only stops where it fits
// entirely, so the output has `(size + 2·padding − kernel) / stride + 1` positions along each axis
// (rounded down, PyTorch's default `ceil_mode=False`).

/// Where a kernel window sits on a `[height, width]` image, for every output position.
struct SlidingWindow {
    let height: Int
    let width: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let strideY: Int
    let strideX: Int
    let paddingY: Int
    let paddingX: Int
    let outputHeight: Int
    let outputWidth: Int

    /// Checks the sizes and computes the output size, stopping with a message that names
    /// `operation` and the input shape when the window does not fit.
    init(
        operation: String, inputShape: [Int], kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int)
    ) {
        let (height, width) = (inputShape[inputShape.count - 2], inputShape[inputShape.count - 1])
        checkPrecondition(
            kernel.0 >= 1 && kernel.1 >= 1 && stride.0 >= 1 && stride.1 >= 1 && padding.0 >= 0 && padding.1 >= 0,
            "\(operation) needs a kernel and a stride of at least 1 and a padding of at least 0, but got kernel \(kernel), stride \(stride), padding \(padding)."
        )
        checkPrecondition(
            kernel.0 <= height + 2 * padding.0 && kernel.1 <= width + 2 * padding.1,
            "\(operation) needs a kernel no larger than the padded input: kernel \(kernel), input \(inputShape) padded by \(padding) is [\(height + 2 * padding.0), \(width + 2 * padding.1)]."
        )
        self.height = height
        self.width = width
        (kernelHeight, kernelWidth) = kernel
        (strideY, strideX) = stride
        (paddingY, paddingX) = padding
        outputHeight = (height + 2 * padding.0 - kernel.0) / stride.0 + 1
        outputWidth = (width + 2 * padding.1 - kernel.1) / stride.1 + 1
    }

    /// The number of elements in one input image.
    var inputArea: Int { height * width }

    /// The number of elements in one output image.
    var outputArea: Int { outputHeight * outputWidth }

    /// The number of elements in one kernel window.
    var kernelArea: Int { kernelHeight * kernelWidth }

    /// Copies every kernel window of `channels` images (starting at `inputStart`) into the columns
    /// of a `[channels · kH · kW, outputArea]` matrix (im2col): row `(c, i, j)`, column `(y, x)` holds
    /// `input[c, y·strideY − paddingY + i, x·strideX − paddingX + j]`, or 0 in the padding.
    func imageToColumns(
        _ input: UnsafeBufferPointer<Double>, from inputStart: Int, channels: Int,
        into columns: UnsafeMutableBufferPointer<Double>
    ) {
        for channel in 0..<channels {
            let plane = inputStart + channel * inputArea
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let row = ((channel * kernelHeight + i) * kernelWidth + j) * outputArea
                    for y in 0..<outputHeight {
                        let target = row + y * outputWidth
                        let sourceY = y * strideY - paddingY + i
                        guard sourceY >= 0, sourceY < height else {
                            for x in 0..<outputWidth { columns[target + x] = 0 }
                            continue
                        }
                        let source = plane + sourceY * width
                        for x in 0..<outputWidth {
                            let sourceX = x * strideX - paddingX + j
                            columns[target + x] = sourceX >= 0 && sourceX < width ? input[source + sourceX] : 0
                        }
                    }
                }
            }
        }
    }

    /// The reverse of ``imageToColumns(_:from:channels:into:)`` for gradients (col2im): adds each entry
    /// of the columns matrix to the input position it was copied from; padding entries are dropped.
    func addColumnsToImage(
        _ columns: UnsafeBufferPointer<Double>, channels: Int,
        into input: UnsafeMutableBufferPointer<Double>, from inputStart: Int
    ) {
        for channel in 0..<channels {
            let plane = inputStart + channel * inputArea
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let row = ((channel * kernelHeight + i) * kernelWidth + j) * outputArea
                    for y in 0..<outputHeight {
                        let sourceY = y * strideY - paddingY + i
                        guard sourceY >= 0, sourceY < height else { continue }
                        let target = plane + sourceY * width
                        let source = row + y * outputWidth
                        for x in 0..<outputWidth {
                            let sourceX = x * strideX - paddingX + j
                            if sourceX >= 0 && sourceX < width {
                                input[target + sourceX] += columns[source + x]
                            }
                        }
                    }
                }
            }
        }
    }
}
