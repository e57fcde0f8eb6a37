// Gradients of gradients of reductions, shape operations and indexing, against finite
// differences of the first-order gradient. Each result is multiplied by a nonlinear function of
// the input, so that the second derivative runs through the operation's gradient rule.

import LossKit
import Testing

@Suite("Second order: reductions and shapes")
struct SecondOrderShapeTests {
    @Test("sum and mean over everything, one dimension and several")
    func reductions() {
        SecondOrderCheck.expectMatch(shapes: [[2, 3]]) { $0[0].sum() * $0[0].mean() }
        SecondOrderCheck.expectMatch(shapes: [[2, 3, 2]]) { exp($0[0].sum(dim: 1)) * $0[0].mean(dim: -2) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3, 2]]) { tanh($0[0].sum(dims: [0, 2], keepDims: true)) * $0[0] }
        SecondOrderCheck.expectMatch(shapes: [[2, 3, 2]]) { sigmoid($0[0].mean(dims: [2, 0])) }
    }

    @Test("reshape, flatten, squeeze, unsqueeze, transpose and permute")
    func shapes() {
        SecondOrderCheck.expectMatch(shapes: [[2, 3]]) { x in x[0].reshaped([3, 2]) * x[0].reshaped([-1, 2]) }
        SecondOrderCheck.expectMatch(shapes: [[1, 3, 1]]) { x in exp(x[0].squeezed()) * x[0].flattened() }
        SecondOrderCheck.expectMatch(shapes: [[3]]) { x in sigmoid(x[0].unsqueezed(dim: 0) * x[0].unsqueezed(dim: 1)) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3]]) { x in matmul(x[0], x[0].transposed()) }
        SecondOrderCheck.expectMatch(shapes: [[2, 3, 2]]) { x in x[0].permuted([2, 0, 1]) * tanh(x[0].transposed(0, 2).transposed(1, 2)) }
    }

    @Test("broadcasting against itself and summing back")
    func broadcasting() {
        SecondOrderCheck.expectMatch(shapes: [[3], [2, 1]]) { x in exp(x[0] * x[1]).sum(dim: 0) * x[0] }
    }
}

@Suite("Second order: indexing, slicing and joining")
struct SecondOrderIndexingTests {
    @Test("x[i], ranges, slice along a dimension")
    func slicing() {
        SecondOrderCheck.expectMatch(shapes: [[3, 4]]) { x in x[0][1] * x[0][-1] * x[0][0] }
        SecondOrderCheck.expectMatch(shapes: [[5, 2]]) { x in exp(x[0][1..<3]) * x[0][2...] .slice(dim: 0, range: 0..<2) }
        SecondOrderCheck.expectMatch(shapes: [[2, 5]]) { x in x[0].slice(dim: 1, range: 1..<4) * x[0].slice(dim: -1, range: 0..<3) }
    }

    @Test("select with repeated indices, gather along both dimensions")
    func picking() {
        SecondOrderCheck.expectMatch(shapes: [[4, 3]]) { x in x[0].select(indices: [2, 0, 2], dim: 0) * x[0][rows: [1, 1, 3]] }
        SecondOrderCheck.expectMatch(shapes: [[3, 4]]) { x in
            tanh(x[0].gather(dim: 1, index: [0, 3, 3, 1, 2, 0], shape: [3, 2])) * x[0].gather(dim: 0, index: [2, 0, 1, 1, 0, 2], shape: [3, 2])
        }
    }

    @Test("concat and stack, where every part's gradient comes back")
    func joining() {
        SecondOrderCheck.expectMatch(shapes: [[2, 3], [1, 3]]) { x in
            let joined = concat([x[0], x[1], x[0]], dim: 0)
            return joined * joined
        }
        SecondOrderCheck.expectMatch(shapes: [[2, 2], [2, 1]]) { x in exp(concat([x[0], x[1]], dim: 1)) * concat([x[1], x[0]], dim: -1) }
        SecondOrderCheck.expectMatch(shapes: [[3], [3]]) { x in tanh(stack([x[0], x[1], x[0]], dim: 1)) * stack([x[1], x[0], x[1]], dim: 1) }
    }

    @Test("max and min along a dimension and over everything")
    func extremes() {
        SecondOrderCheck.expectMatch(shapes: [[3, 4]]) { x in x[0].max(dim: 1) * x[0].min(dim: 1, keepDims: false) * x[0].sum(dim: 1) }
        SecondOrderCheck.expectMatch(shapes: [[3, 4]]) { x in exp(x[0].max(dim: 0, keepDims: true)) * x[0] }
        SecondOrderCheck.expectMatch(shapes: [[3, 4]]) { x in x[0].max() * x[0].min() * x[0] }
    }
}
