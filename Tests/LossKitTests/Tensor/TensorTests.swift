import LossKit
import Testing

@Suite("Creating tensors")
struct TensorTests {
    @Test("A scalar has shape [], one element and rank 0")
    func scalar() {
        let tensor = Tensor(2.5, requiresGrad: true)
        #expect(tensor.shape == [])
        #expect(tensor.count == 1)
        #expect(tensor.rank == 0)
        #expect(tensor.item == 2.5)
        #expect(tensor.requiresGrad)
        #expect(tensor.isLeaf)
        #expect(tensor.grad == nil)
    }

    @Test("A vector has shape [n]")
    func vector() {
        let tensor = Tensor([1, 2, 3])
        #expect(tensor.shape == [3])
        #expect(tensor.scalars == [1, 2, 3])
        #expect(tensor.rank == 1)
        #expect(!tensor.requiresGrad)
    }

    @Test("A matrix from rows is stored row by row")
    func matrix() {
        let tensor = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(tensor.shape == [2, 3])
        #expect(tensor.scalars == [1, 2, 3, 4, 5, 6])
        #expect(tensor.count == 6)
        #expect(tensor.rank == 2)
    }

    @Test("An empty list of rows is a 0 × 0 matrix")
    func emptyMatrix() {
        let tensor = Tensor([[Double]]())
        #expect(tensor.shape == [0, 0])
        #expect(tensor.count == 0)
    }

    @Test("Any shape, including rank 3 and empty dimensions")
    func anyShape() {
        let cube = Tensor(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(cube.rank == 3)
        #expect(cube.count == 8)
        let empty = Tensor(shape: [3, 0], scalars: [])
        #expect(empty.count == 0)
        #expect(empty.shape == [3, 0])
        let single = Tensor(shape: [1, 1], scalars: [7])
        #expect(single.item == 7)
    }

    @Test("Array literals make tensors; numbers combine with tensors without being tensors")
    func literals() {
        let fromArray: Tensor = [1, 2.5, -3]
        #expect(fromArray.shape == [3] && fromArray.scalars == [1, 2.5, -3])
        #expect(Tensor(3).shape == [] && Tensor(3).item == 3)
        #expect((1 - fromArray).scalars == [0, -1.5, 4])
        // With integer/float literal conformances this reduce would be ambiguous.
        let total = [1.0, 2.0, 3.0].reduce(0, +)
        #expect(total == 6)
    }

    @Test("requiresGrad can be switched on for a leaf tensor")
    func switchRequiresGrad() {
        let tensor = Tensor([1, 2])
        tensor.requiresGrad = true
        (tensor * tensor).sum().backward()
        #expect(tensor.grad?.scalars == [2, 4])
    }

    @Test("Tensors are references: two names, one tensor")
    func referenceSemantics() {
        let weight = Tensor([1, 2], requiresGrad: true)
        let sameWeight = weight
        (weight * 3).sum().backward()
        #expect(sameWeight.grad?.scalars == [3, 3])
        #expect(sameWeight === weight)
    }
}
