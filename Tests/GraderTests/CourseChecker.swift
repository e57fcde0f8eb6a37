import Foundation
import LabTestSupport
import LabToolchain

@testable import Grader

/// The course's own exercises, as the tests grade against them.
let courseExercises = ExerciseCatalog(folder: packageFolder.appendingPathComponent("exercises"))

extension ExerciseChecker {
    /// A checker with the library of this build, and a wall-clock limit per probe run when given.
    static func forCourse(timeLimitPerTest: Double? = nil) throws -> ExerciseChecker {
        var checker = ExerciseChecker(compiler: try SwiftCompiler(library: try LossLabLibrary(buildFolder: buildFolder)))
        checker.timeLimitPerTest = timeLimitPerTest
        return checker
    }
}
