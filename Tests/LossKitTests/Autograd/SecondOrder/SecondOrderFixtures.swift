// Loads Fixtures/second_order.json, PyTorch's float64 numbers for gradients of gradients, made by
// Tests/Tooling/second_order_golden.py.
//
// Conventions (from the file): `inputs` holds every tensor of a case (labels as `ints`; for kind
// "hvp", `v_<name>` is the direction for parameter <name>); `outputs` the scalars computed;
// `grad[output][input]` the gradient of that output with respect to that input, computed through
// a graph recorded with create_graph=True; `grad["hvp"][name]` the Hessian-vector product.

import Foundation
import LossKit
import Testing

struct SecondOrderFixtures: Decodable, Sendable {
    /// Which library and settings produced the numbers.
    let generator: String
    /// How to read the cases.
    let conventions: String
    /// Every case.
    let cases: [SecondOrderCase]

    /// Reads `Fixtures/second_order.json` from the test bundle.
    static func load() throws -> SecondOrderFixtures {
        try decodeFixture("second_order")
    }

    /// The case called `id`.
    static func named(_ id: String) throws -> SecondOrderCase {
        guard let found = try load().cases.first(where: { $0.id == id }) else {
            throw FixtureError.missingParameter(caseID: id, name: "the case itself")
        }
        return found
    }
}

/// One reference computation with its inputs, outputs and gradients.
struct SecondOrderCase: Decodable, Sendable, CustomTestStringConvertible {
    let id: String
    let kind: String
    let inputs: [String: FixtureTensor]
    let outputs: [String: FixtureTensor]
    let grad: [String: [String: FixtureTensor]]

    var testDescription: String { id }

    /// The input called `name` as a tensor.
    func tensor(_ name: String, requiresGrad: Bool = false) throws -> Tensor {
        guard let stored = inputs[name] else { throw FixtureError.missingParameter(caseID: id, name: name) }
        return stored.tensor(requiresGrad: requiresGrad)
    }

    /// The integer input called `name` (class labels).
    func ints(_ name: String) throws -> [Int] {
        guard let values = inputs[name]?.ints else { throw FixtureError.missingParameter(caseID: id, name: name) }
        return values
    }

    /// The single value of the output called `name`.
    func output(_ name: String) throws -> [Double] {
        guard let stored = outputs[name] else { throw FixtureError.missingParameter(caseID: id, name: name) }
        return stored.values
    }

    /// The stored gradient of `output` with respect to `input`.
    func gradient(of output: String, _ input: String) throws -> [Double] {
        guard let stored = grad[output]?[input] else {
            throw FixtureError.missingParameter(caseID: id, name: "grad[\(output)][\(input)]")
        }
        return stored.values
    }
}

/// PyTorch's `F.linear`: `x·Wᵀ + b` with weights `[out, in]`.
func linear(_ x: Tensor, _ weight: Tensor, _ bias: Tensor) -> Tensor {
    matmul(x, weight.transposed()) + bias
}
