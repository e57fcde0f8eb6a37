import LossKit
import Testing

@Suite("Pooling")
struct PoolingTests {
    let images = numpyRamp([1, 2, 4, 5], start: 9)

    @Test("maxPool2d matches NumPy window maxima")
    func maxPoolMatchesNumPy() {
        // NumPy: out[n,c,y,x] = X[n, c, 2y:2y+2, 2x:2x+2].max(), X = ramp([1,2,4,5],9)
        expectValues(maxPool2d(images, kernelSize: 2), shape: [1, 2, 2, 2], [
            2.71875, 2.96875, 3.21875, 1.1875, 2.1875, 2.4375,
            2.6875, 3.1875,
        ])
        // NumPy: the window clipped to the image, X[n, c, max(y-1,0):y+2, max(x-1,0):x+2].max()
        expectValues(maxPool2d(images, kernelSize: 3, stride: 1, padding: 1), shape: [1, 2, 4, 5], [
            2.71875, 2.71875, 2.96875, 2.96875, 2.96875, 3.21875,
            3.21875, 3.21875, 3.46875, 3.46875, 3.21875, 3.21875,
            3.21875, 3.46875, 3.46875, 3.21875, 3.21875, 3.21875,
            3.46875, 3.46875, 2.1875, 2.1875, 2.4375, 2.4375,
            2.4375, 2.6875, 2.6875, 2.6875, 2.9375, 2.9375,
            2.6875, 3.1875, 3.1875, 3.1875, 2.9375, 2.6875,
            3.1875, 3.1875, 3.1875, 2.9375,
        ])
        #expect(maxPool2d(images[0], kernelSize: 2).shape == [2, 2, 2])
    }

    @Test("avgPool2d matches NumPy window means, padding counted as zeros (count_include_pad)")
    func avgPoolMatchesNumPy() {
        // NumPy: X[n, c, 2y:2y+2, 2x:2x+2].mean()
        expectValues(avgPool2d(images, kernelSize: 2), shape: [1, 2, 2, 2], [
            -0.1953125, 1.0703125, 1.1875, -0.84375, -0.7265625, 0.5390625,
            0.65625, 0.2734375,
        ])
        // NumPy: X[n, c, max(2y-1,0):2y+2, max(2x-1,0):2x+2].sum() / 9
        expectValues(avgPool2d(images, kernelSize: 3, stride: 2, padding: 1), shape: [1, 2, 2, 3], [
            -0.08680555555555555, 0.3194444444444444, 0.024305555555555556, 0.6527777777777778, 0.3715277777777778, 0.8194444444444444,
            -0.3229166666666667, -0.034722222222222224, -0.21180555555555555, 0.2986111111111111, 0.5729166666666666, 0.4652777777777778,
        ])
    }

    @Test("On a tie, maxPool2d sends the gradient to the first maximum in row-major order, like PyTorch")
    func maxPoolTies() throws {
        let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 3, 5, 5, 3, 2, 5, 5], requiresGrad: true)
        let pooled = maxPool2d(x, kernelSize: 2)
        #expect(pooled.scalars == [3, 5])
        pooled.sum().backward()
        #expect(try #require(x.grad).scalars == [0, 1, 1, 0, 0, 0, 0, 0])
    }

    @Test("Overlapping windows add their gradients; padding never wins")
    func overlappingWindows() throws {
        let x = Tensor(shape: [1, 1, 2, 2], scalars: [-4, -3, -2, -1], requiresGrad: true)
        let pooled = maxPool2d(x, kernelSize: 2, stride: 1, padding: 1)
        #expect(pooled.scalars == [-4, -3, -3, -2, -1, -1, -2, -1, -1])
        pooled.sum().backward()
        #expect(try #require(x.grad).scalars == [1, 2, 2, 4])
    }

    @Test("avgPool2d spreads each window's gradient evenly over it")
    func averageGradient() throws {
        let x = Tensor(shape: [1, 1, 3, 3], scalars: Array(repeating: 1, count: 9), requiresGrad: true)
        avgPool2d(x, kernelSize: 2, stride: 1).sum().backward()
        #expect(try #require(x.grad).scalars == [0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25])
    }

    @Test("Gradients of pooling (random inputs have no ties)", arguments: [(2, nil, 0), (3, 2, 1), (3, 1, 1), (2, 1, 0)] as [(Int, Int?, Int)])
    func gradients(_ kernelSize: Int, _ stride: Int?, _ padding: Int) {
        GradientCheck.expectGradientsMatch(shapes: [[2, 2, 5, 4]], seed: 161) { inputs in
            maxPool2d(inputs[0], kernelSize: kernelSize, stride: stride, padding: padding)
        }
        GradientCheck.expectGradientsMatch(shapes: [[2, 2, 5, 4]], seed: 162) { inputs in
            avgPool2d(inputs[0], kernelSize: kernelSize, stride: stride, padding: padding)
        }
    }
}

@Suite("Resampling")
struct ResamplingTests {
    let images = numpyRamp([1, 2, 2, 3], start: 5)

    @Test("upsampleNearest repeats pixels, like F.interpolate(mode=\"nearest\")")
    func nearestMatchesNumPy() {
        // NumPy: np.repeat(np.repeat(X, 2, axis=2), 2, axis=3), X = ramp([1,2,2,3],5)
        expectValues(upsampleNearest(images), shape: [1, 2, 4, 6], [
            1.96875, 1.96875, -2.34375, -2.34375, -0.0625, -0.0625,
            1.96875, 1.96875, -2.34375, -2.34375, -0.0625, -0.0625,
            2.21875, 2.21875, -2.09375, -2.09375, 0.1875, 0.1875,
            2.21875, 2.21875, -2.09375, -2.09375, 0.1875, 0.1875,
            2.46875, 2.46875, -1.84375, -1.84375, 0.4375, 0.4375,
            2.46875, 2.46875, -1.84375, -1.84375, 0.4375, 0.4375,
            2.71875, 2.71875, -1.59375, -1.59375, 0.6875, 0.6875,
            2.71875, 2.71875, -1.59375, -1.59375, 0.6875, 0.6875,
        ])
        // NumPy: np.repeat(np.repeat(X, 3, axis=2), 3, axis=3)
        expectValues(upsampleNearest(images, scale: 3), shape: [1, 2, 6, 9], [
            1.96875, 1.96875, 1.96875, -2.34375, -2.34375, -2.34375,
            -0.0625, -0.0625, -0.0625, 1.96875, 1.96875, 1.96875,
            -2.34375, -2.34375, -2.34375, -0.0625, -0.0625, -0.0625,
            1.96875, 1.96875, 1.96875, -2.34375, -2.34375, -2.34375,
            -0.0625, -0.0625, -0.0625, 2.21875, 2.21875, 2.21875,
            -2.09375, -2.09375, -2.09375, 0.1875, 0.1875, 0.1875,
            2.21875, 2.21875, 2.21875, -2.09375, -2.09375, -2.09375,
            0.1875, 0.1875, 0.1875, 2.21875, 2.21875, 2.21875,
            -2.09375, -2.09375, -2.09375, 0.1875, 0.1875, 0.1875,
            2.46875, 2.46875, 2.46875, -1.84375, -1.84375, -1.84375,
            0.4375, 0.4375, 0.4375, 2.46875, 2.46875, 2.46875,
            -1.84375, -1.84375, -1.84375, 0.4375, 0.4375, 0.4375,
            2.46875, 2.46875, 2.46875, -1.84375, -1.84375, -1.84375,
            0.4375, 0.4375, 0.4375, 2.71875, 2.71875, 2.71875,
            -1.59375, -1.59375, -1.59375, 0.6875, 0.6875, 0.6875,
            2.71875, 2.71875, 2.71875, -1.59375, -1.59375, -1.59375,
            0.6875, 0.6875, 0.6875, 2.71875, 2.71875, 2.71875,
            -1.59375, -1.59375, -1.59375, 0.6875, 0.6875, 0.6875,
        ])
        #expect(upsampleNearest(images, scale: 1).scalars == images.scalars)
    }

    @Test("upsampleBilinear matches F.interpolate(mode=\"bilinear\") for both corner conventions")
    func bilinearMatchesScipy() {
        // PyTorch documents this example: F.interpolate([[1, 2], [3, 4]], scale_factor=2, mode="bilinear")
        let small = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        expectValues(upsampleBilinear(small), shape: [1, 1, 4, 4], [
            1.0, 1.25, 1.75, 2.0, 1.5, 1.75,
            2.25, 2.5, 2.5, 2.75, 3.25, 3.5,
            3.0, 3.25, 3.75, 4.0,
        ])
        // SciPy (same convention as align_corners=False):
        // scipy.ndimage.zoom(X[0, c], 2, order=1, grid_mode=True, mode="nearest")
        expectValues(upsampleBilinear(images), shape: [1, 2, 4, 6], [
            1.96875, 0.890625, -1.265625, -1.7734375, -0.6328125, -0.0625,
            2.03125, 0.953125, -1.203125, -1.7109375, -0.5703125, 0.0,
            2.15625, 1.078125, -1.078125, -1.5859375, -0.4453125, 0.125,
            2.21875, 1.140625, -1.015625, -1.5234375, -0.3828125, 0.1875,
            2.46875, 1.390625, -0.765625, -1.2734375, -0.1328125, 0.4375,
            2.53125, 1.453125, -0.703125, -1.2109375, -0.0703125, 0.5,
            2.65625, 1.578125, -0.578125, -1.0859375, 0.0546875, 0.625,
            2.71875, 1.640625, -0.515625, -1.0234375, 0.1171875, 0.6875,
        ])
        // SciPy (same convention as align_corners=True): scipy.ndimage.zoom(X[0, c], 2, order=1, grid_mode=False)
        expectValues(upsampleBilinear(images, alignCorners: true), shape: [1, 2, 4, 6], [
            1.96875, 0.2437499999999999, -1.4812500000000002, -1.8874999999999995, -0.9749999999999998, -0.0625,
            2.0520833333333335, 0.3270833333333332, -1.397916666666667, -1.8041666666666665, -0.8916666666666666, 0.020833333333333315,
            2.1354166666666665, 0.41041666666666643, -1.3145833333333337, -1.7208333333333328, -0.8083333333333331, 0.10416666666666666,
            2.21875, 0.49375, -1.2312500000000002, -1.6374999999999995, -0.7249999999999998, 0.1875,
            2.46875, 0.7437499999999999, -0.9812500000000002, -1.3874999999999995, -0.47499999999999976, 0.4375,
            2.552083333333333, 0.8270833333333334, -0.8979166666666668, -1.3041666666666663, -0.39166666666666644, 0.5208333333333333,
            2.635416666666667, 0.9104166666666667, -0.8145833333333335, -1.220833333333333, -0.30833333333333324, 0.6041666666666666,
            2.71875, 0.9937499999999998, -0.7312500000000003, -1.1374999999999995, -0.22499999999999976, 0.6875,
        ])
    }

    @Test("downsampleAverage averages 2 × 2 blocks; upsampleNearest's gradient sums each block")
    func downsampleAndNearestGradient() throws {
        let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 2, 3, 4, 5, 6, 7, 8], requiresGrad: true)
        #expect(downsampleAverage(x).scalars == [3.5, 5.5])
        #expect(downsampleAverage(upsampleNearest(x)).scalars == x.scalars)
        (upsampleNearest(x) * 1).sum().backward()
        #expect(try #require(x.grad).scalars == Array(repeating: 4, count: 8))
    }

    @Test("Gradients of resampling", arguments: [0, 1, 2, 3, 4])
    func gradients(_ which: Int) {
        GradientCheck.expectGradientsMatch(shapes: [[2, 2, 3, 4]], seed: 171) { inputs in
            switch which {
            case 0: return upsampleNearest(inputs[0])
            case 1: return upsampleNearest(inputs[0], scale: 3)
            case 2: return upsampleBilinear(inputs[0])
            case 3: return upsampleBilinear(inputs[0], scale: 3, alignCorners: true)
            default: return downsampleAverage(inputs[0])
            }
        }
    }
}
