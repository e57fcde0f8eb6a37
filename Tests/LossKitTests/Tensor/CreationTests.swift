import LossKit
import Testing

@Suite("Creating tensors from a shape")
struct CreationTests {
    @Test("zeros, ones and full")
    func constants() {
        #expect(Tensor.zeros([2, 3]).shape == [2, 3])
        #expect(Tensor.zeros([2, 3]).scalars == [0, 0, 0, 0, 0, 0])
        #expect(Tensor.ones([3]).scalars == [1, 1, 1])
        #expect(Tensor.full([2, 2], value: 7.5).scalars == [7.5, 7.5, 7.5, 7.5])
        #expect(Tensor.zeros([]).shape == [] && Tensor.zeros([]).item == 0)
        #expect(Tensor.ones([0, 4]).count == 0)
        #expect(!Tensor.ones([2]).requiresGrad)
        let parameter = Tensor.zeros([2], requiresGrad: true)
        #expect(parameter.requiresGrad && parameter.isLeaf)
    }

    @Test("zeros(like:) and ones(like:) copy only the shape")
    func like() {
        let template = Tensor([[1, 2, 3], [4, 5, 6]], requiresGrad: true) * 2
        let zeros = Tensor.zeros(like: template)
        #expect(zeros.shape == [2, 3] && zeros.scalars.allSatisfy { $0 == 0 })
        #expect(!zeros.requiresGrad && zeros.isLeaf)
        let ones = Tensor.ones(like: template, requiresGrad: true)
        #expect(ones.scalars == [1, 1, 1, 1, 1, 1] && ones.requiresGrad)
    }

    @Test("arange matches NumPy")
    func arange() {
        // np.arange(0, 1, 0.1)
        #expect(allClose(
            Tensor.arange(0, 1, step: 0.1).scalars,
            [0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9],
            tolerance: 1e-15
        ))
        // np.arange(5, -1, -1.5)
        #expect(Tensor.arange(5, -1, step: -1.5).scalars == [5.0, 3.5, 2.0, 0.5])
        #expect(Tensor.arange(4).scalars == [0, 1, 2, 3])
        #expect(Tensor.arange(4).shape == [4])
        #expect(Tensor.arange(0).shape == [0])
        #expect(Tensor.arange(2, 2).count == 0)
        #expect(Tensor.arange(1, 3.5).scalars == [1, 2, 3])
    }

    @Test("linspace matches NumPy and ends exactly at the end")
    func linspace() {
        // np.linspace(-1, 1, 7)
        #expect(allClose(
            Tensor.linspace(-1, 1, count: 7).scalars,
            [-1.0, -0.6666666666666667, -0.33333333333333337, 0.0, 0.33333333333333326, 0.6666666666666665, 1.0],
            tolerance: 1e-15
        ))
        // np.linspace(0, 1, 10)
        let tenths = Tensor.linspace(0, 1, count: 10).scalars
        #expect(allClose(tenths, [0.0, 0.1111111111111111, 0.2222222222222222, 0.3333333333333333, 0.4444444444444444,
                                  0.5555555555555556, 0.6666666666666666, 0.7777777777777777, 0.8888888888888888, 1.0],
                         tolerance: 1e-15))
        #expect(tenths.last == 1)
        #expect(Tensor.linspace(3, 5, count: 1).scalars == [3])
        #expect(Tensor.linspace(3, 5, count: 0).shape == [0])
        #expect(Tensor.linspace(0, 1, count: 3, requiresGrad: true).requiresGrad)
    }

    @Test("eye is the identity matrix")
    func eye() {
        #expect(Tensor.eye(3).shape == [3, 3])
        #expect(Tensor.eye(3).scalars == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(Tensor.eye(0).shape == [0, 0])
        let matrix = Tensor([[1, 2], [3, 4]])
        #expect(matmul(matrix, Tensor.eye(2)).scalars == matrix.scalars)
    }
}
