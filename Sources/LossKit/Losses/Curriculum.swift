// Curriculum learning by self-paced selection: easy examples first, harder ones as training goes on.

/// Computes the self-paced curriculum loss: the mean of the per-example losses that are below
/// a threshold, so that training starts from the examples the model already finds easy.
///
/// `loss = (1/K) · Σᵢ vᵢ·ℓᵢ`, with `vᵢ = 1` where `ℓᵢ < λ` and `0` elsewhere, and `K = Σᵢ vᵢ`
/// (0 when no example is selected). The selection `v` is made on the values and held constant:
/// the gradient reaches only the selected examples, each with weight `1/K`. The selection is the
/// minimiser over `v ∈ {0, 1}ᴺ` of Kumar et al.'s objective `Σᵢ vᵢℓᵢ − λ·Σᵢ vᵢ` for fixed losses.
///
/// Raise λ as training goes on (Kumar et al. multiply it by a constant μ > 1 each epoch): the
/// curriculum then admits harder examples, and finally all of them. Examples that stay hard for
/// long, such as mislabelled ones, are the last to count, which makes the curriculum robust to
/// label noise.
///
/// Worked example: losses `[0.2, 1.5, 0.4, 3.0]` with λ = 1 select the first and third, so the
/// loss is `(0.2 + 0.4) / 2 = 0.3`, and the gradient is `[0.5, 0, 0.5, 0]`.
///
/// - Parameters:
///   - losses: One loss per example, shape `[N]` (from a loss with `reduction: .none`).
///   - threshold: λ: an example counts when its loss is below it.
/// - Returns: A scalar tensor.
/// - Source: M. P. Kumar, B. Packer and D. Koller, "Self-Paced Learning for Latent Variable
///   Models", NeurIPS 2010; curriculum learning: Y. Bengio, J. Louradour, R. Collobert and
///   J. Weston, "Curriculum Learning", ICML 2009.
public func selfPacedLoss(_ losses: Tensor, threshold: Double) -> Tensor {
    checkPrecondition(losses.rank == 1, "selfPacedLoss needs one loss per example, shape [N], not \(losses.shape); compute the loss with reduction: .none.")
    checkPrecondition(!threshold.isNaN, "selfPacedLoss needs a threshold λ that is a number, not NaN.")
    let selected = losses.scalars.indices.filter { losses.scalars[$0] < threshold }
    guard !selected.isEmpty else { return (losses * 0).sum() }
    return losses.select(indices: selected, dim: 0).mean()
}

/// The fraction of `losses` that ``selfPacedLoss(_:threshold:)`` selects at `threshold`: how far
/// the curriculum has come.
public func selfPacedFraction(_ losses: [Double], threshold: Double) -> Double {
    guard !losses.isEmpty else { return 0 }
    return Double(losses.filter { $0 < threshold }.count) / Double(losses.count)
}
