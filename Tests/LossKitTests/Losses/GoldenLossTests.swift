import Foundation
import LossKit
import Testing

/// A golden case's inputs and parameters, handed to the computation that reproduces it.
/// Floating inputs become tensors that require gradients (created once, so their gradients can
/// be read after `backward`); integer inputs (`ints`) are class labels.
final class GoldenInputs {
    let reference: LossCase
    private var tensors: [String: Tensor] = [:]

    init(_ reference: LossCase) { self.reference = reference }

    /// The floating input `name`, as a tensor that requires gradients.
    func tensor(_ name: String) throws -> Tensor {
        if let existing = tensors[name] { return existing }
        let made = try reference.input(name, requiresGrad: reference.inputs[name]?.data != nil)
        tensors[name] = made
        return made
    }

    /// The integer input `name` (class labels).
    func ints(_ name: String) throws -> [Int] {
        guard let values = reference.inputs[name]?.ints else {
            throw FixtureError.missingParameter(caseID: reference.id, name: name)
        }
        return values
    }

    /// The numeric parameter `name`, or `fallback` when absent.
    func number(_ name: String, _ fallback: Double? = nil) throws -> Double {
        if case .number(let value)? = reference.params[name] { return value }
        if let fallback { return fallback }
        throw FixtureError.missingParameter(caseID: reference.id, name: name)
    }

    /// The flag `name`, false when absent.
    func flag(_ name: String) -> Bool {
        if case .bool(let value)? = reference.params[name] { return value }
        return false
    }

    /// The text parameter `name`, or nil.
    func text(_ name: String) -> String? {
        if case .string(let value)? = reference.params[name] { return value }
        return nil
    }

    /// The `reduction` parameter (mean when absent).
    func reduction() throws -> Reduction {
        reference.params["reduction"] == nil ? .mean : try reference.reduction()
    }

    /// The tensors made so far, by input name.
    var made: [String: Tensor] { tensors }
}

/// Reproduces one golden case: returns the loss value computed from the inputs.
typealias GoldenComputation = @Sendable (GoldenInputs) throws -> Tensor

/// Every loss family's computations, by the fixtures' `loss` name. Each family lives in its own file.
enum GoldenRegistry {
    static var all: [String: GoldenComputation] {
        var merged: [String: GoldenComputation] = [:]
        for family in [regression, classification, metricLearning, segmentation, generative, multiTask] {
            merged.merge(family) { first, _ in first }
        }
        return merged
    }
}

@Suite("Every loss matches PyTorch (golden values and gradients)")
struct GoldenLossTests {
    /// Relative error ≤ 1e-9, or absolute ≤ 1e-12 near zero.
    static func close(_ actual: Double, _ expected: Double) -> Bool {
        abs(actual - expected) <= max(1e-12, 1e-9 * abs(expected))
    }

    static let cases: [LossCase] = (try? LossFixtures.load().cases) ?? []

    @Test("the fixtures hold all 83 cases")
    func complete() {
        #expect(Self.cases.count == 83)
    }

    @Test("value and every gradient", arguments: cases)
    func golden(_ reference: LossCase) throws {
        guard let computation = GoldenRegistry.all[reference.loss] else {
            Issue.record("No LossKit implementation is registered for the golden loss “\(reference.loss)”.")
            return
        }
        let inputs = GoldenInputs(reference)
        let value = try computation(inputs)
        #expect(value.shape == reference.value.shape, "value shape")
        for (index, (actual, expected)) in zip(value.scalars, reference.value.values).enumerated() {
            #expect(Self.close(actual, expected), "\(reference.id) value[\(index)]: \(actual) vs \(expected)")
        }
        if let gradOutput = reference.gradOutput {
            value.backward(gradient: gradOutput.tensor())
        } else {
            value.backward()
        }
        for (name, expected) in reference.grad where name != "__grad_output__" {
            let tensor = try inputs.tensor(name)
            let gradient = try #require(tensor.grad, "\(reference.id): no gradient reached \(name)")
            #expect(gradient.shape == expected.shape, "\(reference.id): gradient shape of \(name)")
            for (index, (actual, wanted)) in zip(gradient.scalars, expected.values).enumerated() {
                #expect(Self.close(actual, wanted), "\(reference.id) ∂/∂\(name)[\(index)]: \(actual) vs \(wanted)")
            }
        }
    }
}
