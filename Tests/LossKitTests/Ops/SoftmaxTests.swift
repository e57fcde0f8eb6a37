import LossKit
import Testing

@Suite("softmax, logSoftmax and logSumExp")
struct SoftmaxTests {
    /// Scores with ordinary, very large and very negative rows:
    /// L = [[1, 2, 3, 4], [1000, 1000.5, 999, 1001], [-1000, -999, -1001, -1000.5]].
    /// The references were computed with the naive formulas in np.longdouble, where exp(1000) does not overflow.
    let scores = Tensor([[1.0, 2.0, 3.0, 4.0], [1000.0, 1000.5, 999.0, 1001.0], [-1000.0, -999.0, -1001.0, -1000.5]])
    static let tolerance = 1e-14

    @Test("Along the last dimension, including scores of ±1000")
    func alongRows() {
        // np.exp(L) / np.exp(L).sum(axis=1, keepdims=True) in longdouble
        let probabilities = softmax(scores, dim: 1)
        #expect(probabilities.shape == [3, 4])
        #expect(allClose(probabilities.scalars, [
            0.03205860328008499, 0.08714431874203257, 0.23688281808991013, 0.6439142598879724,
            0.17437148764032925, 0.2874899806762353, 0.06414768542935739, 0.473990846254078,
            0.21309730428862378, 0.5792585299413737, 0.07839411721683971, 0.12925004855316277,
        ], tolerance: Self.tolerance))
        #expect(allClose(softmax(scores, dim: -1).scalars, probabilities.scalars, tolerance: 0))
        // L - np.log(np.exp(L).sum(axis=1, keepdims=True)) in longdouble
        #expect(allClose(logSoftmax(scores, dim: 1).scalars, [
            -3.4401896985611953, -2.4401896985611953, -1.4401896985611953, -0.44018969856119533,
            -1.7465672691737912, -1.2465672691737912, -2.7465672691737915, -0.7465672691737912,
            -1.5460063899405723, -0.5460063899405723, -2.5460063899405725, -2.0460063899405725,
        ], tolerance: Self.tolerance))
        // np.log(np.exp(L).sum(axis=1)) in longdouble
        let lse = logSumExp(scores, dim: 1)
        #expect(lse.shape == [3])
        #expect(allClose(lse.scalars, [4.440189698561196, 1001.7465672691737, -998.4539936100595], tolerance: Self.tolerance))
        #expect(logSumExp(scores, dim: 1, keepDims: true).shape == [3, 1])
    }

    @Test("Along the first dimension")
    func alongColumns() {
        // The 1000 row dominates every column: probabilities 0, 1, 0 (exp(-2000) underflows).
        #expect(softmax(scores, dim: 0).scalars == [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0])
        #expect(allClose(logSumExp(scores, dim: 0).scalars, [1000.0, 1000.5, 999.0, 1001.0], tolerance: Self.tolerance))
        #expect(logSumExp(scores, dim: -2, keepDims: true).shape == [1, 4])
        let logProbabilities = logSoftmax(scores, dim: 0)
        #expect(logProbabilities.scalars.allSatisfy { $0.isFinite })
        // (L - np.log(np.exp(L).sum(axis=0)))[0] in longdouble
        #expect(allClose(Array(logProbabilities.scalars[0..<4]), [-999.0, -998.5, -996.0, -997.0], tolerance: Self.tolerance))
    }

    @Test("Each lane of softmax sums to 1, and logSoftmax is its logarithm")
    func consistency() {
        let cube = Tensor(shape: [2, 3, 4], scalars: (0..<24).map { Double($0 % 7) * 0.9 - 2 })
        for dim in -3...2 {
            let probabilities = softmax(cube, dim: dim)
            #expect(allClose(probabilities.sum(dim: dim).scalars, Array(repeating: 1, count: 24 / cube.shape[(dim + 3) % 3]), tolerance: 1e-15))
            #expect(allClose(log(probabilities).scalars, logSoftmax(cube, dim: dim).scalars, tolerance: 1e-14))
            #expect(allClose(exp(logSumExp(cube, dim: dim)).scalars, exp(cube).sum(dim: dim).scalars, tolerance: 1e-14))
        }
    }

    @Test("logSumExp of infinite lanes: all −∞ gives −∞, any +∞ gives +∞ (as in PyTorch)")
    func infinities() {
        let lanes = Tensor([[-Double.infinity, -.infinity], [1, .infinity], [0, -.infinity]])
        let result = logSumExp(lanes, dim: 1).scalars
        #expect(result[0] == -.infinity)
        #expect(result[1] == .infinity)
        #expect(result[2] == 0)
    }

    /// (shape, dim) for every dimension of a rank-1, rank-2 and rank-3 tensor.
    static let dimensionCases: [([Int], Int)] = [([5], 0), ([3, 4], 0), ([3, 4], 1), ([3, 4], -1), ([2, 3, 4], 0), ([2, 3, 4], 1), ([2, 3, 4], 2)]

    @Test("softmax gradients along every dimension", arguments: dimensionCases)
    func softmaxGradients(_ shape: [Int], _ dim: Int) {
        GradientCheck.expectGradientsMatch(shapes: [shape], seed: 51) { inputs in softmax(inputs[0], dim: dim) }
    }

    @Test("logSoftmax gradients along every dimension", arguments: dimensionCases)
    func logSoftmaxGradients(_ shape: [Int], _ dim: Int) {
        GradientCheck.expectGradientsMatch(shapes: [shape], seed: 52) { inputs in logSoftmax(inputs[0], dim: dim) }
    }

    @Test("logSumExp gradients along every dimension, with and without keepDims",
          arguments: dimensionCases.flatMap { [($0.0, $0.1, false), ($0.0, $0.1, true)] })
    func logSumExpGradients(_ shape: [Int], _ dim: Int, _ keepDims: Bool) {
        GradientCheck.expectGradientsMatch(shapes: [shape], seed: 53) { inputs in logSumExp(inputs[0], dim: dim, keepDims: keepDims) }
    }

    @Test("Gradients stay accurate for scores near ±1000")
    func largeScoreGradients() {
        var sampler = SampleValues(seed: 54)
        let large = Tensor(shape: [2, 3], scalars: sampler.next(count: 6).map { $0 + 1000 }, requiresGrad: true)
        let negative = Tensor(shape: [2, 3], scalars: sampler.next(count: 6).map { $0 - 1000 }, requiresGrad: true)
        for x in [large, negative] {
            GradientCheck.expectGradientsMatch(inputs: [x]) { inputs in softmax(inputs[0], dim: 1) }
            GradientCheck.expectGradientsMatch(inputs: [x]) { inputs in logSoftmax(inputs[0], dim: 1) }
            // logSumExp ≈ ±1000 here; its rounding error (1000 · 2⁻⁵²) / h stays far below the tolerance.
            GradientCheck.expectGradientsMatch(inputs: [x]) { inputs in logSumExp(inputs[0], dim: 1) }
        }
    }

    @Test("A cross-entropy built from logSoftmax has gradient softmax − one-hot")
    func crossEntropyGradient() throws {
        let logits = Tensor([[2.0, 1.0, 0.1]], requiresGrad: true)
        let oneHot = Tensor([[0.0, 1.0, 0.0]])
        (-(logSoftmax(logits, dim: 1) * oneHot).sum()).backward()
        let expected = softmax(logits, dim: 1).scalars.enumerated().map { $1 - oneHot.scalars[$0] }
        #expect(allClose(try #require(logits.grad).scalars, expected, tolerance: 1e-15))
    }
}
