import LossKit

extension GoldenRegistry {
    /// How each metricLearning golden case is computed with LossKit.
    static let metricLearning: [String: GoldenComputation] = [
        "cosine_embedding": {
            try cosineEmbeddingLoss(
                $0.tensor("x1"), $0.tensor("x2"), $0.tensor("target"),
                margin: $0.number("margin", 0), reduction: $0.reduction()
            )
        },
        "contrastive": {
            try contrastiveLoss($0.tensor("x1"), $0.tensor("x2"), label: $0.tensor("label"), margin: $0.number("margin"))
        },
        "triplet_margin": {
            try tripletMarginLoss(
                anchor: $0.tensor("anchor"), positive: $0.tensor("positive"), negative: $0.tensor("negative"),
                margin: $0.number("margin", 1), p: $0.number("p", 2), eps: $0.number("eps", 1e-6),
                swap: $0.flag("swap"), reduction: $0.reduction()
            )
        },
        "batch_hard_triplet": {
            try batchHardTripletLoss($0.tensor("embeddings"), labels: $0.ints("labels"), margin: $0.number("margin"))
        },
        "batch_all_triplet": {
            try batchAllTripletLoss($0.tensor("embeddings"), labels: $0.ints("labels"), margin: $0.number("margin"))
        },
        "info_nce": { try infoNCELoss($0.tensor("z1"), $0.tensor("z2"), temperature: $0.number("temperature")) },
        "nt_xent": { try ntXentLoss($0.tensor("z1"), $0.tensor("z2"), temperature: $0.number("temperature")) },
        "supcon": {
            try supConLoss($0.tensor("features"), labels: $0.ints("labels"), temperature: $0.number("temperature"))
        },
    ]
}
