import Foundation
import LabTestSupport
import Testing

@testable import Grader

extension AdversarialSuite {
    /// The exercise forbids the library's own Tversky loss; every way of reaching it is refused,
    /// and a name that merely looks the same is not.
    @Suite("Forbidden library code by another name")
    struct ForbiddenUseTests {
        @Test("the library's TverskyLoss class")
        func libraryClass() throws {
            let report = try Adversary.grade("LossKit.TverskyLoss(alpha: alpha, beta: beta, smooth: smooth)(prediction, target)")
            Adversary.expectRefused(report, mentioning: "uses tverskyLoss from the library")
        }

        @Test("a backticked name")
        func backticks() throws {
            let report = try Adversary.grade("LossKit.`tverskyLoss`(prediction, target, alpha: alpha, beta: beta, smooth: smooth)")
            Adversary.expectRefused(report, mentioning: "uses tverskyLoss from the library")
        }

        @Test("an alias held in a variable")
        func alias() throws {
            let report = try Adversary.grade("""
                let helper = LossKit.tverskyLoss
                return helper(prediction, target, alpha, beta, smooth)
                """)
            Adversary.expectRefused(report, mentioning: "uses tverskyLoss from the library")
        }

        @Test(".init in a type context")
        func implicitInitialiser() throws {
            let report = try Adversary.grade("""
                let loss: LossKit.TverskyLoss = .init(alpha: alpha, beta: beta, smooth: smooth)
                return loss(prediction, target)
                """)
            Adversary.expectRefused(report, mentioning: "from the library")
        }

        @Test("the loss factory")
        func factory() throws {
            let report = try Adversary.grade("""
                let loss = try! makeLoss("tversky", options: ["alpha": alpha, "beta": beta, "smooth": smooth])
                return loss(prediction, target)
                """)
            Adversary.expectRefused(report, mentioning: "uses makeLoss from the library")
        }

        @Test("the focal Tversky class with γ = 1")
        func focalTverskyClass() throws {
            let report = try Adversary.grade("FocalTverskyLoss(alpha: alpha, beta: beta, gamma: 1, smooth: smooth)(prediction, target)")
            Adversary.expectRefused(report, mentioning: "from the library")
        }

        @Test("@_silgen_name as an alias of the library's symbol")
        func silgenAlias() throws {
            let report = try Adversary.grade("hidden(prediction, target, alpha, beta, smooth)", extra: """
                @_silgen_name("$s7LossKit11tverskyLoss__5alpha4beta6smoothAA6TensorCAF_AFS3dtF")
                func hidden(_ p: Tensor, _ t: Tensor, _ a: Double, _ b: Double, _ s: Double) -> Tensor
                """)
            Adversary.expectRefused(report, mentioning: "@_silgen_name")
            #expect(report.ruleViolations.first?.contains(":4:") == true, "\(report.ruleViolations)")
        }

        @Test("dlsym with a name built at run time")
        func dynamicLookup() throws {
            let report = try Adversary.grade("""
                let name = ["$s7LossKit11tv", "erskyLoss"].joined()
                let symbol = dlsym(dlopen(nil, RTLD_NOW), name)
                print(symbol as Any)
                return Tensor(0.0)
                """)
            Adversary.expectRefused(report, mentioning: "dlsym")
        }

        @Test("a type found by its mangled name")
        func typeByName() throws {
            let report = try Adversary.grade("""
                print(_typeByName("7LossKit11TverskyLossC") as Any)
                return Tensor(0.0)
                """)
            Adversary.expectRefused(report, mentioning: "_typeByName")
        }

        @Test("unsafeBitCast and @convention(c) function pointers")
        func rawFunctionPointers() throws {
            let cast = try Adversary.grade("unsafeBitCast(0, to: Tensor.self)")
            Adversary.expectRefused(cast, mentioning: "unsafeBitCast")
            let pointer = try Adversary.grade("let f: @convention(c) () -> Void = {}\nf()\nreturn Tensor(0.0)")
            Adversary.expectRefused(pointer, mentioning: "@convention")
        }

        @Test("a local helper that happens to be called tverskyLoss or diceLoss is fine")
        func localNamesAreFine() throws {
            let report = try Adversary.grade("""
                let diceLoss = { (p: Tensor, g: Tensor) -> Tensor in (p * g).sum() }
                func tverskyLoss() -> Tensor {
                    let fp = (prediction * (1 - target)).sum()
                    let fn = ((1 - prediction) * target).sum()
                    return 1 - (diceLoss(prediction, target) + smooth) / (diceLoss(prediction, target) + alpha * fp + beta * fn + smooth)
                }
                return tverskyLoss()
                """, timeLimit: 20)
            #expect(report.ruleViolations.isEmpty, "\(report.ruleViolations)")
            #expect(report.score == Adversary.fullScore, "\(report.outcomes)")
        }
    }
}
