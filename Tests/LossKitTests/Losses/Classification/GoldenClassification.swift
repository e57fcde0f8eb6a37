import LossKit

extension GoldenRegistry {
    /// How each classification golden case is computed with LossKit.
    static let classification: [String: GoldenComputation] = [
        "bce": { try bceLoss($0.tensor("probabilities"), $0.tensor("target"), reduction: $0.reduction()) },
        "bce_with_logits": { inputs in
            let posWeight = try numberList(inputs, "pos_weight").map { Tensor($0) }
            return try bceWithLogitsLoss(
                inputs.tensor("logits"), inputs.tensor("target"), posWeight: posWeight, reduction: inputs.reduction()
            )
        },
        // PyTorch semantics: the mean divides by Σ w_y over targets that are not ignored, for the
        // smoothing term too (cases weight+ignore+ls=…).
        "cross_entropy": { inputs in
            try crossEntropyLoss(
                inputs.tensor("logits"), inputs.ints("target"),
                weight: numberList(inputs, "weight").map { Tensor($0) },
                ignoreIndex: Int(inputs.number("ignore_index", -100)),
                labelSmoothing: inputs.number("label_smoothing", 0),
                reduction: inputs.reduction()
            )
        },
        "nll": { try nllLoss($0.tensor("log_probabilities"), $0.ints("target"), reduction: $0.reduction()) },
        "label_smoothing_ce": {
            try labelSmoothingCrossEntropy($0.tensor("logits"), $0.ints("target"), epsilon: $0.number("epsilon"))
        },
        "focal": {
            try focalLoss(
                $0.tensor("logits"), $0.ints("target"), alpha: $0.number("alpha"), gamma: $0.number("gamma"),
                reduction: $0.reduction()
            )
        },
        "sigmoid_focal": {
            try sigmoidFocalLoss(
                $0.tensor("logits"), $0.tensor("target"), alpha: $0.number("alpha"), gamma: $0.number("gamma"),
                reduction: $0.reduction()
            )
        },
        "kl_div": { inputs in
            let reduction: KLDivergenceReduction = inputs.text("reduction") == "batchmean" ? .batchMean : .init(try inputs.reduction())
            return try klDivLoss(inputs.tensor("input"), inputs.tensor("target"), reduction: reduction, logTarget: inputs.flag("log_target"))
        },
    ]
}

/// The list-of-numbers parameter `name` of a case (such as class weights), or nil when absent.
private func numberList(_ inputs: GoldenInputs, _ name: String) throws -> [Double]? {
    guard case .list(let items)? = inputs.reference.params[name] else { return nil }
    return try items.map { item in
        guard case .number(let value) = item else {
            throw FixtureError.missingParameter(caseID: inputs.reference.id, name: name)
        }
        return value
    }
}
