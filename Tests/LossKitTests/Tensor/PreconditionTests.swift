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

    @Test("max(dim:) and argmin(dim:) out of range: the operation, the dim and the shape are named")
    func badDimensionInSelection() async {
        let maxResult = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2, 3], [4, 5, 6]]).max(dim: 3)
        }
        #expect(standardError(of: maxResult).contains("max(dim: 3) is out of range for a tensor of shape [2, 3]: dim must be in -2...1"))
        let argminResult = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1, 2, 3], [4, 5, 6]]).argmin(dim: -3, keepDims: true)
        }
        #expect(standardError(of: argminResult).contains("argmin(dim: -3) is out of range for a tensor of shape [2, 3]"))
    }

    @Test("softmax along a dimension that does not exist")
    func softmaxBadDimension() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = softmax(Tensor([[1, 2, 3], [4, 5, 6]]), dim: -3)
        }
        #expect(standardError(of: result).contains("softmax(dim: -3) is out of range for a tensor of shape [2, 3]: dim must be in -2...1"))
    }

    @Test("sum(dims:) naming a dimension twice")
    func repeatedDimension() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3, 4]).sum(dims: [1, -2])
        }
        #expect(standardError(of: result).contains("sum(dims: [1, -2]) names dimension 1 of a tensor of shape [2, 3, 4] more than once"))
    }

    @Test("where with shapes that cannot broadcast: all three shapes are named")
    func whereShapeMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.where(Tensor([1, 0]), Tensor([1, 2, 3]), Tensor(0))
        }
        #expect(standardError(of: result).contains("cannot broadcast the shapes [2] (condition), [3] (whenTrue) and [] (whenFalse)"))
    }

    @Test("minimum with shapes that cannot broadcast: both shapes and the operation are named")
    func minimumShapeMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = minimum(Tensor([[1, 2, 3], [4, 5, 6]]), Tensor([1, 2]))
        }
        #expect(standardError(of: result).contains("Cannot broadcast shapes [2, 3] and [2] for 'minimum'"))
    }

    @Test("max(dim:) along an empty dimension")
    func maxOfNothing() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 0]).max(dim: 1)
        }
        #expect(standardError(of: result).contains("max(dim: 1) needs at least one element along dimension 1, but the tensor has shape [2, 0]"))
    }

    @Test("Updating the result of an operation in place")
    func updateNonLeaf() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let product = Tensor([1, 2], requiresGrad: true) * 2
            product.subtract(Tensor([1, 1]))
        }
        #expect(standardError(of: result).contains("can only change a leaf tensor"))
    }

    @Test("backward() after a parameter was changed in place since the forward pass")
    func backwardAfterUpdate() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let weight = Tensor([1, 2], requiresGrad: true)
            let loss = (weight * weight).sum()
            weight.subtract(Tensor([0.1, 0.1]))
            loss.backward()
        }
        #expect(standardError(of: result).contains("'multiply' read, but its input of shape [2] was changed in place"))
    }

    @Test("clamp without bounds, dropout with an impossible probability, arange that never arrives", arguments: [0, 1, 2])
    func badArguments(_ mistake: Int) async {
        switch mistake {
        case 0:
            let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = clamp(Tensor([1, 2]))
            }
            #expect(standardError(of: result).contains("clamp(_:min:max:) needs at least one bound"))
        case 1:
            let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                var generator = SeededGenerator(seed: 1)
                _ = dropout(Tensor([1, 2]), probability: 1.5, using: &generator)
            }
            #expect(standardError(of: result).contains("dropout(probability: 1.5) needs a probability between 0 and 1"))
        default:
            let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor.arange(5, 0)
            }
            #expect(standardError(of: result).contains("arange(5.0, 0.0, step: 1.0) never reaches 0.0 from 5.0"))
        }
    }

    @Test("gradientCheck with no input that requires gradients")
    func gradientCheckWithoutGradients() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = gradientCheck({ inputs in inputs[0] * 2 }, inputs: [Tensor([1, 2])])
        }
        #expect(standardError(of: result).contains("none of the 1 inputs does"))
    }

    @Test("Assigning a gradient of the wrong shape")
    func gradientOfWrongShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1, 2], requiresGrad: true).grad = Tensor([1, 2, 3])
        }
        #expect(standardError(of: result).contains("the tensor has shape [2], the gradient assigned has shape [3]"))
    }
}
