// Loads the reference values in Fixtures/losses.json, computed with PyTorch in float64.
//
// Conventions (from the file): `value` is the loss (a scalar unless reduction is "none").
// `grad[k]` is d(sum(value * __grad_output__)) / d(input k); for scalar values __grad_output__ is 1.
// The __grad_output__ tensor, when present, is stored as an extra entry of `grad`.
// Integer tensors (class labels) store `ints` instead of `data`.

import Foundation
import LossKit
import Testing

/// The whole fixture file.
struct LossFixtures: Decodable, Sendable {
    /// Which library and settings produced the numbers.
    let generator: String
    /// How to read `value`, `grad` and `__grad_output__`.
    let conventions: String
    /// Every reference case, for every loss.
    let cases: [LossCase]

    /// Reads and decodes `Fixtures/losses.json` from the test bundle.
    static func load() throws -> LossFixtures {
        try decodeFixture("losses")
    }

    /// The cases whose `loss` field is `loss`, such as `"mse"`.
    static func cases(for loss: String) throws -> [LossCase] {
        try load().cases.filter { $0.loss == loss }
    }
}

/// A problem found while reading the fixtures.
/// Decodes `Fixtures/<name>.json` from the test bundle.
func decodeFixture<File: Decodable>(_ name: String, as type: File.Type = File.self) throws -> File {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
        throw FixtureError.missingFile("Fixtures/\(name).json")
    }
    return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
}

enum FixtureError: Error, CustomStringConvertible {
    case missingFile(String)
    case missingParameter(caseID: String, name: String)
    case unknownReduction(String)

    var description: String {
        switch self {
        case .missingFile(let path): "Fixture file \(path) is not in the test bundle."
        case .missingParameter(let caseID, let name): "Case \(caseID) has no parameter \(name)."
        case .unknownReduction(let name): "Unknown reduction \"\(name)\"."
        }
    }
}

/// One reference computation: a loss applied to some inputs, its value and its gradients.
struct LossCase: Decodable, Sendable, CustomTestStringConvertible {
    let id: String
    let loss: String
    let params: [String: FixtureParameter]
    let inputs: [String: FixtureTensor]
    let value: FixtureTensor
    /// The gradients of the inputs, by input name, plus the `__grad_output__` entry described below.
    let grad: [String: FixtureTensor]

    /// The gradient to feed to `backward(gradient:)` when `value` is not a scalar, stored in
    /// `grad["__grad_output__"]`; `nil` for scalar values, where it is implicitly 1.
    var gradOutput: FixtureTensor? { grad["__grad_output__"] }

    var testDescription: String { id }

    /// The `reduction` parameter as a LossKit ``Reduction``.
    func reduction() throws -> Reduction {
        guard case .string(let name)? = params["reduction"] else {
            throw FixtureError.missingParameter(caseID: id, name: "reduction")
        }
        switch name {
        case "mean": return .mean
        case "sum": return .sum
        case "none": return .none
        default: throw FixtureError.unknownReduction(name)
        }
    }

    /// The input called `name`, as a tensor.
    func input(_ name: String, requiresGrad: Bool = false) throws -> Tensor {
        guard let tensor = inputs[name] else {
            throw FixtureError.missingParameter(caseID: id, name: name)
        }
        return tensor.tensor(requiresGrad: requiresGrad)
    }
}

/// A tensor as stored in the fixtures: a shape and either real `data` or integer `ints`.
struct FixtureTensor: Decodable, Sendable {
    let shape: [Int]
    let data: [Double]?
    let ints: [Int]?

    /// The values as `Double`, whichever way they were stored.
    var values: [Double] { data ?? ints?.map(Double.init) ?? [] }

    /// A LossKit tensor with these values.
    func tensor(requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, scalars: values, requiresGrad: requiresGrad)
    }
}

/// A loss parameter: a number, a flag, a name, or a list of them.
enum FixtureParameter: Decodable, Sendable, Equatable {
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([FixtureParameter])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            self = .list(try container.decode([FixtureParameter].self))
        }
    }
}
