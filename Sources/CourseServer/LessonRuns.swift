import Foundation
import Notebook
import Synchronization

/// A request to stop a run, set from another thread (the Stop button, a newer run, a closed page)
/// and read by the runner's watchdog about ten times a second.
final class StopSignal: Sendable {
    private let reason = Mutex<String?>(nil)

    func request(_ why: String) {
        reason.withLock { if $0 == nil { $0 = why } }
    }

    var requested: String? { reason.withLock { $0 } }
}

/// The runs of each chapter, one at a time: a new run of a chapter stops the one in progress
/// (which the learner sees stop, with the reason) and starts when it has ended.
actor RunBoard {
    private struct Job {
        let id: UUID
        let stop: StopSignal
        let task: Task<Void, Never>
    }

    private var jobs: [String: Job] = [:]

    /// Starts `body` for `slug` after stopping and awaiting the chapter's run in progress; says
    /// whether there was one.
    func start(_ slug: String, stop: StopSignal, body: @escaping @Sendable () async -> Void) -> Bool {
        let previous = jobs[slug]
        previous?.stop.request("Stopped: a newer run of this chapter replaced this one.")
        let id = UUID()
        let task = Task {
            await previous?.task.value
            await body()
            self.finish(slug, id: id)
        }
        jobs[slug] = Job(id: id, stop: stop, task: task)
        return previous != nil
    }

    private func finish(_ slug: String, id: UUID) {
        if jobs[slug]?.id == id { jobs[slug] = nil }
    }

    /// Whether a run of `slug` is in progress.
    func isRunning(_ slug: String) -> Bool { jobs[slug] != nil }
}

extension LiveLessons {
    /// Runs the cells of a chapter up to `through` (all when `nil`) after saving `code`, sending
    /// the page what happens as JSON messages. Cells whose shown results still match their code
    /// are not run again: when all of them match, nothing runs; otherwise the run starts from the
    /// top (the cells' state is one program) and the page hears only from the first changed cell on.
    /// Blocks until the run ends: call it off the server's threads.
    func run(_ slug: String, through: Int?, code: [Int: String], stop: StopSignal, send: @escaping @Sendable (String) -> Void) {
        let started = Date()
        do {
            let chapter = try save(slug, code: code)
            send(LessonJSON.text([
                "type": "saved", "learnerCopy": chapter.copy.exists, "path": chapter.current.path,
                "editedCells": (try? chapter.copy.editedCells()) ?? [],
            ]))
            let lesson = chapter.current
            let target = through.map { lesson.prefix(throughCell: $0) } ?? lesson
            let keys = try liveRunner.cellKeys(of: lesson)
            let targetKeys = Array(keys.prefix(target.cells.count))
            let initial = state(of: chapter)
            guard let first = initial.firstCellToRun(target.cells, keys: targetKeys) else {
                var replay = Self.emptyRun(target)
                replay.fromCache = true
                finish(chapter, run: replay, through: through, keys: keys, state: initial, started: started, send: send)
                return
            }
            send(LessonJSON.text(["type": "running", "from": first, "through": target.cells.last?.index ?? 0]))
            let number = initial.runCount + 1
            let run = try liveRunner.run(
                target,
                observer: { event in
                    if let message = Self.message(for: event, from: first, imageVersion: number) { send(message) }
                },
                stopRequest: { stop.requested })
            let store = store(slug)
            let kept = store.keepImages(of: run, number: number)
            let state = updateState(slug, { state in
                state.runCount = max(state.runCount, number)
                if kept.compileFailed {
                    // Cells keep their last results (marked stale); the errors show at their lines.
                    state.diagnostics = kept.diagnostics
                    state.diagnosticKeys = targetKeys
                } else {
                    state.record(kept, lesson: target, keys: targetKeys)
                }
            }, initial: initial)
            finish(chapter, run: kept, through: through, keys: keys, state: state, started: started, send: send)
        } catch {
            send(LessonJSON.text(["type": "error", "message": "\(error)"]))
        }
    }

    /// The last message of a run: the whole page's data, the run's summary and its timings.
    private func finish(
        _ chapter: Chapter, run: LessonRun, through: Int?, keys: [String], state: ChapterState, started: Date,
        send: @Sendable (String) -> Void
    ) {
        var message = describe(chapter, keys: keys, state: state)
        message["type"] = "finished"
        message["fromCache"] = run.fromCache
        message["stopped"] = !run.completed
        message["summary"] = LessonJSON.summary(run, lesson: chapter.current, through: through)
        message["seconds"] = Date().timeIntervalSince(started)
        message["compileSeconds"] = run.compileSeconds
        message["runSeconds"] = run.runSeconds
        send(LessonJSON.text(message))
    }

    /// The page's message for a live event, or `nil` for events of cells before `first`, whose
    /// outputs the page already shows (they ran only to rebuild the state of later cells).
    static func message(for event: LiveEvent, from first: Int, imageVersion: Int) -> String? {
        switch event {
        case .cellStarted(let index):
            return LessonJSON.text(["type": index < first ? "replaying" : "cellStarted", "cell": index])
        case .output(let cell, let line) where cell >= first:
            return LessonJSON.text(["type": "output", "cell": cell, "line": line])
        case .value(let cell, let text) where cell >= first:
            return LessonJSON.text(["type": "value", "cell": cell, "text": text])
        case .image(let cell, let path) where cell >= first:
            return LessonJSON.text(["type": "image", "cell": cell, "url": StaticFiles.imageLink(path) + "?v=\(imageVersion)-live"])
        default:
            return nil
        }
    }
}
