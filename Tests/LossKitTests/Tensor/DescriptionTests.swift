import LossKit
import Testing

@Suite("Printing tensors")
struct DescriptionTests {
    @Test("Values print in nested brackets, like NumPy", arguments: [
        ([], [3], "tensor(3.0)"),
        ([], [-0.5], "tensor(-0.5000)"),
        ([3], [1, 2, 3], "tensor([1.0, 2.0, 3.0])"),
        ([2, 2], [1, 2, 3, 4], "tensor([[1.0, 2.0], [3.0, 4.0]])"),
        ([2, 1, 2], [1, 2, 3, 4], "tensor([[[1.0, 2.0]], [[3.0, 4.0]]])"),
        ([0], [], "tensor([])"),
        ([2, 0], [], "tensor([[], []])"),
    ] as [([Int], [Double], String)])
    func values(_ shape: [Int], _ scalars: [Double], _ expected: String) {
        #expect(Tensor(shape: shape, scalars: scalars).description == expected)
    }

    @Test("The rows initializer prints as the rows it was given")
    func rowsRoundTrip() {
        #expect(Tensor([[1, 2], [3, 4]]).description == "tensor([[1.0, 2.0], [3.0, 4.0]])")
    }

    @Test("Tensors that track gradients say so")
    func requiresGrad() {
        let leaf = Tensor([1, 2], requiresGrad: true)
        #expect(leaf.description == "tensor([1.0, 2.0], requiresGrad: true)")
        #expect((leaf * 2).description == "tensor([2.0, 4.0], requiresGrad: true)")
        #expect((leaf * 2).detached().description == "tensor([2.0, 4.0])")
        #expect("\(Tensor(1, requiresGrad: true))" == "tensor(1.0, requiresGrad: true)")
    }

    @Test("Up to 1000 elements print in full")
    func thousandElementsInFull() {
        let tensor = Tensor((0..<1000).map(Double.init))
        #expect(!tensor.description.contains("..."))
        #expect(tensor.description.hasSuffix("998.0, 999.0])"))
    }

    @Test("Past 1000 elements, each dimension shows its first and last three entries")
    func longTensorsAreSummarized() {
        let vector = Tensor((0..<1001).map(Double.init))
        #expect(vector.description == "tensor([0.0, 1.0, 2.0, ..., 998.0, 999.0, 1000.0])")

        let matrix = Tensor(shape: [100, 20], scalars: (0..<2000).map(Double.init))
        let rows = [
            "[0.0, 1.0, 2.0, ..., 17.0, 18.0, 19.0]",
            "[20.0, 21.0, 22.0, ..., 37.0, 38.0, 39.0]",
            "[40.0, 41.0, 42.0, ..., 57.0, 58.0, 59.0]",
            "...",
            "[1940.0, 1941.0, 1942.0, ..., 1957.0, 1958.0, 1959.0]",
            "[1960.0, 1961.0, 1962.0, ..., 1977.0, 1978.0, 1979.0]",
            "[1980.0, 1981.0, 1982.0, ..., 1997.0, 1998.0, 1999.0]",
        ]
        #expect(matrix.description == "tensor([" + rows.joined(separator: ", ") + "])")
    }

    @Test("Short dimensions of a long tensor are not summarized")
    func shortDimensionsStayWhole() {
        let matrix = Tensor(shape: [2000, 2], scalars: (0..<4000).map(Double.init))
        #expect(matrix.description.hasPrefix("tensor([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], ..., [3994.0, 3995.0]"))
    }
}
