import LossKit
import Testing

@Suite("conv2d (im2col + GEMM)")
struct ConvolutionTests {
    let images = numpyRamp([2, 3, 5, 5])
    let kernels = numpyRamp([4, 3, 3, 3], start: 17)
    let bias = numpyRamp([4], start: 150)

    @Test("Stride 1 without padding matches scipy.signal.correlate")
    func matchesScipy() {
        // NumPy/SciPy: sum(correlate(X[n, c], W[o, c], mode="valid") for c in range(3)) + b[o],
        // X = ramp([2,3,5,5]), W = ramp([4,3,3,3],17), b = ramp([4],150)
        expectValues(conv2d(images, weight: kernels, bias: bias), shape: [2, 4, 3, 3], [
            4.6962890625, 5.5712890625, 6.4462890625, 9.0712890625, 9.9462890625, 10.8212890625,
            13.4462890625, 14.3212890625, 15.1962890625, 10.5263671875, -3.5234375, -17.5732421875,
            -16.2451171875, 13.1826171875, -0.8671875, 0.4609375, -13.5888671875, 15.8388671875,
            -17.642578125, 11.90234375, -2.0302734375, -0.3505859375, -14.283203125, 15.26171875,
            16.94140625, 3.0087890625, -10.923828125, 2.611328125, -11.2041015625, 18.4580078125,
            20.4892578125, 6.673828125, -7.1416015625, -5.1103515625, 24.5517578125, 10.736328125,
            32.8193359375, -15.96484375, -11.1748046875, 5.4619140625, 6.3369140625, 7.2119140625,
            9.8369140625, 10.7119140625, 11.5869140625, -2.0146484375, 6.3955078125, -18.5751953125,
            -18.0712890625, 11.3564453125, -2.693359375, -1.365234375, -15.4150390625, 14.0126953125,
            -29.63671875, 7.5322265625, 11.3203125, -2.66015625, -16.5927734375, 12.9521484375,
            14.6318359375, 0.69921875, -13.2333984375, 34.6416015625, -29.86328125, 2.68359375,
            17.6962890625, 3.880859375, -9.9345703125, -7.9033203125, 21.7587890625, 7.943359375,
        ])
    }

    @Test("Stride 2 with padding 1 matches explicit loops in NumPy")
    func stridedPaddedMatchesNumPy() {
        // NumPy: Xp = np.pad(X, ((0,0),(0,0),(1,1),(1,1)));
        // out[n,o,y,x] = (Xp[n, :, 2y:2y+3, 2x:2x+3] * W[o]).sum() + b[o]
        let expected = [
            -0.740234375, -12.8642578125, 6.681640625, 5.7802734375, 9.9462890625, 3.0498046875,
            10.869140625, -5.1923828125, -0.193359375, -3.998046875, -18.7744140625, -2.189453125,
            -2.33984375, 13.1826171875, 4.8486328125, -7.0615234375, 4.69921875, 8.201171875,
            -8.6982421875, 11.5810546875, -0.345703125, 13.6484375, -14.283203125, 1.908203125,
            0.970703125, 21.1845703125, -2.9794921875, -1.447265625, 1.755859375, -8.1865234375,
            6.3525390625, 6.673828125, 13.185546875, 12.505859375, -2.5107421875, 1.912109375,
            1.0205078125, -30.673828125, 7.755859375, 0.849609375, 6.3369140625, 5.4345703125,
            8.09765625, -6.8251953125, 1.912109375, -13.9912109375, -4.9677734375, -5.86328125,
            -5.326171875, 11.3564453125, 0.111328125, -10.0478515625, 2.744140625, 5.55859375,
            15.298828125, 11.259765625, -1.9677734375, 17.1396484375, -16.5927734375, -0.884765625,
            2.302734375, 18.9072265625, -5.8369140625, 1.7294921875, -12.693359375, -5.490234375,
            0.455078125, 3.880859375, 16.8701171875, 9.08984375, -5.1103515625, 3.373046875,
        ]
        expectValues(conv2d(images, weight: kernels, bias: bias, stride: 2, padding: 1), shape: [2, 4, 3, 3], expected)
        expectValues(conv2d(images, weight: kernels, bias: bias, stride: (2, 2), padding: (1, 1)), shape: [2, 4, 3, 3], expected)
    }

    @Test("One image [C, H, W] gives [O, outH, outW]; without bias nothing is added")
    func unbatchedAndNoBias() {
        let single = conv2d(images[1], weight: kernels, stride: 2, padding: 1)
        #expect(single.shape == [4, 3, 3])
        let batched = conv2d(images, weight: kernels, stride: 2, padding: 1)
        #expect(single.scalars == batched[1].scalars)
    }

    @Test("Different strides and paddings for rows and columns")
    func rectangularSettings() {
        let output = conv2d(images, weight: kernels, stride: (1, 2), padding: (0, 1))
        #expect(output.shape == [2, 4, 3, 3])
        // The same as padding the columns by hand, convolving with stride 1, and keeping every other column.
        let zeros = Tensor(shape: [2, 3, 5, 1], scalars: Array(repeating: 0, count: 30))
        let padded = concat([zeros, images, zeros], dim: 3)
        let reference = conv2d(padded, weight: kernels).select(indices: [0, 2, 4], dim: 3)
        expectValues(output, shape: [2, 4, 3, 3], reference.scalars)
    }

    @Test("A 1 × 1 kernel mixes channels at each pixel")
    func pointwiseKernel() {
        let image = Tensor(shape: [1, 2, 1, 2], scalars: [1, 2, 3, 4])
        let weight = Tensor(shape: [1, 2, 1, 1], scalars: [10, 100])
        #expect(conv2d(image, weight: weight, bias: Tensor([0.5])).scalars == [310.5, 420.5])
    }

    @Test("Gradients with stride 2 and padding 1, with and without bias")
    func gradients() {
        GradientCheck.expectGradientsMatch(shapes: [[2, 3, 5, 5], [4, 3, 3, 3], [4]], seed: 151) { inputs in
            conv2d(inputs[0], weight: inputs[1], bias: inputs[2], stride: 2, padding: 1)
        }
        GradientCheck.expectGradientsMatch(shapes: [[1, 2, 4, 5], [3, 2, 2, 3]], seed: 152) { inputs in
            conv2d(inputs[0], weight: inputs[1], stride: (1, 2), padding: (1, 0))
        }
        GradientCheck.expectGradientsMatch(shapes: [[2, 4, 4], [2, 2, 3, 3], [2]], seed: 153) { inputs in
            conv2d(inputs[0], weight: inputs[1], bias: inputs[2], padding: 1)
        }
    }
}
