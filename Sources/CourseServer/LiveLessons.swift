import CourseSite
import Foundation
import LabToolchain
import Notebook
import Synchronization

/// The chapters of the live course: the learner's version of each (their copy in `my-lessons/`,
/// or the chapter itself), what its page shows, saving edits, and running cells.
///
/// Runs of the chapters as written share `lesson run`'s cache; runs the live course makes keep
/// to `.lesson-cache/live/`, so `lesson run` and `course build` never see a learner's edits.
final class LiveLessons: Sendable {
    let course: CourseFolder
    /// The runner of `lesson run` (its cache seeds what a page shows before the first live run).
    let runner: LessonRunner
    /// The runner of live runs.
    let liveRunner: LessonRunner
    /// Saves of learners' copies and shown states, one at a time.
    private let writing = Mutex(())
    /// For each chapter, what the next page data tells the learner about a change of the chapter
    /// under their copy.
    private let chapterChangeNotices = Mutex<[String: String]>([:])

    init(course: CourseFolder, runner: LessonRunner) {
        self.course = course
        self.runner = runner
        var live = runner
        live.cacheFolder = course.cacheFolder.appendingPathComponent("live")
        liveRunner = live
    }

    /// A chapter, the learner's copy of it and the version the learner sees.
    struct Chapter {
        let original: Lesson
        let copy: LearnerLessonCopy
        let current: Lesson
    }

    /// The chapter whose slug is `slug` (exactly, as in its page's name).
    func chapter(_ slug: String) throws -> Chapter {
        guard let original = try course.lessons().first(where: { $0.slug == slug }) else {
            throw NotebookError("There is no chapter “\(slug)” in this course.")
        }
        let copy = LearnerLessonCopy(original: original, course: course)
        return Chapter(original: original, copy: copy, current: try copy.current())
    }

    func store(_ slug: String) -> ChapterStateStore {
        ChapterStateStore(folder: liveRunner.cacheFolder.appendingPathComponent(slug), course: course.url)
    }

    /// What the page of `chapter` shows: the live state, or before any live run the last run
    /// `lesson run` saved of the chapter.
    func state(of chapter: Chapter) -> ChapterState {
        if let state = store(chapter.original.slug).load() { return state }
        var state = ChapterState()
        if let run = runner.lastSavedRun(of: chapter.original) {
            state.record(run, lesson: chapter.original, keys: run.cellKeys)
        }
        return state
    }

    /// Brings the learner's copy of a chapter up to date when the chapter changed under it (see
    /// ``LearnerLessonCopy/followChapterChanges(now:)``), and keeps what to tell the learner for the
    /// page's data.
    func followChapterChanges(_ slug: String) throws {
        let outcome = try writing.withLock { _ in try chapter(slug).copy.followChapterChanges() }
        if let message = outcome.message {
            chapterChangeNotices.withLock { $0[slug] = message }
        }
    }

    /// The page of a chapter: the learner's version with its shown results, or with
    /// `original`, the chapter as written with `lesson run`'s last results.
    func page(_ slug: String, original: Bool, pages: CoursePages) throws -> String {
        if !original { try followChapterChanges(slug) }
        let chapter = try chapter(slug)
        if original {
            let run = runner.lastSavedRun(of: chapter.original) ?? Self.emptyRun(chapter.original)
            return try pages.lessonPage(chapter.original, run: run, imageLink: StaticFiles.imageLink)
        }
        let state = state(of: chapter)
        let keys = try liveRunner.cellKeys(of: chapter.current)
        let results = chapter.current.cells.compactMap { state.cells[$0.index]?.result }
        var run = Self.emptyRun(chapter.current)
        run.cells = results
        run.diagnostics = state.currentDiagnostics(keys: keys)
        return try pages.lessonPage(chapter.current, run: run, imageLink: StaticFiles.imageLink)
    }

    static func emptyRun(_ lesson: Lesson) -> LessonRun {
        LessonRun(lessonPath: lesson.path, cells: [], diagnostics: [], compileSeconds: 0, runSeconds: 0)
    }

    /// The page's data: every cell with its code, the chapter's code, its result and staleness.
    func json(_ slug: String) throws -> [String: Any] {
        try followChapterChanges(slug)
        let chapter = try chapter(slug)
        let keys = try liveRunner.cellKeys(of: chapter.current)
        var description = describe(chapter, keys: keys, state: state(of: chapter))
        if let notice = chapterChangeNotices.withLock({ $0.removeValue(forKey: slug) }) {
            description["chapterChange"] = notice
        }
        return description
    }

    func describe(_ chapter: Chapter, keys: [String], state: ChapterState) -> [String: Any] {
        let diagnostics = state.currentDiagnostics(keys: keys).filter { $0.severity != .note }
        let compileFailed = diagnostics.contains { $0.severity == .error }
        return [
            "slug": chapter.original.slug, "path": chapter.current.path, "originalPath": chapter.original.path,
            "learnerCopy": chapter.copy.exists, "editedCells": (try? chapter.copy.editedCells()) ?? [],
            "cells": LessonJSON.cells(
                lesson: chapter.current, original: chapter.original, keys: keys, state: state, compileFailed: compileFailed),
            "diagnostics": diagnostics.map { LessonJSON.diagnostic($0, lesson: chapter.current) },
        ]
    }

    /// Saves the code of the cells that differ from the learner's version into their copy.
    @discardableResult
    func save(_ slug: String, code: [Int: String]) throws -> Chapter {
        try writing.withLock { _ in
            let chapter = try chapter(slug)
            let current = Dictionary(uniqueKeysWithValues: chapter.current.cells.map { ($0.index, $0.code) })
            let changed = code.filter { index, text in current[index].map { $0 != text && $0 != text + "\n" } ?? true }
            guard !changed.isEmpty else { return chapter }
            let saved = try chapter.copy.save(code: changed)
            return Chapter(original: chapter.original, copy: chapter.copy, current: saved)
        }
    }

    /// Updates the shown state of a chapter under the lock.
    func updateState(_ slug: String, _ change: (inout ChapterState) -> Void, initial: ChapterState) -> ChapterState {
        writing.withLock { _ in
            let store = store(slug)
            var state = store.load() ?? store.keepingImages(of: initial)
            change(&state)
            store.save(state)
            store.removeUnusedImages(state)
            return state
        }
    }
}
