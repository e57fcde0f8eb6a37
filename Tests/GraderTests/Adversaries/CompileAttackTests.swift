import Foundation
import LabTestSupport
import Testing

@testable import Grader

extension AdversarialSuite {
    /// Submissions aimed at the compile step, and what a failed compile records.
    @Suite("The compile step")
    struct CompileAttackTests {
        @Test("a type-checking bomb stops within the limits and says where the compiler gave up")
        func typeCheckingBomb() throws {
            let started = Date()
            let report = try Adversary.grade("""
                let x = [1, 2.0, 3, 4, 5.0, 6, 7, 8, 9, 10].map { $0 * 2 + 1 - 3 * $0 / 2 + 1 - 2 * $0 + 3 - $0 * 4 + 1 - 2 + $0 * 2 - 1 + 3 * $0 }
                print(x)
                return Tensor(0.0)
                """, mayFailToCompile: true)
            #expect(Date().timeIntervalSince(started) < 150)
            #expect(report.compileFailed)
            #expect(report.possiblePoints == Adversary.fullScore)
            let error = report.diagnostics.first { $0.severity == .error }
            #expect(error?.line == 10, "\(report.diagnostics.map(\.formatted))")
            #expect(error?.message.contains("reasonable time") == true || error?.message.contains("gave up") == true)
        }

        @Test("a submission that does not compile still records the points it could have earned")
        func compileFailureRecordsPossiblePoints() throws {
            let report = try Adversary.grade("return undefinedName", mayFailToCompile: true)
            #expect(report.compileFailed)
            #expect(report.possiblePoints == Adversary.fullScore)
            #expect(report.score == 0)
        }

        @Test("code placed to run before main is refused, with its line")
        func initArray() throws {
            let report = try Adversary.grade("return Tensor(0.0)", extra: """
                @_section(".init_array") @_used
                let early: @convention(c) () -> Void = { print("before main") }
                """)
            Adversary.expectRefused(report, mentioning: "@_section")
            #expect(report.ruleViolations.contains { $0.contains(":4:") }, "\(report.ruleViolations)")
        }

        @Test("a symbol defined for the harness is refused")
        func harnessSymbol() throws {
            let report = try Adversary.grade("return Tensor(0.0)", extra: """
                @_cdecl("_exit") func fakeExit(_ code: Int32) { }
                """)
            Adversary.expectRefused(report, mentioning: "@_cdecl")
            let entry = try Adversary.grade("return Tensor(0.0)", extra: "@main struct Hijack { static func main() { print(\"mine\") } }")
            Adversary.expectRefused(entry, mentioning: "defines the symbol “main”")
        }

        @Test("an object with a constructor section is refused even without the attribute in the source")
        func symbolRulesReadTheObject() throws {
            // The source rules are one layer; the object is checked on its own.
            #expect(!SymbolRules.isAllowedSection(".init_array"))
            #expect(!SymbolRules.isAllowedSection(".rela.init_array"))
            #expect(!SymbolRules.isAllowedSection(".ctors"))
            #expect(!SymbolRules.isAllowedSection("my_custom_section"))
            #expect(SymbolRules.isAllowedSection(".text.$s10Submission11TverskyLossV"))
            #expect(SymbolRules.isAllowedSection("swift5_typeref"))
        }

        @Test("forbidden names are matched as library entities, not as text")
        func entityMatching() {
            #expect(SymbolRules.refers("LossKit.tverskyLoss(LossKit.Tensor, LossKit.Tensor, alpha: Swift.Double) -> LossKit.Tensor", to: "tverskyLoss"))
            #expect(SymbolRules.refers("type metadata accessor for LossKit.TverskyLoss", to: "TverskyLoss"))
            #expect(SymbolRules.refers("LossKit.TverskyLoss.__allocating_init(alpha: Swift.Double) -> LossKit.TverskyLoss", to: "TverskyLoss"))
            #expect(!SymbolRules.refers("LossKit.TverskyLossHelper.run() -> ()", to: "TverskyLoss"))
            #expect(!SymbolRules.refers("Submission.tverskyLoss() -> LossKit.Tensor", to: "tverskyLoss"))
            #expect(SymbolRules.forms(of: "tverskyLoss") == ["tverskyLoss", "TverskyLoss"])
        }
    }
}
