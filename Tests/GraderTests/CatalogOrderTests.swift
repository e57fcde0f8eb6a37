import Foundation
import LabTestSupport
import Testing

@testable import Grader

@Suite("Exercises come in course order")
struct CatalogOrderTests {
    @Test("the catalog orders by the manifest's chapter, then by slug; exercises without a chapter come last")
    func chapterOrder() throws {
        let course = try TemporaryCourse()
        for (slug, manifest) in [("alpha", #"{"chapter": 7}"#), ("beta", #"{"chapter": 3}"#), ("gamma", "{}"), ("delta", #"{"chapter": 3}"#)] {
            _ = try course.write(manifest, to: "exercises/\(slug)/exercise.json")
            _ = try course.write("# \(slug)\n", to: "exercises/\(slug)/README.md")
            _ = try course.write("// TODO\n", to: "exercises/\(slug)/Starter.swift")
            _ = try course.write("let probes: [Probe] = []\n", to: "exercises/\(slug)/Probes.swift")
            _ = try course.write("let checks: [Check] = []\n", to: "exercises/\(slug)/Checks.swift")
        }
        let catalog = ExerciseCatalog(folder: course.url.appendingPathComponent("exercises"))
        #expect(try catalog.exercises().map(\.slug) == ["beta", "delta", "alpha", "gamma"])
    }

    @Test("every exercise of the course names a chapter of lessons/course.json", .enabled(if: hasReferenceSolutions))
    func courseExercisesHaveChapters() throws {
        struct Manifest: Decodable { let chapters: [Chapter]; struct Chapter: Decodable { let file: String } }
        let data = try Data(contentsOf: packageFolder.appendingPathComponent("lessons/course.json"))
        let chapterCount = try JSONDecoder().decode(Manifest.self, from: data).chapters.count
        let exercises = try courseExercises.exercises()
        #expect(exercises.count >= 9)
        for exercise in exercises {
            let chapter = try #require(exercise.manifest.chapter, "\(exercise.slug) has no chapter in exercise.json")
            #expect((1...chapterCount).contains(chapter), "\(exercise.slug): chapter \(chapter)")
        }
    }
}
