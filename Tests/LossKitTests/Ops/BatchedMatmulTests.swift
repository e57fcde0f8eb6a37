import LossKit
import Testing

@Suite("Batched and vector matmul, like torch.matmul")
struct BatchedMatmulTests {
    let batch = numpyRamp([2, 3, 4])

    @Test("Batches of matrices, and a batch times one matrix, match numpy.matmul")
    func batchesMatchNumPy() {
        // NumPy: np.matmul(ramp([2,3,4]), ramp([2,4,5],30))
        expectValues(matmul(batch, numpyRamp([2, 4, 5], start: 30)), shape: [2, 3, 5], [
            4.44140625, -16.658203125, 9.4287109375, 3.37109375, -17.728515625, -10.431640625,
            3.3115234375, 4.0732421875, -10.619140625, 3.1240234375, 6.427734375, 11.5361328125,
            -13.02734375, 7.123046875, 12.2314453125, 5.7158203125, -12.8525390625, 9.171875,
            5.6455078125, -12.9228515625, -11.033203125, 5.2412109375, 1.9404296875, -10.220703125,
            6.0537109375, 3.9501953125, 11.58984375, -17.0361328125, 5.6455078125, 13.28515625,
        ])
        // NumPy: np.matmul(ramp([2,3,4]), ramp([4,5],80))
        expectValues(matmul(batch, numpyRamp([4, 5], start: 80)), shape: [2, 3, 5], [
            -15.3203125, 10.7666015625, 4.708984375, -16.390625, 9.6962890625, 3.5458984375,
            4.3076171875, -10.384765625, 3.3583984375, 4.1201171875, 10.6669921875, -13.896484375,
            6.25390625, 11.3623046875, -13.201171875, -12.9140625, 9.1103515625, 5.583984375,
            -12.984375, 9.0400390625, 5.9521484375, 2.6513671875, -9.509765625, 6.7646484375,
            3.4638671875, 13.0732421875, -15.552734375, 7.12890625, 14.7685546875, -13.857421875,
        ])
        // NumPy: np.matmul(ramp([3,4]), ramp([2,4,5],30))
        expectValues(matmul(numpyRamp([3, 4]), numpyRamp([2, 4, 5], start: 30)), shape: [2, 3, 5], [
            4.44140625, -16.658203125, 9.4287109375, 3.37109375, -17.728515625, -10.431640625,
            3.3115234375, 4.0732421875, -10.619140625, 3.1240234375, 6.427734375, 11.5361328125,
            -13.02734375, 7.123046875, 12.2314453125, 6.7158203125, -14.3837890625, 11.703125,
            5.6455078125, -15.4541015625, -10.033203125, 3.7099609375, 4.4716796875, -10.220703125,
            3.5224609375, 4.9501953125, 10.05859375, -14.5048828125, 5.6455078125, 10.75390625,
        ])
    }

    @Test("Vectors are rows on the left and columns on the right, and that dimension is dropped")
    func vectorsMatchNumPy() {
        let vector = numpyRamp([4], start: 120)
        // NumPy: np.matmul(ramp([2,3,4]), ramp([4],120))
        expectValues(matmul(batch, vector), shape: [2, 3], [-7.8310546875, 8.814453125, -2.9755859375, -5.0810546875, 11.564453125, -0.2255859375])
        // NumPy: np.matmul(ramp([4],120), ramp([4,5],80))
        expectValues(matmul(vector, numpyRamp([4, 5], start: 80)), shape: [5], [5.6513671875, 2.8583984375, -9.619140625, 6.3388671875, 3.5458984375])
        // NumPy: np.dot(ramp([4],120), ramp([4],120))
        expectValues(matmul(vector, vector), shape: [], [11.220703125])
        #expect(matmul(Tensor([[1, 2], [3, 4]]), Tensor([1, 1])).scalars == [3, 7])
    }

    @Test("Batch dimensions broadcast: [2, 1, m, k] × [3, k, n] gives [2, 3, m, n]")
    func broadcastBatches() {
        let left = numpyRamp([2, 1, 2, 3])
        let right = numpyRamp([3, 3, 2], start: 50)
        let product = matmul(left, right)
        #expect(product.shape == [2, 3, 2, 2])
        for i in 0..<2 {
            for j in 0..<3 {
                #expect(product[i][j].scalars == matmul(left[i][0], right[j]).scalars)
            }
        }
    }

    @Test("Gradients of batched and vector products", arguments: [
        ([2, 3, 4], [2, 4, 5]), ([2, 3, 4], [4, 2]), ([3, 4], [2, 4, 2]), ([2, 1, 2, 3], [3, 3, 2]),
        ([4], [4]), ([3, 4], [4]), ([4], [4, 2]), ([2, 3, 4], [4]), ([4], [2, 4, 3]),
    ] as [([Int], [Int])])
    func gradients(_ leftShape: [Int], _ rightShape: [Int]) {
        GradientCheck.expectGradientsMatch(shapes: [leftShape, rightShape], seed: 141) { inputs in
            matmul(inputs[0], inputs[1])
        }
    }

    @Test("A shared right matrix receives the gradient of every batch entry")
    func sharedMatrixGradient() throws {
        let left = Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4], requiresGrad: true)
        let right = Tensor([[1], [1]], requiresGrad: true)
        matmul(left, right).sum().backward()
        #expect(try #require(right.grad).scalars == [4, 6])
        #expect(try #require(left.grad).scalars == [1, 1, 1, 1])
    }
}
