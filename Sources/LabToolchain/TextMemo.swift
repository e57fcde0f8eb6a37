import Foundation
import Synchronization

/// Answers computed from texts (a cell's string literals, a highlighted listing), kept in a JSON
/// file between runs of the tools so that unchanged texts are not computed again: parsing with
/// swift-syntax built for debugging otherwise takes most of a warm `course build`.
///
/// Entries are keyed by a hash of the text and `version`; pass a version that changes whenever
/// the code computing the values changes (such as ``LossLabLibrary/toolIdentity``). ``save()``
/// keeps the entries used in this run, then older ones up to `capacity`, so tools with
/// different versions can share a file.
public final class TextMemo<Value: Codable & Sendable>: Sendable {
    private struct State {
        var loaded: [String: Value]
        var used: [String: Value] = [:]
        var computed = false
    }

    /// The JSON file.
    public let file: URL
    /// Part of every key.
    public let version: String
    /// The most entries the file keeps.
    public let capacity: Int
    private let state: Mutex<State>

    /// A memo in `file` (read now if it exists; an unreadable file counts as empty).
    public init(file: URL, version: String, capacity: Int = 4000) {
        self.file = file
        self.version = version
        self.capacity = capacity
        let loaded = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode([String: Value].self, from: $0) }
        state = Mutex(State(loaded: loaded ?? [:]))
    }

    /// The value for `text`: the remembered one, or `compute(text)` remembered from now on.
    public func value(for text: String, compute: (String) throws -> Value) rethrows -> Value {
        let key = contentHash([version, text])
        let known = state.withLock { state -> Value? in
            guard let value = state.used[key] ?? state.loaded[key] else { return nil }
            state.used[key] = value
            return value
        }
        if let known { return known }
        let value = try compute(text)
        state.withLock {
            $0.used[key] = value
            $0.computed = true
        }
        return value
    }

    /// Writes the file when a value was computed in this run (a cache: failures are ignored).
    public func save() {
        let entries = state.withLock { state -> [String: Value]? in
            guard state.computed else { return nil }
            var entries = state.used
            for (key, value) in state.loaded where entries.count < capacity && entries[key] == nil {
                entries[key] = value
            }
            state.computed = false
            return entries
        }
        guard let entries, let data = try? JSONEncoder().encode(entries) else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: file, options: .atomic)
    }
}
