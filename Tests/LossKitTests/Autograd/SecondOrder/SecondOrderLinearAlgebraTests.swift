// Gradients of gradients of matrix products, convolution, pooling, resampling, softmax,
// normalization and distances, against finite differences of the first-order gradient.

import LossKit
import Testing

@Suite("Second order: matmul and convolution")
struct SecondOrderProductTests {
    @Test("matmul of matrices, batches that broadcast, and vectors on either side")
    func matrixProducts() {
        SecondOrderCheck.expectMatch(shapes: [[2, 3], [3, 2]]) { x in tanh(matmul(x[0], x[1])) }
        SecondOrderCheck.expectMatch(shapes: [[2, 1, 2, 3], [2, 3, 2]]) { x in sigmoid(matmul(x[0], x[1])) }
        SecondOrderCheck.expectMatch(shapes: [[3], [3, 2]]) { x in exp(matmul(x[0], x[1])) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3], [3]]) { x in exp(matmul(x[0], x[1])) }
        SecondOrderCheck.expectMatch(shapes: [[3], [3]]) { x in matmul(x[0], x[1]) * matmul(x[0], x[0]) }
    }

    @Test("conv2d with and without bias, stride and padding, one image or a batch")
    func convolution() {
        SecondOrderCheck.expectMatch(shapes: [[2, 2, 4, 4], [3, 2, 3, 3], [3]]) { x in
            tanh(conv2d(x[0], weight: x[1], bias: x[2], stride: 1, padding: 1))
        }
        SecondOrderCheck.expectMatch(shapes: [[1, 5, 4], [2, 1, 2, 3]]) { x in
            let output = conv2d(x[0], weight: x[1], stride: (2, 1), padding: (1, 0))
            return output * output
        }
    }
}

@Suite("Second order: pooling and resampling")
struct SecondOrderPoolingTests {
    @Test("maxPool2d and avgPool2d, with overlap and padding")
    func pooling() {
        SecondOrderCheck.expectMatch(shapes: [[1, 2, 4, 4]]) { x in
            let pooled = maxPool2d(x[0], kernelSize: 2, stride: 1)
            return pooled * pooled * pooled
        }
        SecondOrderCheck.expectMatch(shapes: [[2, 1, 4, 5]]) { x in exp(avgPool2d(x[0], kernelSize: 3, stride: 2, padding: 1)) }
        SecondOrderCheck.expectMatch(shapes: [[1, 1, 4, 4]]) { x in tanh(downsampleAverage(x[0] * x[0], factor: 2)) }
    }

    @Test("nearest and bilinear upsampling, corners aligned or not")
    func upsampling() {
        SecondOrderCheck.expectMatch(shapes: [[1, 2, 2, 3]]) { x in sigmoid(upsampleNearest(x[0], scale: 2)) }
        SecondOrderCheck.expectMatch(shapes: [[1, 1, 3, 2]]) { x in exp(upsampleBilinear(x[0], scale: 2)) }
        SecondOrderCheck.expectMatch(shapes: [[1, 1, 2, 3]]) { x in tanh(upsampleBilinear(x[0], scale: 3, alignCorners: true)) }
    }
}

@Suite("Second order: softmax family, normalization and distances")
struct SecondOrderSoftmaxAndDistanceTests {
    @Test("softmax, logSoftmax and logSumExp along any dimension")
    func softmaxFamily() {
        SecondOrderCheck.expectMatch(shapes: [[2, 4]]) { x in softmax(x[0], dim: 1) }
        SecondOrderCheck.expectMatch(shapes: [[3, 2, 2]]) { x in softmax(x[0] * 2, dim: 0) * x[0] }
        SecondOrderCheck.expectMatch(shapes: [[2, 4]]) { x in logSoftmax(x[0], dim: -1) * x[0] }
        SecondOrderCheck.expectMatch(shapes: [[2, 3, 2]]) { x in logSumExp(x[0], dim: 1) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3]]) { x in logSumExp(x[0] * x[0], dim: 0, keepDims: true) * x[0] }
    }

    @Test("normalized with p = 2, 1 and 3")
    func normalization() {
        for p in [2.0, 1.0, 3.0] {
            SecondOrderCheck.expectMatch(shapes: [[3, 4]]) { x in x[0].normalized(dim: 1, p: p) * x[0] }
        }
        SecondOrderCheck.expectMatch(shapes: [[3, 2, 2]]) { x in tanh(x[0].normalized(dim: 0)) }
    }

    @Test("cdist for p = 2, 1 and 3, with batches, and the product form for more than 25 rows")
    func cdistDistances() {
        for p in [2.0, 1.0, 3.0] {
            SecondOrderCheck.expectMatch(shapes: [[3, 2], [4, 2]]) { x in cdist(x[0], x[1], p: p) * cdist(x[0], x[1], p: p) }
        }
        SecondOrderCheck.expectMatch(shapes: [[2, 2, 3], [3, 3]]) { x in exp(-cdist(x[0], x[1])) }
        // The product form: 26 rows against 2, and a set against itself (zero diagonal, no gradient there).
        SecondOrderCheck.expectMatch(shapes: [[26, 2], [2, 2]]) { x in tanh(cdist(x[0], x[1])) }
        SecondOrderCheck.expectMatch(shapes: [[26, 2]]) { x in sigmoid(cdist(x[0], x[0])) }
        SecondOrderCheck.expectMatch(shapes: [[3, 2]]) { x in cdist(x[0], x[0], p: 3) * x[0].sum() }
    }

    @Test("pairwiseDistance for p = 2 and 1, broadcast, with and without keepDims")
    func pairwiseDistances() {
        SecondOrderCheck.expectMatch(shapes: [[3, 4], [4]]) { x in exp(-pairwiseDistance(x[0], x[1])) }
        SecondOrderCheck.expectMatch(shapes: [[3, 4], [3, 4]]) { x in
            pairwiseDistance(x[0], x[1], p: 1, keepDims: true) * x[0]
        }
    }
}
