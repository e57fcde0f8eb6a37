// Misusing a shape operation stops the program with a message naming the operation and the shapes.
// Each test runs the mistake in a child process and reads its standard error.

import LossKit
import Testing

@Suite("Error messages of shape operations")
struct ShapeMisuseTests {
    @Test("conv2d with different channel counts names both shapes")
    func convolutionChannels() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(
                Tensor(shape: [2, 3, 8, 8], scalars: Array(repeating: 0, count: 384)),
                weight: Tensor(shape: [4, 1, 3, 3], scalars: Array(repeating: 0, count: 36))
            )
        }
        #expect(misuseMessage(of: result).contains(
            "conv2d needs input [N, C, H, W] and weight [O, C, kH, kW] with the same C: input [2, 3, 8, 8], weight [4, 1, 3, 3]."
        ))
    }

    @Test("cdist with rows of different lengths")
    func cdistLengths() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = cdist(Tensor([[1, 2, 3]]), Tensor([[1, 2]]))
        }
        #expect(misuseMessage(of: result).contains("cdist needs x1 [B?, P, M] and x2 [B?, R, M] with the same M: x1 [1, 3], x2 [1, 2]."))
    }

    @Test("concat with sizes that differ outside the joined dimension")
    func concatShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = concat([Tensor([[1, 2]]), Tensor([[1, 2, 3]])], dim: 0)
        }
        #expect(misuseMessage(of: result).contains("concat(dim: 0) needs tensors with the same sizes except along dimension 0, but got shapes [[1, 2], [1, 3]]."))
    }

    @Test("reshaped with a -1 that cannot be filled")
    func reshapeInference() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]).reshaped([4, -1])
        }
        #expect(misuseMessage(of: result).contains("Cannot reshape a tensor of shape [2, 3] (6 elements) to shape [4, -1]: 6 is not a multiple of 4."))
    }

    @Test("A slice past the end of a dimension")
    func sliceOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2], [3, 4]]).slice(dim: 1, range: 1..<3)
        }
        #expect(misuseMessage(of: result).contains("slice(dim: 1, range: 1..<3) is out of range for a tensor of shape [2, 2]"))
    }

    @Test("matmul whose batch dimensions cannot broadcast")
    func matmulBatches() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor(shape: [2, 1, 1], scalars: [1, 2]), Tensor(shape: [3, 1, 1], scalars: [1, 2, 3]))
        }
        #expect(misuseMessage(of: result).contains("matmul cannot broadcast the batch dimensions (all but the last two) of shapes [2, 1, 1] and [3, 1, 1]."))
    }

    @Test("matmul on a scalar says to use * (vectors are fine, as in torch.matmul)")
    func matmulScalar() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor(2), Tensor([[1], [2]]))
        }
        #expect(misuseMessage(of: result).contains("matmul needs tensors with at least one dimension, but got shapes [] and [2, 1]"))
    }
}
