import Foundation
import LabToolchain
import Testing

@Suite("Remembering answers computed from texts")
struct TextMemoTests {
    @Test("a saved answer is reused by the next run; a new version or text computes again")
    func reuse() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("memo-\(UUID().uuidString)/memo.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let first = TextMemo<[String]>(file: file, version: "1")
        #expect(first.value(for: "a b") { $0.split(separator: " ").map(String.init) } == ["a", "b"])
        first.save()

        let second = TextMemo<[String]>(file: file, version: "1")
        #expect(second.value(for: "a b") { _ in Issue.record("computed again"); return [] } == ["a", "b"])
        var computed = 0
        _ = second.value(for: "c") { computed += 1; return [$0] }
        let other = TextMemo<[String]>(file: file, version: "2")
        _ = other.value(for: "a b") { computed += 1; return [$0] }
        #expect(computed == 2)
    }

    @Test("the file keeps this run's entries first and stays within its capacity")
    func capacity() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("memo-\(UUID().uuidString)/memo.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let memo = TextMemo<String>(file: file, version: "v", capacity: 3)
        for text in ["a", "b", "c"] { _ = memo.value(for: text) { $0.uppercased() } }
        memo.save()
        let next = TextMemo<String>(file: file, version: "v", capacity: 3)
        _ = next.value(for: "d") { $0.uppercased() }
        _ = next.value(for: "a") { _ in "recomputed" }
        next.save()
        let saved = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
        #expect(saved.count == 3)
        #expect(saved.values.contains("D") && saved.values.contains("A"))
    }
}
