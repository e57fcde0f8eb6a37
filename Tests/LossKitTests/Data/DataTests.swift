import Foundation
import LossKit
import Testing

@Suite("Datasets and loaders")
struct DataTests {
    @Test("synthetic datasets repeat for a seed and differ between seeds")
    func reproducible() {
        #expect(SyntheticData.twoMoons(seed: 4).features.values == SyntheticData.twoMoons(seed: 4).features.values)
        #expect(SyntheticData.twoMoons(seed: 4).features.values != SyntheticData.twoMoons(seed: 5).features.values)
        let blobs = SyntheticData.gaussianBlobs(samples: 90, centers: 3, dimensions: 4, seed: 1)
        #expect(blobs.featureShape == [90, 4] && Set(blobs.labels) == [0, 1, 2])
        let imbalanced = SyntheticData.imbalancedBinary(samples: 200, positiveFraction: 0.05)
        #expect(imbalanced.labels.filter { $0 == 1 }.count == 10)
        let shapes = SyntheticData.segmentationShapes(count: 4, size: 16)
        #expect(shapes.featureShape == [4, 1, 16, 16] && shapes.targetShape == [4, 1, 16, 16])
        let foreground = (shapes.targets?.values.reduce(0, +) ?? 0) / 1024
        #expect(foreground > 0.005 && foreground < 0.3, "foreground is present but rare: \(foreground)")
        #expect(SyntheticData.spirals(samples: 300, classes: 3).count == 300)
        #expect(SyntheticData.boxes(count: 5).targetShape == [5, 4])
    }

    @Test("the digits data has 1,797 images of 64 pixels in 0...1 and labels 0–9")
    func digits() throws {
        let digits = try SyntheticData.digits()
        #expect(digits.featureShape == [1797, 64])
        #expect(Set(digits.labels) == Set(0...9))
        #expect(digits.features.values.allSatisfy { (0...1).contains($0) })
    }

    @Test("a loader serves every example once per epoch, reshuffled each epoch, the same for a seed")
    func loader() {
        let data = SyntheticData.gaussianBlobs(samples: 50, centers: 5, seed: 2)
        var loader = DataLoader(data, batchSize: 16, seed: 9)
        let first = loader.epoch(), second = loader.epoch()
        #expect(first.map { $0.inputs.shape[0] } == [16, 16, 16, 2])
        #expect(first.flatMap(\.labels).sorted() == data.labels.sorted())
        #expect(first.flatMap(\.labels) != second.flatMap(\.labels))
        var again = DataLoader(data, batchSize: 16, seed: 9)
        #expect(again.epoch().flatMap(\.labels) == first.flatMap(\.labels))
    }

    @Test("the multi-task loader is the same loader: the same seeded order of examples, every task's targets batched with them")
    func multiTaskLoader() {
        let data = SyntheticData.gaussianBlobs(samples: 50, centers: 5, seed: 2)
        let tasks = MultiTaskDataset(
            features: data.features.values, shape: data.featureShape,
            tasks: [TaskTargets(name: "class", labels: data.labels), TaskTargets(name: "index", values: (0..<50).map(Double.init), shape: [50])])
        var plain = DataLoader(data, batchSize: 16, seed: 9)
        var multiTask = MultiTaskDataLoader(tasks, batchSize: 16, seed: 9)
        #expect(multiTask.batchCount == 4 && plain.batchCount == 4)
        for _ in 0..<2 {
            let (plainEpoch, multiTaskEpoch) = (plain.epoch(), multiTask.epoch())
            #expect(multiTaskEpoch.map(\.count) == [16, 16, 16, 2])
            #expect(multiTaskEpoch.flatMap { $0.labels(for: "class") } == plainEpoch.flatMap(\.labels))
            #expect(multiTaskEpoch.map(\.inputs.scalars) == plainEpoch.map(\.inputs.scalars))
            let indices = multiTaskEpoch.flatMap { $0.labels(for: "index") }
            #expect(indices.sorted() == Array(0..<50), "every example once per epoch")
        }
    }
}
