import FlyingFox
import Foundation

/// The WebSocket of one chapter page. The page sends
/// `{"type": "run", "id": N, "through": N or null, "cells": {"1": code, …}}` and `{"type": "stop"}`;
/// the server answers with `accepted`, `saved`, `running`, then the run's `replaying`,
/// `cellStarted`, `output`, `value` and `image` events as they happen, and `finished` (or `error`),
/// each carrying the run's `id`, so the page can tell a replaced run's last words from the new
/// run's. Closing the page stops its run.
struct LessonSocket: WSMessageHandler {
    let slug: String
    let lessons: LiveLessons
    let board: RunBoard

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (messages, output) = AsyncStream<WSMessage>.makeStream()
        let send: @Sendable (String) -> Void = { output.yield(.text($0)) }
        Task {
            var current: StopSignal?
            for await message in client {
                guard case .text(let text) = message, let request = Self.request(text) else {
                    if case .close = message { break }
                    continue
                }
                switch request {
                case .stop:
                    current?.request("Stopped by you.")
                case .run(let id, let through, let code):
                    let stop = StopSignal()
                    current = stop
                    let tagged: @Sendable (String) -> Void = { send(Self.tagging($0, id: id)) }
                    let replacing = await board.start(slug, stop: stop) { [slug, lessons] in
                        await Self.offThread { lessons.run(slug, through: through, code: code, stop: stop, send: tagged) }
                    }
                    var accepted: [String: Any] = ["type": "accepted", "replacing": replacing]
                    if let through { accepted["through"] = through }
                    tagged(LessonJSON.text(accepted))
                }
            }
            current?.request("The page was closed, so its run was stopped.")
            output.finish()
        }
        return messages
    }

    /// What the page asked for.
    enum Request: Equatable {
        case run(id: Int, through: Int?, code: [Int: String])
        case stop
    }

    /// A message of the run `id`: the JSON object with `"id": id` first.
    static func tagging(_ message: String, id: Int) -> String {
        guard message.hasPrefix("{"), message.count > 2 else { return message }
        return "{\"id\":\(id)," + message.dropFirst()
    }

    /// Reads a message of the page; `nil` when it is not one.
    static func request(_ text: String) -> Request? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let type = object["type"] as? String
        else { return nil }
        switch type {
        case "stop":
            return .stop
        case "run":
            let cells = (object["cells"] as? [String: String]) ?? [:]
            var code: [Int: String] = [:]
            for (key, value) in cells {
                guard let index = Int(key) else { return nil }
                code[index] = value
            }
            return .run(id: object["id"] as? Int ?? 0, through: object["through"] as? Int, code: code)
        default:
            return nil
        }
    }

    /// Runs blocking work (compiling, running a child process) on a thread of its own, so the
    /// server's few threads stay free to answer requests.
    static func offThread<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value, Never>) in
            Thread.detachNewThread {
                continuation.resume(returning: work())
            }
        }
    }
}
