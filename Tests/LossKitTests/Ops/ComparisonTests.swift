import LossKit
import Testing

@Suite("Elementwise comparisons give 0/1 masks")
struct ComparisonTests {
    // A = [[0.5, -1.25, 2.0], [3.5, 0.75, -2.5]], r = [1.5, -0.5, 0.25], c = [[2.0], [-3.0]]
    let matrix = Tensor([[0.5, -1.25, 2.0], [3.5, 0.75, -2.5]])
    let row = Tensor([1.5, -0.5, 0.25])
    let column = Tensor([[2.0], [-3.0]])

    @Test("Tensor against tensor, with broadcasting, matches NumPy")
    func tensors() {
        // (A > r).astype(float), (A <= c).astype(float)
        #expect((matrix .> row).scalars == [0, 0, 1, 1, 1, 0])
        #expect((matrix .<= column).scalars == [1, 1, 1, 0, 0, 0])
        #expect((matrix .> row).shape == [2, 3])
        #expect((row .< matrix).scalars == (matrix .> row).scalars)
        #expect((row .>= row).scalars == [1, 1, 1])
        #expect((matrix .== matrix).scalars == [1, 1, 1, 1, 1, 1])
        #expect((matrix .!= matrix).scalars == [0, 0, 0, 0, 0, 0])
    }

    @Test("Tensor against number, on either side")
    func numbers() {
        let x = Tensor([-1, 0, 2])
        #expect((x .> 0).scalars == [0, 0, 1])
        #expect((x .>= 0).scalars == [0, 1, 1])
        #expect((x .< 0).scalars == [1, 0, 0])
        #expect((x .<= 0).scalars == [1, 1, 0])
        #expect((x .== 0).scalars == [0, 1, 0])
        #expect((x .!= 0).scalars == [1, 0, 1])
        #expect((0 .< x).scalars == [0, 0, 1])
        #expect((0 .<= x).scalars == [0, 1, 1])
        #expect((0 .> x).scalars == [1, 0, 0])
        #expect((0 .>= x).scalars == [1, 1, 0])
        #expect((0 .== x).scalars == [0, 1, 0])
        #expect((0 .!= x).scalars == [1, 0, 1])
        #expect((Tensor([Double.nan]) .== .nan).item == 0)
    }

    @Test("Masks never require gradients, and plain comparisons still give a Bool")
    func masksArePlain() {
        let x = Tensor([1, -2], requiresGrad: true)
        let mask = x .> 0
        #expect(!mask.requiresGrad && mask.isLeaf)
        let loss = Tensor(0.05)
        let done: Bool = loss.item < 0.1
        #expect(done)
        #expect((mask * x).scalars == [1, 0])
        #expect((x .> 0).mean().item == 0.5)
    }
}
