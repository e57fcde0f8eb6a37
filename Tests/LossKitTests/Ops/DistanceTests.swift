import LossKit
import Testing

@Suite("Norms and distances")
struct DistanceTests {
    @Test("normalized matches F.normalize (x / max(‖x‖_p, eps)) for p = 2, 3 and 1")
    func normalizeMatchesNumPy() {
        let x = numpyRamp([3, 4], start: 7)
        // NumPy: a / np.maximum((np.abs(a)**2).sum(1, keepdims=True)**(1/2), 1e-12), a = ramp([3,4],7)
        expectValues(x.normalized(dim: 1), shape: [3, 4], [
            -0.020444383868581984, 0.7257756273346604, -0.6848868595974964, 0.06133315160574595, 0.5974058021623609, -0.4461638269313835,
            0.10586938266168422, 0.657902592254752, -0.43166120870117175, 0.1862067959103094, 0.8040748005217905, -0.3639496465519683,
        ])
        // NumPy: the same with p = 3 along axis 0
        expectValues(x.normalized(dim: 0, p: 3), shape: [3, 4], [
            -0.023383440268864703, 0.8543517015413913, -0.6374979270716332, 0.06638777877541474, 0.9236458906201557, -0.7099542308583392,
            0.13320852207466963, 0.9626227922435138, -0.5962777268560499, 0.2647286962522621, 0.9039149712209724, -0.4757790812238057,
        ])
        // NumPy: the same with p = 1 along the last axis
        expectValues(x.normalized(dim: -1, p: 1), shape: [3, 4], [
            -0.0136986301369863, 0.4863013698630137, -0.4589041095890411, 0.0410958904109589, 0.3305439330543933, -0.24686192468619247,
            0.058577405857740586, 0.36401673640167365, -0.24170616113744076, 0.10426540284360189, 0.45023696682464454, -0.2037914691943128,
        ])
    }

    @Test("A zero vector stays zero and its gradient is the incoming gradient divided by eps, as in PyTorch")
    func normalizeZeroVector() throws {
        let x = Tensor([[0, 0], [3, 4]], requiresGrad: true)
        let y = x.normalized(dim: 1)
        #expect(y.scalars == [0, 0, 0.6, 0.8])
        (y * Tensor([[1, 2], [1, 0]])).sum().backward()
        // Row 1: (g − y (y·g)) / ‖x‖ = ([1, 0] − 0.6 [0.6, 0.8]) / 5
        expectValues(try #require(x.grad), shape: [2, 2], [1e12, 2e12, 0.128, -0.096], tolerance: 1e-12)
    }

    @Test("Gradients of normalized", arguments: [(1, 2.0), (0, 2.0), (-1, 1.0), (1, 3.0), (2, 1.5)])
    func normalizeGradients(_ dim: Int, _ p: Double) {
        GradientCheck.expectGradientsMatch(shapes: [[2, 3, 4]], seed: 131) { inputs in
            inputs[0].normalized(dim: dim, p: p)
        }
    }

    let x1 = numpyRamp([4, 3], start: 3)
    let x2 = numpyRamp([5, 3], start: 40)

    @Test("cdist matches NumPy for p = 2, 1 and 3")
    func cdistMatchesNumPy() {
        // NumPy: (np.abs(a[:, None, :] - b[None, :, :])**p).sum(-1)**(1/p), a = ramp([4,3],3), b = ramp([5,3],40)
        expectValues(cdist(x1, x2), shape: [4, 5], [
            5.597938376089898, 5.731713449091816, 5.894333216106806, 6.083484943887015, 0.5412658773652742, 5.495115018132013,
            5.597938376089898, 5.731713449091816, 5.894333216106806, 0.9742785792574935, 5.42500360022922, 5.495115018132013,
            5.597938376089898, 5.731713449091816, 1.4072912811497127, 5.388881058485147, 5.42500360022922, 5.495115018132013,
            5.597938376089898, 1.840303983041932,
        ])
        expectValues(cdist(x1, x2, p: 1), shape: [4, 5], [
            7.90625, 7.65625, 7.40625, 7.15625, 0.9375, 8.15625,
            7.90625, 7.65625, 7.40625, 1.6875, 8.40625, 8.15625,
            7.90625, 7.65625, 2.4375, 8.65625, 8.40625, 8.15625,
            7.90625, 3.1875,
        ])
        expectValues(cdist(x1, x2, p: 3), shape: [4, 5], [
            5.334748462164174, 5.557264054700208, 5.791929068498004, 6.034510070050069, 0.4507029907210651, 5.12977360172243,
            5.334748462164174, 5.557264054700208, 5.791929068498004, 0.8112653832979172, 4.948943723391293, 5.12977360172243,
            5.334748462164174, 5.557264054700208, 1.1718277758747693, 4.799884471938465, 4.948943723391293, 5.12977360172243,
            5.334748462164174, 1.5323901684516215,
        ])
    }

    @Test("Batched cdist: one distance matrix per batch entry, and broadcast batches")
    func batchedCdist() {
        let a = numpyRamp([2, 3, 2], start: 60)
        let b = numpyRamp([2, 2, 2], start: 90)
        // NumPy: the formula above with a[..., :, None, :] - b[..., None, :, :], a = ramp([2,3,2],60), b = ramp([2,2,2],90)
        expectValues(cdist(a, b), shape: [2, 3, 2], [
            4.796747758898731, 0.6629126073623883, 2.9168154723945086, 4.796747758898731, 0.04419417382415922, 4.978567345381601,
            4.978567345381601, 4.796747758898731, 0.04419417382415922, 2.9168154723945086, 2.8284271247461903, 0.04419417382415922,
        ])
        let shared = cdist(a, b[1])
        #expect(shared.shape == [2, 3, 2])
        #expect(shared[1].scalars == cdist(a[1], b[1]).scalars)
    }

    @Test("A zero distance sends a zero gradient, like torch.cdist")
    func cdistZeroDistance() throws {
        let a = Tensor([[1, 2]], requiresGrad: true)
        let b = Tensor([[1, 2], [4, 6]], requiresGrad: true)
        let distances = cdist(a, b)
        #expect(distances.scalars == [0, 5])
        distances.sum().backward()
        expectValues(try #require(a.grad), shape: [1, 2], [-0.6, -0.8])
        expectValues(try #require(b.grad), shape: [2, 2], [0, 0, 0.6, 0.8])
    }

    @Test("Gradients of cdist", arguments: [1.0, 2.0, 3.0])
    func cdistGradients(_ p: Double) {
        GradientCheck.expectGradientsMatch(shapes: [[3, 4], [2, 4]], seed: 132) { inputs in
            cdist(inputs[0], inputs[1], p: p)
        }
        GradientCheck.expectGradientsMatch(shapes: [[2, 3, 2], [1, 4, 2]], seed: 133) { inputs in
            cdist(inputs[0], inputs[1], p: p)
        }
    }

    @Test("pairwiseDistance matches ‖x1 − x2 + eps‖_p (eps added to the difference, as in PyTorch)")
    func pairwiseMatchesNumPy() {
        let a = numpyRamp([3, 4], start: 11)
        let b = numpyRamp([3, 4], start: 100)
        // NumPy: (np.abs(a - b + 1e-6)**2).sum(-1)**0.5, a = ramp([3,4],11), b = ramp([3,4],100)
        expectValues(pairwiseDistance(a, b), shape: [3], [5.736481881345394, 2.750002, 2.750002])
        // NumPy: np.abs(a - b + 1e-6).sum(-1)
        expectValues(pairwiseDistance(a, b, p: 1), shape: [3], [9.343752, 5.500004, 5.500004])
        // NumPy: (np.abs(a - ramp([4],100) + 1e-6)**2).sum(-1)**0.5 (broadcast)
        expectValues(pairwiseDistance(a, numpyRamp([4], start: 100)), shape: [3], [5.736481881345394, 6.076738393250445, 0.312498])
        #expect(pairwiseDistance(a, b, keepDims: true).shape == [3, 1])
        #expect(pairwiseDistance(Tensor([0, 0]), Tensor([3, 4]), eps: 0).shape == [])
        #expect(pairwiseDistance(Tensor([0, 0]), Tensor([3, 4]), eps: 0).item == 5)
    }

    @Test("Equal vectors are eps·√M apart, and their gradient is defined")
    func pairwiseEqualVectors() throws {
        let a = Tensor([1, 2, 3], requiresGrad: true)
        let distance = pairwiseDistance(a, Tensor([1, 2, 3]))
        #expect(isClose(distance.item, 1e-6 * 3.0.squareRoot(), tolerance: 1e-12))
        distance.backward()
        let component = 1 / 3.0.squareRoot()
        expectValues(try #require(a.grad), shape: [3], [component, component, component], tolerance: 1e-9)
    }

    @Test("Gradients of pairwiseDistance", arguments: [1.0, 2.0, 3.0])
    func pairwiseGradients(_ p: Double) {
        GradientCheck.expectGradientsMatch(shapes: [[3, 4], [3, 4]], seed: 134) { inputs in
            pairwiseDistance(inputs[0], inputs[1], p: p)
        }
        GradientCheck.expectGradientsMatch(shapes: [[2, 3, 4], [4]], seed: 135) { inputs in
            pairwiseDistance(inputs[0], inputs[1], p: p, keepDims: true)
        }
    }
}
