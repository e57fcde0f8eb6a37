// The kernel windows of a batch of images as matrix columns (im2col), and back (col2im), as
// recorded operations.
//
// A convolution is a matrix product of its weights with these columns. Its fast gradient rule
// works on raw arrays; when a differentiable gradient is wanted, the rule is written with these
// two operations and `matmul` instead. Each of the two is linear and is the other's gradient.

extension Tensor {
    /// Every kernel window of the images `[N, C, H, W]`, one column per output position:
    /// a tensor `[N, C·kH·kW, outH·outW]` whose row `(c, i, j)`, column `(y, x)` holds
    /// `image[c, y·strideY − paddingY + i, x·strideX − paddingX + j]` (0 in the padding).
    func imageColumns(_ window: SlidingWindow) -> Tensor {
        let (batchSize, channels) = (shape[0], shape[1])
        let columnRows = channels * window.kernelArea
        let block = columnRows * window.outputArea
        var values = [Double](repeating: 0, count: batchSize * block)
        scalars.withUnsafeBufferPointer { images in
            values.withUnsafeMutableBufferPointer { output in
                for sample in 0..<batchSize {
                    let columns = UnsafeMutableBufferPointer(rebasing: output[(sample * block)..<((sample + 1) * block)])
                    window.imageToColumns(images, from: sample * channels * window.inputArea, channels: channels, into: columns)
                }
            }
        }
        let imageShape = shape
        return Tensor.result(
            of: "image to columns", shape: [batchSize, columnRows, window.outputArea], scalars: values, inputs: [self]
        ) { gradient, _ in
            [gradient.columnsToImages(window, shape: imageShape)]
        }
    }

    /// The reverse of ``imageColumns(_:)``: adds each entry of columns `[N, C·kH·kW, outH·outW]`
    /// to the image position it was read from, giving images of shape `imageShape` `[N, C, H, W]`.
    func columnsToImages(_ window: SlidingWindow, shape imageShape: [Int]) -> Tensor {
        let (batchSize, channels) = (imageShape[0], imageShape[1])
        let block = channels * window.kernelArea * window.outputArea
        var values = [Double](repeating: 0, count: imageShape.reduce(1, *))
        scalars.withUnsafeBufferPointer { columns in
            values.withUnsafeMutableBufferPointer { images in
                for sample in 0..<batchSize {
                    let sampleColumns = UnsafeBufferPointer(rebasing: columns[(sample * block)..<((sample + 1) * block)])
                    window.addColumnsToImage(sampleColumns, channels: channels, into: images, from: sample * channels * window.inputArea)
                }
            }
        }
        return Tensor.result(of: "columns to image", shape: imageShape, scalars: values, inputs: [self]) { gradient, _ in
            [gradient.imageColumns(window)]
        }
    }
}
