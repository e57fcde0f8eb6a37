import LossKit
import Testing

@Suite("Mean squared error")
struct MSELossTests {
    /// Reference values are PyTorch float64 results; we allow 1e-12, absolute plus relative.
    static let goldenTolerance = 1e-12

    @Test("The fixtures cover every reduction of mseLoss")
    func fixturesCoverEveryReduction() throws {
        let cases = try LossFixtures.cases(for: "mse")
        let reductions = Set(try cases.map { try $0.reduction() })
        #expect(reductions == Set(Reduction.allCases))
    }

    @Test("mseLoss matches PyTorch: value and gradients", arguments: try LossFixtures.cases(for: "mse"))
    func matchesPyTorch(_ reference: LossCase) throws {
        let prediction = try reference.input("prediction", requiresGrad: true)
        let target = try reference.input("target", requiresGrad: true)
        let loss = mseLoss(prediction, target, reduction: try reference.reduction())

        #expect(loss.shape == reference.value.shape)
        #expect(
            allClose(loss.scalars, reference.value.values, tolerance: Self.goldenTolerance),
            "value differs by up to \(largestDifference(loss.scalars, reference.value.values))"
        )

        if reference.value.shape.isEmpty {
            loss.backward()
        } else {
            let gradOutput = try #require(reference.gradOutput, "a non-scalar value needs __grad_output__")
            loss.backward(gradient: gradOutput.tensor())
        }
        for (name, tensor) in [("prediction", prediction), ("target", target)] {
            let expected = try #require(reference.grad[name], "fixture has no gradient for \(name)")
            let gradient = try #require(tensor.grad, "no gradient reached \(name)")
            #expect(gradient.shape == expected.shape)
            #expect(
                allClose(gradient.scalars, expected.values, tolerance: Self.goldenTolerance),
                "gradient of \(name) differs by up to \(largestDifference(gradient.scalars, expected.values))"
            )
        }
    }

    @Test("A small example worked by hand")
    func handExample() {
        let prediction = Tensor([1, 2, 3])
        let target = Tensor([1, 4, 0])
        // Squared errors: 0, 4, 9.
        #expect(mseLoss(prediction, target).item == 13.0 / 3.0)
        #expect(mseLoss(prediction, target, reduction: .sum).item == 13)
        #expect(mseLoss(prediction, target, reduction: .none).scalars == [0, 4, 9])
    }

    @Test("Without requiresGrad inputs the loss records no history")
    func noHistoryWithoutGradients() {
        let loss = mseLoss(Tensor([1, 2]), Tensor([0, 0]))
        #expect(!loss.requiresGrad)
        #expect(loss.isLeaf)
    }

    @Test("Mismatched shapes stop with both shapes named, instead of broadcasting like PyTorch")
    func refusesMismatchedShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = mseLoss(Tensor(shape: [4, 1], scalars: [1, 2, 3, 4]), Tensor([1, 2, 3, 4]))
        }
        #expect(standardError(of: result).contains("prediction [4, 1] and target [4]"))
    }
}
