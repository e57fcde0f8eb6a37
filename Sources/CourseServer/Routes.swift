import CourseSite
import FlyingFox
import Foundation
import Grader
import Notebook

extension LiveCourseServer {
    /// The most a request body may hold (a chapter's cells or an exercise file are far smaller).
    static let bodyLimit = 1 << 20

    /// Answers a request that passed the access rules.
    func route(_ request: HTTPRequest, port: Int) async throws -> HTTPResponse {
        let path = request.path.removingPercentEncoding ?? request.path
        let parts = path.split(separator: "/").map(String.init)
        let method = request.method.rawValue.uppercased()
        if parts.first == "api" {
            return try await api(Array(parts.dropFirst()), method: method, request: request, port: port)
        }
        guard method == "GET" || method == "HEAD" else {
            return Responses.refusalPage(title: "Not allowed", sentence: "Pages are only read.", status: .methodNotAllowed, port: port)
        }
        let original = request.query.first { $0.name == "view" }?.value == "original"
        switch parts.count {
        case 0:
            return try page(kind: "index", slug: nil, port: port) { pages, exercises in try pages.indexPage(exercises: exercises) }
        case 1 where parts[0] == "index.html":
            return try page(kind: "index", slug: nil, port: port) { pages, exercises in try pages.indexPage(exercises: exercises) }
        case 1 where parts[0] == "favicon.ico":
            // The site has no icon; browsers ask anyway, and a 404 would be an error in the console.
            return Responses.data(Data(), contentType: "image/x-icon", port: port, status: .noContent)
        case 1 where parts[0] == CoursePages.searchIndexName:
            return Responses.data(Data(try searchIndexScript().utf8), contentType: "text/javascript; charset=utf-8", port: port)
        case 1 where parts[0].hasSuffix(".html"):
            let slug = String(parts[0].dropLast(".html".count))
            return try page(kind: original ? "original" : "lesson", slug: slug, port: port) { pages, _ in
                try self.lessons.page(slug, original: original, pages: pages)
            }
        case 2 where parts[0] == "exercises" && parts[1].hasSuffix(".html"):
            let slug = String(parts[1].dropLast(".html".count))
            return try page(kind: "exercise", slug: slug, port: port) { pages, _ in
                try pages.exercisePage(try self.exercises.exercise(slug))
            }
        default:
            let found = files.file(for: path) { name in (try? self.coursePages())?.0.themeFile(named: name) }
            guard let file = found else {
                return Responses.notFound("There is nothing at \(path) in this course.", port: port)
            }
            return Responses.data(try Data(contentsOf: file), contentType: Responses.contentType(of: file.path), port: port)
        }
    }

    /// The course's pages in its theme, with its chapters and exercises.
    func coursePages() throws -> (CoursePages, [Lesson], [Exercise]) {
        let lessons = try course.lessons()
        let exercises = try ExerciseCatalog(folder: course.exercisesFolder).exercises()
        let failed = lessons.filter { self.lessons.runner.lastSavedRun(of: $0).map { !$0.succeeded } ?? false }.map(\.path)
        return (try CoursePages(course: course, lessons: lessons, failedChapters: Set(failed), exercises: exercises), lessons, exercises)
    }

    /// A page of the site with the live parts added (see ``LivePage``).
    private func page(
        kind: String, slug: String?, port: Int, render: (CoursePages, [Exercise]) throws -> String
    ) throws -> HTTPResponse {
        let (pages, _, exercises) = try coursePages()
        let html: String
        do {
            html = try render(pages, exercises)
        } catch let error as NotebookError {
            return Responses.notFound(error.description, port: port)
        } catch let error as GraderError {
            return Responses.notFound(error.description, port: port)
        }
        pages.saveHighlighting()
        let live = LivePage(kind: kind, slug: slug, hasCodeMirror: files.hasCodeMirror)
        return Responses.html(live.adding(to: html), port: port)
    }

    /// The search index over the chapters as written, made once.
    private func searchIndexScript() throws -> String {
        if let known = searchIndex.withLock({ $0 }) { return known }
        let (pages, lessons, exercises) = try coursePages()
        let script = try pages.searchIndexScript(lessons: lessons, exercises: exercises)
        searchIndex.withLock { $0 = script }
        return script
    }

    /// The live pages' data and actions, under `/api/`.
    private func api(_ parts: [String], method: String, request: HTTPRequest, port: Int) async throws -> HTTPResponse {
        switch (method, parts.count, parts.first) {
        case ("GET", 1, "progress"):
            return Responses.json(try exercises.progress(), port: port)
        case ("GET", 2, "lessons"):
            var json = try lessons.json(parts[1])
            json["running"] = await board.isRunning(parts[1])
            return Responses.json(json, port: port)
        case ("GET", 3, "lessons") where parts[2] == "socket":
            _ = try lessons.chapter(parts[1])
            let socket = LessonSocket(slug: parts[1], lessons: lessons, board: board)
            return try await WebSocketHTTPHandler.webSocket(socket).handleRequest(request)
        case ("POST", 3, "lessons") where parts[2] == "save":
            let body = try await jsonBody(request)
            var code: [Int: String] = [:]
            for (key, value) in (body["cells"] as? [String: String]) ?? [:] {
                if let index = Int(key) { code[index] = value }
            }
            try lessons.save(parts[1], code: code)
            return Responses.json(try lessons.json(parts[1]), port: port)
        case ("GET", 2, "exercises"):
            return Responses.json(try exercises.json(parts[1]), port: port)
        case ("POST", 3, "exercises") where parts[2] == "save":
            let code = try await jsonBody(request)["code"] as? String ?? ""
            _ = try exercises.save(parts[1], code: code)
            return Responses.json(["saved": true], port: port)
        case ("POST", 3, "exercises") where parts[2] == "hint":
            return Responses.json(try exercises.takeHint(parts[1]), port: port)
        case ("POST", 3, "exercises") where parts[2] == "check":
            return try await check(parts[1], code: try await jsonBody(request)["code"] as? String ?? "", port: port)
        default:
            return Responses.problem("There is no \(method) /api/\(parts.joined(separator: "/")).", port: port, status: .notFound)
        }
    }

    /// Checks an exercise off the server's threads, one check at a time.
    private func check(_ slug: String, code: String, port: Int) async throws -> HTTPResponse {
        _ = try exercises.exercise(slug)
        if let busy = exercises.claimChecker(for: slug) {
            return Responses.problem(busy, port: port, status: .conflict)
        }
        defer { exercises.releaseChecker() }
        let exercises = self.exercises
        let outcome = await LessonSocket.offThread {
            Result { LessonJSON.text(try exercises.check(slug, code: code)) }
        }
        switch outcome {
        case .success(let json): return Responses.data(Data(json.utf8), contentType: "application/json; charset=utf-8", port: port)
        case .failure(let error): return Responses.problem("\(error)", port: port, status: .unprocessableContent)
        }
    }

    private func jsonBody(_ request: HTTPRequest) async throws -> [String: Any] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.bodyLimit {
            throw NotebookError("The request is larger than \(Self.bodyLimit) bytes.")
        }
        let data = try await request.bodyData
        guard data.count <= Self.bodyLimit, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NotebookError("The request's body is not a JSON object.")
        }
        return object
    }
}
