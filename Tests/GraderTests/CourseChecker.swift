import Foundation
import LabTestSupport
import LabToolchain

@testable import Grader

/// The course's own exercises, as the tests grade against them.
let courseExercises = ExerciseCatalog(folder: packageFolder.appendingPathComponent("exercises"))

extension ExerciseChecker {
    /// A checker with the library of this build, and the course's `exercises/` folder hidden from
    /// the submissions it runs (as `exercise check` hides it) unless `hidingExercises` is false.
    static func forCourse(timeLimitPerTest: Double? = nil, hidingExercises: Bool = true) throws -> ExerciseChecker {
        var checker = ExerciseChecker(compiler: try SwiftCompiler(library: try LossLabLibrary(buildFolder: buildFolder)))
        checker.timeLimitPerTest = timeLimitPerTest
        if hidingExercises {
            checker.hiddenFolders = [courseExercises.folder]
        }
        return checker
    }
}
