import Foundation
import LabTestSupport
import Testing

@testable import Grader

/// Partly correct submissions, one per exercise, that must earn some points but not all.
let partialSubmissions: [String: (from: String, replace: String, with: String)] = [
    // No `+ s` term: the weights shrink toward 0 instead of settling at 1/L.
    "adaptive-loss-balancing": ("Solution.swift", "total = total + exp(-s) * loss + s", "total = total + exp(-s) * loss"),
    // max(0, m − d) without the clamp: dissimilar pairs beyond the margin still cost (m − d)².
    "contrastive-siamese": ("Solution.swift", "let shortfall = relu(margin - distance)", "let shortfall = margin - distance"),
    // α on the negatives and 1 − α on the positives: only the α-free and α = 0.5 cases are right.
    "focal-loss-imbalanced": ("Solution.swift", "alpha * targets + (1 - alpha) * (1 - targets)",
                              "(1 - alpha) * targets + alpha * (1 - targets)"),
    // Only the image-to-caption direction: values and symmetry fail, temperature limits, zero-shot and training still pass.
    "infonce-dual-encoders": ("Solution.swift", "return (aToB + bToA) / 2", "return aToB"),
    // The ε / K spread over every class left out: a scaled cross-entropy that does not calibrate.
    "label-smoothing-calibration": ("Solution.swift", "(1 - epsilon) * oneHot(labels, classes: classes) + epsilon / Double(classes)",
                                    "(1 - epsilon) * oneHot(labels, classes: classes)"),
    // A plain average of the layers: no learnable weights.
    "multi-scale-perceptual-loss": ("Solution.swift", "total = total + weights[index] * mseLoss(ours, theirs)",
                                    "total = total + mseLoss(ours, theirs) / Double(layers.count)"),
    // The loss ratio upside down (older over newer): the weights still sum to K but favour the fastest task.
    "multi-task-loss-combination": ("Solution.swift", "let ratios = zip(last, previous).map { $0 / $1 }",
                                    "let ratios = zip(last, previous).map { $1 / $0 }"),
    // The fallback takes the hardest negative instead of the farthest: mining and loss go wrong, Recall@1 and training still pass.
    "triplet-semi-hard-mining": ("Solution.swift", "let leastHard = negatives.max { distance($0) < distance($1) }",
                                 "let leastHard = negatives.min { distance($0) < distance($1) }"),
    // α and β swapped: only the symmetric cases are right.
    "tversky-loss": ("Solution.swift", "alpha * falsePositives + beta * falseNegatives", "beta * falsePositives + alpha * falseNegatives"),
]

@Suite("Every exercise grades fairly", .serialized, .enabled(if: hasReferenceSolutions, "a learners' copy has no solutions"))
struct EveryExerciseTests {
    static let exercises = (try? courseExercises.exercises()) ?? []

    @Test("the reference solution scores full marks, the starter zero with messages, a partial solution partial credit",
          arguments: exercises.map(\.slug))
    func fair(slug: String) throws {
        let exercise = try #require(Self.exercises.first { $0.slug == slug })
        let checker = try ExerciseChecker.forCourse()
        let solution = try checker.check(exercise, submission: exercise.solutionFile)
        #expect(solution.allPassed && solution.score == solution.possiblePoints, "\(slug) solution: \(solution.outcomes)")

        let starter = try checker.check(exercise, submission: exercise.starterFile)
        #expect(starter.score == 0, "\(slug) starter scored \(starter.score): \(starter.outcomes)")
        #expect(starter.outcomes.allSatisfy { outcome in
            if case .failed(let message) = outcome.status { return !message.isEmpty }
            return false
        }, "every starter failure has a message")

        let partial = try #require(partialSubmissions[slug], "add a partial submission for \(slug)")
        let text = try String(contentsOf: exercise.folder.appendingPathComponent(partial.from), encoding: .utf8)
        let changed = text.replacingOccurrences(of: partial.replace, with: partial.with)
        #expect(changed != text, "the partial edit must apply to \(partial.from)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("partial-\(slug)-\(UUID().uuidString).swift")
        try changed.write(to: file, atomically: true, encoding: .utf8)
        let report = try checker.check(exercise, submission: file)
        #expect(report.score > 0 && report.score < report.possiblePoints, "\(slug) partial: \(report.score)/\(report.possiblePoints)")
    }
}
