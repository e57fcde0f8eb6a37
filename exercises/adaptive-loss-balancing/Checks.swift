import Foundation
import LossLab
import ExerciseTesting

// The graded checks. They run in a program of their own that never loads your code: they send
// inputs to the probes (Probes.swift), get back what your code computed, and compare it here.

// The three-task scene problem of lesson 7: 8×8 images of one square or disc, with a mask to
// segment, a depth map to regress and the quadrant of the object's centre to detect.

/// The tasks, in the order of the losses and weights.
let sceneTasks = ["segmentation", "depth", "detection"]

/// Fails with a message unless `combined(_:)` gives a scalar through which gradients reach both
/// the task losses and `logVariances` (training would stop at the first step otherwise); the
/// probes try it on a fresh balancer before anything else.
func requireDifferentiable(_ result: ProbeValues) throws {
    let shape = try result.integers("check shape"), depends = try result.flag("check depends on inputs")
    guard shape.reduce(1, *) == 1, depends else {
        throw ExpectationFailure("combined(_:) should return a scalar tensor built from the task losses and logVariances with tensor operations (shape [], requiring gradients), but it returned shape \(shape) with requiresGrad \(depends). Complete combined(_:) first.")
    }
    guard try result.numbers("check gradient s").contains(where: { $0 != 0 }) else {
        throw ExpectationFailure("No gradient reached logVariances from combined(_:): use logVariances[i] (a tensor) in the formula, not its Double value, so that the log-variances can be learned.")
    }
    guard try result.numbers("check gradient losses").allSatisfy({ $0 != 0 }) else {
        throw ExpectationFailure("No gradient reached some task loss from combined(_:): every loss must enter the total, multiplied by its weight exp(−sᵢ).")
    }
}

/// The combined loss as one number, or a failure that says what is wrong with its shape.
func combinedValue(_ result: ProbeValues, _ what: String) throws -> Double {
    let (shape, values) = try result.shapedNumbers("combined")
    try expect(values.count == 1, "\(what) should be a scalar tensor, but its shape is \(shape).")
    return values[0]
}

/// The weight history a probe returned: its number of entries and its weights, flattened.
func weightHistory(_ result: ProbeValues) throws -> (entries: Int, flat: [Double]) {
    (try result.integer("weight history entries"), try result.numbers("weight history"))
}

/// The input of the plot probe: a balancer for the scene's three tasks ends one epoch per row of
/// `logVariances`, then draws (`figure` "draw") or saves (`figure` "save") its weight plot.
func plotInput(_ logVariances: [[Double]], figure: String) -> ProbeValues {
    ["tasks": .integer(3), "s": .numbers(logVariances.flatMap { $0 }), "figure": .text(figure)]
}

/// The lines a PNG image shows: groups of strongly coloured pixels of one hue (grey axes, black
/// text and the white background do not count).
struct PlottedLines {
    /// One group of pixels of one hue.
    struct Line {
        /// The hue in degrees.
        let hue: Double
        /// How many pixels have it.
        let pixels: Int
        /// How many columns of the image, from the leftmost of its pixels to the rightmost.
        let span: Int
    }

    let width: Int
    let height: Int
    let lines: [Line]

    /// Decodes PNG `bytes`; throws a learner-facing message when they are not a PNG image.
    init(png bytes: [UInt8], _ what: String) throws {
        let image: RasterImage
        do {
            image = try RasterImage(pngBytes: bytes)
        } catch {
            throw ExpectationFailure("\(what) (\(bytes.count) bytes) is not a PNG image: \(error). Use Figure's savePNG(to:).")
        }
        width = image.width
        height = image.height
        // Hue in bins of 10°; a pixel counts when it is opaque and far from grey (its largest and
        // smallest channel differ by 60 or more), which anti-aliased edges of a line still are.
        var bins = Array(repeating: (pixels: 0, left: Int.max, right: Int.min), count: 36)
        for row in 0..<image.height {
            for column in 0..<image.width {
                let pixel = image.pixel(column: column, row: row)
                let (r, g, b) = (Double(pixel.red), Double(pixel.green), Double(pixel.blue))
                let largest = max(r, g, b), smallest = min(r, g, b), chroma = largest - smallest
                guard pixel.alpha >= 128, chroma >= 60 else { continue }
                var hue: Double
                if largest == r { hue = 60 * ((g - b) / chroma) } else if largest == g { hue = 60 * ((b - r) / chroma + 2) } else { hue = 60 * ((r - g) / chroma + 4) }
                if hue < 0 { hue += 360 }
                let bin = min(35, Int(hue / 10))
                bins[bin].pixels += 1
                bins[bin].left = min(bins[bin].left, column)
                bins[bin].right = max(bins[bin].right, column)
            }
        }
        // Neighbouring bins with pixels are one colour (a line's hue can straddle a bin edge).
        let used = bins.indices.filter { bins[$0].pixels >= 5 }
        var groups: [[Int]] = []
        for bin in used {
            if let last = groups.last?.last, last == bin - 1 { groups[groups.count - 1].append(bin) } else { groups.append([bin]) }
        }
        if groups.count > 1, let first = groups.first, let last = groups.last, first.first == 0, last.last == 35 {
            groups[0] = last + first
            groups.removeLast()
        }
        lines = groups.map { group in
            let pixels = group.map { bins[$0].pixels }.reduce(0, +)
            let left = group.map { bins[$0].left }.min() ?? 0, right = group.map { bins[$0].right }.max() ?? 0
            let hue = group.map { Double($0 * 10 + 5) * Double(bins[$0].pixels) }.reduce(0, +) / Double(max(pixels, 1))
            return Line(hue: hue, pixels: pixels, span: right - left + 1)
        }
    }

    /// The lines that run across at least `fraction` of the image's width with at least
    /// `minimumPixels` pixels: plotted series, not a legend's short samples or a stray mark.
    func longLines(fraction: Double = 0.4, minimumPixels: Int = 300) -> [Line] {
        lines.filter { Double($0.span) >= fraction * Double(width) && $0.pixels >= minimumPixels }
    }

    /// For messages: each colour group's hue, pixels and width.
    var summary: String {
        lines.isEmpty ? "no coloured pixels"
            : lines.map { "hue \(Int($0.hue))°: \($0.pixels) pixels across \($0.span) columns" }.joined(separator: "; ")
    }
}

/// Fails unless `bytes` are a PNG image of a plot with one line of its own colour per task,
/// each running across a good part of the figure (an empty figure, or one whose series are NaN
/// and so are not drawn, shows at most the legend's short samples).
func expectPlot(_ bytes: [UInt8], tasks: Int, _ what: String) throws {
    let picture = try PlottedLines(png: bytes, what)
    let long = picture.longLines()
    try expect(long.count >= tasks,
               "\(what) (\(picture.width)×\(picture.height) pixels) shows \(long.count) coloured line\(long.count == 1 ? "" : "s") across the plot, but it should show one per task (\(tasks)): plot each task's weights against the epochs, each series in its own colour (the default colours are). What it shows: \(picture.summary).")
}

/// Sets of log-variances for four epochs: s = [−0.1, −0.3, −0.5]·epoch.
let plotHistory: [[Double]] = (1...4).map { epoch in [-0.1, -0.3, -0.5].map { $0 * Double(epoch) } }

let checks: [Check] = [
    Check("the weights are exp(−sᵢ)") { learner in
        let s = [0.3, -0.5, 1.1]
        let result = try learner.run("weights", ["s": .numbers(s)])
        try expectClose(try result.numbers("weights"), s.map { exp(-$0) }, tolerance: 1e-12,
                        "With s = \(s) the weights should be exp(−s): weights")
    },
    Check("the combined loss is Σ exp(−sᵢ)·Lᵢ + sᵢ, with gradients to the losses and to s", points: 2) { learner in
        let s = [0.3, -0.5, 1.1], losses = [2.0, 0.5, 1.5]
        let result = try learner.run("combined", ["s": .numbers(s), "losses": .numbers(losses)])
        try requireDifferentiable(result)
        let expected = zip(s, losses).map { exp(-$0) * $1 + $0 }.reduce(0, +)
        try expectClose(try combinedValue(result, "The combined loss"), expected, tolerance: 1e-12,
                        "The combined loss for L = \(losses), s = \(s)")
        // ∂/∂sᵢ = 1 − exp(−sᵢ)·Lᵢ and ∂/∂Lᵢ = exp(−sᵢ).
        try expectClose(result["gradient s"] == nil ? [] : try result.numbers("gradient s"),
                        zip(s, losses).map { 1 - exp(-$0) * $1 }, tolerance: 1e-12, "∂(combined loss)/∂s")
        try expectClose(try result.numbers("gradient losses"), s.map { exp(-$0) }, tolerance: 1e-12, "∂(combined loss)/∂L")
    },
    Check("on constant losses the learned weights approach the optimum 1/Lᵢ (sᵢ = log Lᵢ)", points: 2) { learner in
        // d/ds (e^{−s}·L + s) = 1 − e^{−s}·L is 0 at s = log L: the weight e^{−s} becomes 1/L.
        let losses = [2.5, 0.4, 1.2]
        let result = try learner.run("constant losses", ["losses": .numbers(losses), "steps": .integer(1000)])
        try requireDifferentiable(result)
        try expectClose(try result.numbers("weights"), losses.map { 1 / $0 }, tolerance: 1e-3,
                        "After 1000 Adam steps on constant losses \(losses) the weights should be near the optimum 1/L: weights")
    },
    Check("training the scene model lowers all three task losses, and the weights move toward 1/Lᵢ", points: 2) { learner in
        let result = try learner.run("train", ["epochs": .integer(12)])
        try requireDifferentiable(result)
        let (shape, values) = try result.shapedNumbers("task losses")
        try expect(shape == [12, 3], "Training should report 12 epochs of 3 task losses; it reported shape \(shape).")
        for (index, task) in sceneTasks.enumerated() {
            let first = values[index], last = values[11 * 3 + index]
            // Measured with the reference solution: the last epoch's loss is 0.44 (segmentation),
            // 0.15 (depth) and 0.48 (detection) times the first epoch's; the limit is 0.8.
            try expect(last < 0.8 * first,
                       "The \(task) loss went from \(first) in the first epoch to \(last) in the last; it should fall below 80% of where it started.")
        }
        let lastLosses = Array(values[(11 * 3)...])
        let weights = try result.numbers("weights")
        for (index, task) in sceneTasks.enumerated() {
            // Every loss ends below 1, so every optimum 1/L is above 1: each weight must have risen.
            // Measured: 3.58 (segmentation), 8.78 (depth), 10.12 (detection); the limit is 1.1.
            try expect(weights.count == sceneTasks.count && weights[index] > 1.1,
                       "After training, the \(task) weight is \(weights.count > index ? weights[index] : .nan) while its loss is \(lastLosses[index]) (optimum 1/L = \(1 / lastLosses[index])); it should have risen above 1.1 from its start at 1.")
        }
        // A smaller loss earns a larger weight: losses 0.270 > 0.114 > 0.038 give weights
        // 3.58 < 8.78 < 10.12 with the reference solution.
        let byLoss = sceneTasks.indices.sorted { lastLosses[$0] > lastLosses[$1] }
        try expect(zip(byLoss, byLoss.dropFirst()).allSatisfy { weights[$0] < weights[$1] },
                   "After training, the losses are \(lastLosses) and the weights \(weights) (tasks \(sceneTasks)); the task with the smaller loss should have the larger weight, as 1/L does.")
    },
    Check("the weight history has one entry per epoch: the weights at that epoch's end") { learner in
        let result = try learner.run("train", ["epochs": .integer(5)])
        try requireDifferentiable(result)
        let (entries, flat) = try weightHistory(result)
        try expect(entries == 5,
                   "After 5 epochs weightHistory has \(entries) entries; endEpoch(taskLosses:) should append the current weights once per epoch.")
        try expectClose(Array(flat.suffix(3)), try result.numbers("weights"), tolerance: 1e-12,
                        "The last entry of weightHistory should equal the current weights: weightHistory.last")
        try expectClose(flat, try result.numbers("trainer weights"), tolerance: 1e-12,
                        "weightHistory should hold the weights the trainer reported at the end of each epoch: flattened weightHistory")
        let rounded = stride(from: 0, to: flat.count, by: 3).map { flat[$0..<min($0 + 3, flat.count)].map { ($0 * 1e9).rounded() } }
        try expect(Set(rounded).count == 5,
                   "The 5 entries of weightHistory are not all different, but the weights change every epoch: append a copy of the current weights in endEpoch(taskLosses:).")
    },
    Check("the weight plot is saved as a PNG image") { learner in
        // Four epochs with s = [−0.1, −0.3, −0.5]·epoch: weights that rise, all finite. The saved
        // file must be a drawn plot, one line per task, not an empty figure or NaN series.
        let result = try learner.run("plot", plotInput(plotHistory, figure: "save"))
        let (entries, flat) = try weightHistory(result)
        try expect(entries == 4 && flat.count == 12,
                   "After 4 calls of endEpoch(taskLosses:) weightHistory has \(entries) entries (\(flat.count) weights); the plot shows the weight history, so it needs one entry of 3 weights per epoch.")
        try expect(flat.allSatisfy(\.isFinite),
                   "The weight history \(flat) holds values that are not finite numbers, so the plot would have nothing to draw: the weights are exp(−s).")
        guard result["png"] != nil else {
            throw ExpectationFailure("saveWeightPlot(to: \"task-weights.png\") wrote no file. Build a Figure of the weight history and call its savePNG(to:).")
        }
        let bytes = try result.bytes("png")
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        try expect(Array(bytes.prefix(8)) == signature,
                   "The file saveWeightPlot(to:) wrote (\(bytes.count) bytes) is not a PNG image: use Figure's savePNG(to:).")
        try expectPlot(bytes, tasks: 3, "The PNG image saveWeightPlot(to:) wrote")
    },
]
