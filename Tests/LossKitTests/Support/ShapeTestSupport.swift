// Helpers for the tests of shape, indexing, distance, convolution and pooling operations.

import LossKit
import Testing

/// A tensor of distinct, exactly representable values that NumPy can rebuild:
/// element `i` (row-major) is `((i · 73 + 5) mod 211) / 32 − 3`, for `i` from `start`.
///
/// NumPy: `np.array([((i*73+5) % 211)/32 - 3 for i in range(start, start+n)]).reshape(shape)`.
/// Values are distinct for up to 211 elements, so max pooling has no ties.
func numpyRamp(_ shape: [Int], start: Int = 0, requiresGrad: Bool = false) -> Tensor {
    let count = shape.reduce(1, *)
    let values = (start..<(start + count)).map { Double(($0 * 73 + 5) % 211) / 32 - 3 }
    return Tensor(shape: shape, scalars: values, requiresGrad: requiresGrad)
}

/// Expects `tensor` to have `shape` and values within `tolerance` (absolute plus relative) of `expected`.
func expectValues(
    _ tensor: Tensor, shape: [Int], _ expected: [Double], tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(tensor.shape == shape, sourceLocation: sourceLocation)
    #expect(
        allClose(tensor.scalars, expected, tolerance: tolerance),
        "values differ by up to \(largestDifference(tensor.scalars, expected)): \(tensor.scalars)",
        sourceLocation: sourceLocation
    )
}

/// The gradient `backward()` left in `tensor`, or an empty list (and a recorded issue) if there is none.
func gradientValues(of tensor: Tensor, sourceLocation: SourceLocation = #_sourceLocation) -> [Double] {
    guard let gradient = tensor.grad else {
        Issue.record("no gradient reached a tensor of shape \(tensor.shape)", sourceLocation: sourceLocation)
        return []
    }
    return gradient.scalars
}

/// What a child process that stopped with a misuse message printed to standard error.
func misuseMessage(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
