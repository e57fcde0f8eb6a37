import Foundation
import LossKit
import Testing

@Suite("Training models", .serialized)
struct TrainerTests {
    @Test("an MLP trained with the Trainer on two moons reaches at least 95% accuracy (seed 0)")
    func twoMoons() {
        manualSeed(0)
        let data = SyntheticData.twoMoons(samples: 400, noise: 0.1, seed: 0)
        let (training, test) = data.split(trainingFraction: 0.75, seed: 1)
        let model = MLP(input: 2, hidden: [32, 32], output: 2)
        let trainer = Trainer(model: model, optimizer: Adam(model.parameters, learningRate: 0.01)) { output, batch in
            crossEntropyFromLogits(output, batch.labels)
        }
        trainer.metrics["accuracy"] = Metrics.accuracy
        trainer.progressInterval = .max
        let history = trainer.fit(DataLoader(training, batchSize: 32, seed: 2), epochs: 60, validation: test)
        #expect(history.epochs.count == 60)
        #expect(history.losses.last ?? 1 < history.losses.first ?? 0, "the loss falls")
        let accuracy = history.validationMetric("accuracy").last ?? 0
        #expect(accuracy >= 0.95, "test accuracy \(accuracy)")
    }

    @Test("a callback can stop training early")
    func earlyStopping() {
        manualSeed(3)
        let data = SyntheticData.gaussianBlobs(samples: 60, centers: 2, seed: 3)
        let model = Linear(inputs: 2, outputs: 2)
        let trainer = Trainer(model: model, optimizer: SGD(model.parameters, learningRate: 0.1)) { output, batch in
            crossEntropyFromLogits(output, batch.labels)
        }
        trainer.callbacks.append { $0.epoch == 3 ? .stop : .continueTraining }
        #expect(trainer.fit(DataLoader(data, batchSize: 16), epochs: 50).epochs.count == 3)
    }

    @Test("saving and loading parameters reproduces the outputs exactly")
    func saveAndLoad() throws {
        manualSeed(11)
        let original = SimpleCNN(channels: 1, height: 8, width: 8, classes: 10, filters: 4)
        let input = Tensor.randomNormal([2, 1, 8, 8])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: file) }
        try original.saveParameters(to: file)
        manualSeed(99)
        let copy = SimpleCNN(channels: 1, height: 8, width: 8, classes: 10, filters: 4)
        #expect(copy(input).scalars != original(input).scalars, "a fresh model differs before loading")
        try copy.loadParameters(from: file)
        #expect(copy(input).scalars == original(input).scalars)
        #expect(copy.namedParameters.map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias", "layers.7.weight", "layers.7.bias"])
    }

    @Test("loading refuses a file from another model or a damaged file, changing nothing")
    func loadErrors() throws {
        let model = Linear(inputs: 3, outputs: 2)
        let before = model.weight.scalars
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("other-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: file) }
        try Linear(inputs: 4, outputs: 2).saveParameters(to: file)
        #expect(throws: Safetensors.FormatError.self) { try model.loadParameters(from: file) }
        #expect(model.weight.scalars == before)
        try Data([1, 2, 3]).write(to: file)
        #expect(throws: Safetensors.FormatError.self) { try model.loadParameters(from: file) }
    }

    @Test("a safetensors file written by hand (F32, header padding) loads with the right values")
    func handWrittenFile() throws {
        let header = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}   "#
        var data = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(Data(header.utf8))
        for value: Float in [1.5, -2.25] { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hand-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: file) }
        try data.write(to: file)
        let tensors = try Safetensors.load(from: file)
        #expect(tensors["w"]?.scalars == [1.5, -2.25])
        #expect(tensors["w"]?.shape == [2])
    }
}

/// Cross-entropy of logits [N, C] against class labels, built from LossKit operations.
func crossEntropyFromLogits(_ logits: Tensor, _ labels: [Int]) -> Tensor {
    let logProbabilities = logSoftmax(logits, dim: 1)
    let picked = logProbabilities.gather(dim: 1, index: labels, shape: [labels.count, 1])
    return -picked.mean()
}
