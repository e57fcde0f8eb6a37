// Mistakes stop the program with a message that says what went wrong.
// Each test runs the mistake in a child process and reads its standard error.

import Foundation
import LossKit
import Testing

/// What the child process printed to standard error.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

@Suite("Error messages")
struct PreconditionTests {
    @Test("Shapes that cannot broadcast: both shapes are named")
    func broadcastMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2, 3], [4, 5, 6]]) + Tensor([1, 2])
        }
        #expect(standardError(of: result).contains("Cannot broadcast shapes [2, 3] and [2] for '+'"))
    }

    @Test("Rows of different lengths")
    func raggedRows() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2], [3]])
        }
        #expect(standardError(of: result).contains("row 0 has 2 values, but row 1 has 1"))
    }

    @Test("A shape and a number of scalars that disagree: both numbers are named")
    func scalarCountMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5])
        }
        #expect(standardError(of: result).contains("needs 6 scalars, but 5 were given"))
    }

    @Test("item on a tensor with several elements")
    func itemOfVector() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2]).item
        }
        #expect(standardError(of: result).contains("exactly one element, but this tensor has shape [2]"))
    }

    @Test("backward() on a non-scalar says to pass a gradient")
    func backwardOnVector() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1, 2], requiresGrad: true).backward()
        }
        #expect(standardError(of: result).contains("backward(gradient:)"))
    }

    @Test("backward(gradient:) with a gradient of the wrong shape")
    func backwardGradientShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            (Tensor([1, 2], requiresGrad: true) * 2).backward(gradient: Tensor([1, 2, 3]))
        }
        #expect(standardError(of: result).contains("tensor shape [2], gradient shape [3]"))
    }

    @Test("backward() on a tensor that does not require gradients")
    func backwardWithoutGradients() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor(1).backward()
        }
        #expect(standardError(of: result).contains("does not require gradients"))
    }

    @Test("matmul with mismatched inner dimensions: both shapes are named")
    func matmulMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor([[1, 2, 3]]), Tensor([[1, 2]]))
        }
        #expect(standardError(of: result).contains("shapes [1, 3] and [1, 2]"))
    }

    @Test("A dimension out of range")
    func dimensionOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2], [3, 4]]).sum(dim: 2)
        }
        #expect(standardError(of: result).contains("sum(dim: 2) is out of range for a tensor of shape [2, 2]"))
    }

    @Test("requiresGrad cannot be changed on the result of an operation")
    func requiresGradOnResult() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let product = Tensor([1, 2], requiresGrad: true) * 2
            product.requiresGrad = false
        }
        #expect(standardError(of: result).contains("use detached()"))
    }

    @Test("The messages survive optimized builds: they come from fatalError, not precondition")
    func messagesArePrinted() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2]).mean(dim: -3)
        }
        #expect(standardError(of: result).contains("Fatal error: mean(dim: -3) is out of range"))
    }
}
