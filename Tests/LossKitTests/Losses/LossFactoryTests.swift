import LossKit
import Testing

@Suite("The loss factory")
struct LossFactoryTests {
    @Test("every name makes a loss whose name matches")
    func everyName() throws {
        #expect(availableLossNames.count >= 24)
        for name in availableLossNames {
            #expect(try makeLoss(name).name == name)
        }
    }

    @Test("options reach the loss: a focal loss made with γ = 0 equals cross-entropy scaled by α")
    func options() throws {
        let logits = Tensor([[2.0, -1.0, 0.5], [0.1, 0.2, 0.3]])
        let labels = Tensor([0.0, 2.0])
        let focal = try makeLoss("focal", options: ["gamma": 0, "alpha": 1])
        let crossEntropy = try makeLoss("cross_entropy")
        #expect(abs(focal(logits, labels).item - crossEntropy(logits, labels).item) < 1e-12)
        #expect(focal.history.values.count == 1)
    }

    @Test("an unknown name or option is an error that lists the valid ones")
    func errors() {
        let unknownName = #expect(throws: LossFactoryError.self) { try makeLoss("focall") }
        #expect(unknownName?.description.contains("Valid names: asymmetric_mse, bce") == true)
        let unknownOption = #expect(throws: LossFactoryError.self) { try makeLoss("huber", options: ["beta": 1]) }
        #expect(unknownOption?.description == "The loss “huber” has no option “beta”; its options are delta (default 1.0).")
    }
}
