import Foundation
import LossKit
import Testing
@testable import LossPlot

/// The ready-made figures of ``Plots``, compared with committed references (see
/// ``ReferenceImageTests`` for the tolerance and for how to record references).
@Suite("Ready-made figures")
struct PlotsReferenceTests {
    static let names = ["plots-focal-curve", "plots-regression-losses", "plots-rosenbrock", "plots-training-curves", "plots-task-weights"]

    /// The figure of reference `name`, at a small size so references stay light.
    static func figure(_ name: String) -> Figure? {
        switch name {
        case "plots-focal-curve": return Plots.focalCurve(width: 480, height: 300)
        case "plots-regression-losses": return Plots.regressionLosses(width: 640, height: 280)
        case "plots-rosenbrock":
            let path: [(x: Double, y: Double)] = [(-1.5, 2), (-1, 1), (-0.5, 0.3), (0, 0), (0.5, 0.25), (1, 1)]
            return Plots.lossLandscape(LossLandscape.grid(x: -2...2, y: -1...3, steps: 30) { rosenbrock($0) },
                                       path: path, title: "Rosenbrock", width: 700, height: 300)
        case "plots-training-curves":
            return Plots.trainingCurves([("fast", [1, 0.3, 0.1, 0.03, 0.01]), ("slow", [1, 0.8, 0.6, 0.5, 0.45])],
                                        logScale: true, width: 480, height: 300)
        case "plots-task-weights":
            return Plots.taskWeights([[1, 1, 1], [0.7, 1.1, 1.2], [0.5, 1.2, 1.3], [0.4, 1.3, 1.3]],
                                     tasks: ["segmentation", "depth", "detection"], width: 480, height: 300)
        default: return nil
        }
    }

    @Test("ready-made figures look like their references", arguments: names)
    func matchesReference(name: String) throws {
        let figure = try #require(Self.figure(name))
        if ReferenceImageTests.recording {
            try figure.savePNG(to: ReferenceImageTests.sourceReferencePath(name))
            return
        }
        let image = try DecodedPNG(bytes: figure.pngData())
        let difference = try #require(ImageDifference(image, try ReferenceImageTests.reference(name)))
        #expect(difference.isWithinTolerance, "\(name): \(difference)")
    }

    @Test("the focal curves come from the focal loss: γ = 0 is cross-entropy, −log p_t")
    func focalCurveValues() {
        let logits = Tensor(shape: [1, 2], scalars: [log(0.3), log(0.7)])
        let value = focalLoss(logits, [0], alpha: 1, gamma: 0, reduction: .none).item
        #expect(abs(value - (-log(0.3))) < 1e-12)
    }
}
