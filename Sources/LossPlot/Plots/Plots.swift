internal import Foundation
import LossKit

/// Ready-made figures of the course, computed with LossKit (never hard-coded curves).
public enum Plots {
    /// `count` evenly spaced values over `range`.
    static func grid(_ range: ClosedRange<Double>, _ count: Int) -> [Double] {
        (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1) }
    }

    /// The focal loss `−(1 − p_t)^γ · log p_t` against the probability of the true class, one curve
    /// per γ (γ = 0 is cross-entropy), computed with ``LossKit/focalLoss(_:_:alpha:gamma:reduction:)``
    /// on two-class logits whose softmax gives `p_t`.
    ///
    /// - Source: Lin, Goyal, Girshick, He & Dollár, "Focal Loss for Dense Object Detection", ICCV 2017.
    public static func focalCurve(gammas: [Double] = [0, 0.5, 1, 2, 5], width: Int = 800, height: Int = 500) -> Figure {
        let probabilities = grid(0.01...1, 200)
        let logits = Tensor(shape: [probabilities.count, 2],
                            scalars: probabilities.flatMap { [log($0), log(Swift.max(1 - $0, 1e-300))] })
        let targets = Array(repeating: 0, count: probabilities.count)
        let figure = Figure(width: width, height: height)
        let axes = figure.axes
        axes.title = "Focal loss: easy examples count less as γ grows"
        axes.xLabel = "probability of the true class, p_t"
        axes.yLabel = "loss"
        axes.yLimits = 0...5
        axes.legendPosition = .upperRight
        for gamma in gammas {
            let losses = focalLoss(logits, targets, alpha: 1, gamma: gamma, reduction: .none).scalars
            axes.plot(probabilities, losses, label: gamma == 0 ? "γ = 0 (cross-entropy)" : "γ = \(gamma.formatted())")
        }
        return figure
    }

    /// MSE, MAE, Huber and log-cosh as functions of the error, and in a second panel their
    /// gradients with respect to the prediction, obtained by autograd.
    public static func regressionLosses(errors range: ClosedRange<Double> = -3...3, delta: Double = 1,
                                        width: Int = 1100, height: Int = 450) -> Figure {
        let errors = grid(range, 241)
        let target = Tensor(Array(repeating: 0.0, count: errors.count))
        let losses: [(String, (Tensor, Tensor) -> Tensor)] = [
            ("MSE", { mseLoss($0, $1, reduction: .none) }),
            ("MAE", { l1Loss($0, $1, reduction: .none) }),
            ("Huber (δ = \(delta.formatted()))", { huberLoss($0, $1, delta: delta, reduction: .none) }),
            ("Log-Cosh", { logCoshLoss($0, $1, reduction: .none) }),
        ]
        let figure = Figure(width: width, height: height, rows: 1, columns: 2)
        let values = figure.axes(row: 0, column: 0), slopes = figure.axes(row: 0, column: 1)
        values.title = "Regression losses"
        values.xLabel = "error (prediction − target)"
        values.yLabel = "loss"
        slopes.title = "Their gradients (autograd)"
        slopes.xLabel = "error (prediction − target)"
        slopes.yLabel = "∂loss/∂prediction"
        for (name, loss) in losses {
            let prediction = Tensor(errors, requiresGrad: true)
            let value = loss(prediction, target)
            value.backward(gradient: Tensor.ones(value.shape))
            values.plot(errors, value.scalars, label: name)
            slopes.plot(errors, prediction.grad?.scalars ?? [], label: name)
        }
        values.yLimits = 0...Swift.min(4.5, range.upperBound * range.upperBound)
        values.legendPosition = .upperCenter
        slopes.legendPosition = .upperLeft
        return figure
    }

    /// Loss histories, one curve each, optionally on a logarithmic y axis.
    public static func trainingCurves(_ histories: [(name: String, losses: [Double])], logScale: Bool = false,
                                      title: String = "Training loss", width: Int = 800, height: Int = 500) -> Figure {
        let figure = Figure(width: width, height: height)
        let axes = figure.axes
        axes.title = title
        axes.xLabel = "epoch"
        axes.yLabel = logScale ? "loss (log scale)" : "loss"
        if logScale { axes.yScale = .log }
        for history in histories {
            axes.plot(history.losses.indices.map { Double($0 + 1) }, history.losses, label: history.name)
        }
        return figure
    }

    /// The weight of each task per epoch, as a multi-task strategy's history records it.
    public static func taskWeights(_ history: [[Double]], tasks: [String], title: String = "Task weights",
                                   width: Int = 800, height: Int = 500) -> Figure {
        let figure = Figure(width: width, height: height)
        let axes = figure.axes
        axes.title = title
        axes.xLabel = "epoch"
        axes.yLabel = "weight"
        for (index, task) in tasks.enumerated() {
            let series = history.map { index < $0.count ? $0[index] : .nan }
            axes.plot(series.indices.map { Double($0 + 1) }, series, label: task, marker: history.count <= 30 ? .circle : nil)
        }
        return figure
    }
}
