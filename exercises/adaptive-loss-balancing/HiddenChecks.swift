import Foundation
import LossLab
import ExerciseTesting

let hiddenChecks: [Check] = [
    Check("random cases with 1 to 5 tasks: value and gradients match an independent computation", points: 2) { learner in
        var generator = CaseGenerator(state: 11)
        var cases: [(s: [Double], losses: [Double])] = []
        for trial in 0..<10 {
            let tasks = 1 + trial % 5
            let s = (0..<tasks).map { _ in 4 * generator.next() - 2 }
            let losses = (0..<tasks).map { _ in 0.01 + 5 * generator.next() }
            cases.append((s, losses))
        }
        let results = try learner.run("combined", each: cases.map { ["s": .numbers($0.s), "losses": .numbers($0.losses)] })
        for (trial, (item, result)) in zip(cases, results).enumerated() {
            try requireDifferentiable(result)
            var expected = 0.0
            for (si, li) in zip(item.s, item.losses) { expected += exp(-si) * li + si }
            try expectClose(try combinedValue(result, "Hidden case \(trial): the combined loss"), expected, tolerance: 1e-12,
                            "Hidden case \(trial): the combined loss")
            try expectClose(try result.numbers("weights"), item.s.map { exp(-$0) }, tolerance: 1e-12, "Hidden case \(trial): weights")
            try expectClose(result["gradient s"] == nil ? [] : try result.numbers("gradient s"),
                            zip(item.s, item.losses).map { 1 - exp(-$0) * $1 }, tolerance: 1e-12,
                            "Hidden case \(trial): ∂(combined loss)/∂s")
            try expectClose(try result.numbers("gradient losses"), item.s.map { exp(-$0) }, tolerance: 1e-12,
                            "Hidden case \(trial): ∂(combined loss)/∂L")
        }
    },
    Check("losses far from 1 (0.05 to 8) still lead to the weights 1/Lᵢ") { learner in
        let losses = [0.05, 8.0, 0.7, 3.0]
        let result = try learner.run("constant losses", ["losses": .numbers(losses), "steps": .integer(1500)])
        try requireDifferentiable(result)
        try expectClose(try result.numbers("s"), losses.map { log($0) }, tolerance: 1e-3,
                        "On constant losses \(losses) the log-variances should approach log L: logVariances")
    },
    Check("each history entry is a copy of the weights when the epoch ended") { learner in
        let result = try learner.run("plot", ["tasks": .integer(2), "s": .numbers([0.5, -1, -0.25, 2]), "figure": .text("none")])
        let (entries, flat) = try weightHistory(result)
        try expect(entries == 2, "After 2 calls of endEpoch the history has \(entries) entries.")
        try expectClose(flat, [exp(-0.5), exp(1), exp(0.25), exp(-2)], tolerance: 1e-12,
                        "The history should hold exp(−s) after each epoch: flattened weightHistory")
    },
    Check("the plot follows the weights: different histories give different images") { learner in
        func history(_ scale: Double) -> [[Double]] {
            (1...5).map { epoch in [-0.2, 0.1, -0.4].map { $0 * Double(epoch) * scale } }
        }
        let results = try learner.run("plot", each: [plotInput(history(1), figure: "draw"), plotInput(history(2), figure: "draw")])
        var images: [[UInt8]] = []
        for (scale, result) in zip([1, 2], results) {
            let flat = try weightHistory(result).flat
            try expect(flat.count == 15, "After 5 epochs the weight history holds \(flat.count) weights; it should hold 3 per epoch.")
            try expect(flat.allSatisfy(\.isFinite),
                       "The weight history holds values that are not finite numbers, so the plot would have nothing to draw: the weights are exp(−s).")
            let bytes = try result.bytes("png")
            try expectPlot(bytes, tasks: 3, "The image weightFigure() draws for history \(scale)")
            images.append(bytes)
        }
        try expect(images[0] != images[1],
                   "weightFigure() draws the same image for two different weight histories: plot weightHistory, one line per task, against the epoch.")
    },
]
