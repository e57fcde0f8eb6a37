import LossKit
import Testing

@Suite("Selecting and gathering by index")
struct IndexingTests {
    let source = numpyRamp([3, 4])

    @Test("select(indices:dim:) picks rows or columns in the given order, like torch.index_select")
    func selectRowsAndColumns() {
        let matrix = Tensor([[1, 2], [3, 4], [5, 6]])
        #expect(matrix.select(indices: [2, 0, 2], dim: 0).scalars == [5, 6, 1, 2, 5, 6])
        #expect(matrix.select(indices: [1], dim: 1).shape == [3, 1])
        #expect(matrix.select(indices: [1, 0], dim: -1).scalars == [2, 1, 4, 3, 6, 5])
        #expect(matrix[rows: [1, 1]].scalars == [3, 4, 3, 4])
        #expect(matrix[rows: []].shape == [0, 2])
    }

    @Test("Rows picked twice receive both gradients")
    func repeatedRowsAccumulate() {
        let x = Tensor([[1, 2], [3, 4], [5, 6]], requiresGrad: true)
        x.select(indices: [0, 2, 0], dim: 0).sum().backward()
        #expect(gradientValues(of: x) == [2, 2, 0, 0, 1, 1])
        x.zeroGrad()
        (x[rows: [1, 1]] * Tensor([10, 100])).sum().backward()
        #expect(gradientValues(of: x) == [0, 0, 20, 200, 0, 0])
    }

    @Test("gather matches numpy.take_along_axis")
    func gatherMatchesNumPy() {
        // NumPy: np.take_along_axis(ramp([3,4]), [[2],[0],[3]], axis=1)
        expectValues(source.gather(dim: 1, index: [2, 0, 3], shape: [3, 1]), shape: [3, 1], [1.71875, -0.3125, 2.46875])
        // NumPy: np.take_along_axis(ramp([3,4]), [[2,0,1,1],[0,0,2,1]], axis=0)
        let index = Tensor([[2, 0, 1, 1], [0, 0, 2, 1]])
        expectValues(source.gather(dim: 0, index: index), shape: [2, 4], [
            2.21875, -0.5625, -2.34375, -0.0625, -2.84375, -0.5625,
            0.1875, -0.0625,
        ])
        // An index smaller than the input in the other dimensions reads its top-left corner, like PyTorch.
        #expect(Tensor([[1, 2, 3], [4, 5, 6]]).gather(dim: 1, index: [2, 2], shape: [1, 2]).scalars == [3, 3])
        #expect(Tensor([[1, 2, 3], [4, 5, 6]]).gather(dim: -1, index: Tensor([[0], [1]])).scalars == [1, 5])
    }

    @Test("gather sends each gradient back to the element it picked; repeats accumulate")
    func gatherGradientScatters() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]], requiresGrad: true)
        (x.gather(dim: 1, index: [2, 2, 0, 1], shape: [2, 2]) * Tensor([[1, 10], [100, 1000]])).sum().backward()
        #expect(gradientValues(of: x) == [0, 0, 11, 100, 1000, 0])
    }

    @Test("Gradients of select and gather")
    func indexingGradients() {
        GradientCheck.expectGradientsMatch(shapes: [[4, 3]], seed: 121) { inputs in
            inputs[0].select(indices: [3, 1, 3], dim: 0) * inputs[0].select(indices: [0, 2, 0], dim: 0)
        }
        GradientCheck.expectGradientsMatch(shapes: [[2, 3, 4]], seed: 122) { inputs in
            inputs[0].select(indices: [1, 1, 0, 2], dim: 1)
        }
        GradientCheck.expectGradientsMatch(shapes: [[3, 4]], seed: 123) { inputs in
            inputs[0].gather(dim: 1, index: [1, 1, 3, 0, 2, 2], shape: [3, 2])
        }
        GradientCheck.expectGradientsMatch(shapes: [[3, 2, 2]], seed: 124) { inputs in
            inputs[0].gather(dim: 0, index: Tensor(shape: [2, 2, 2], scalars: [2, 0, 1, 1, 0, 0, 2, 1]))
        }
    }

    @Test("oneHot puts a single 1 in each row, like F.one_hot")
    func oneHotEncoding() {
        let encoded = oneHot([2, 0, 1, 2], classes: 3)
        #expect(encoded.shape == [4, 3])
        #expect(encoded.scalars == [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(!encoded.requiresGrad)
        #expect(oneHot([], classes: 2).shape == [0, 2])
    }
}
