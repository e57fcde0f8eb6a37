import Foundation
import LabToolchain
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Grader

/// The exports read back with real parsers (a strict RFC 4180 reader, libxml2 through
/// XMLDocument and XMLParser, JSONSerialization) for names and outputs chosen to break them.
@Suite("Exports: CSV, JUnit and Gradescope for any name or output")
struct ExportTests {
    /// Folder names a class folder can hold (anything but `/` and NUL).
    static let strangeNames = [
        "ada", "cr\rname", "lf\nname", "crlf\r\nname", "tab\tname", "quote\"d", "comma,name", " leading space",
        "=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "-2", "@SUM(A1)", "\u{FF1D}1+1", "a=b", "<b>&amp;</b>",
        "it's", "bidi\u{202E}txt.exe", "esc\u{1B}[2J", "del\u{7F}", "bell\u{7}", "nel\u{85}", "émilie 😀 𝔘",
    ]

    func entries(_ names: [String], report: GradeReport = sampleReport()) -> [Gradebook.Entry] {
        names.map { Gradebook.Entry(student: $0, exercise: report.exercise, report: report) }
    }

    /// What a CSV cell holds for `text`: the text, after an apostrophe when it starts like a formula.
    func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r\n\u{FF1D}\u{FF0B}\u{FF0D}\u{FF20}".unicodeScalars.contains(first) else {
            return text
        }
        return "'" + text
    }

    @Test("CSV is RFC 4180 (CRLF, quoted fields) and every strange name reads back exactly")
    func csvRoundTrip() throws {
        let text = GradebookExport.csv(entries(Self.strangeNames))
        let records = try parseRFC4180(text)
        #expect(records.first == ["student", "exercise", "score", "possible", "note"])
        #expect(records.count == Self.strangeNames.count + 1)
        #expect(records.dropFirst().map(\.count).allSatisfy { $0 == 5 })
        #expect(records.dropFirst().map { $0[0] } == Self.strangeNames.sorted().map(defused))
        #expect(records.dropFirst().allSatisfy { $0[1...4] == ["tversky-loss", "2", "3", ""] })
        #expect(text.hasSuffix("\r\n"))
    }

    @Test("cells that start like formulas get an apostrophe; numbers and other text are left as they are")
    func formulasDefused() throws {
        let names = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "ada", "a=b", " =1"]
        let expected = [
            "student,exercise,score,possible,note",
            "'\tx,tversky-loss,2,3,",
            "\"'\rx\",tversky-loss,2,3,",
            " =1,tversky-loss,2,3,",
            "'+1,tversky-loss,2,3,",
            "'-2,tversky-loss,2,3,",
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",tversky-loss,2,3,",
            "'@SUM(A1),tversky-loss,2,3,",
            "a=b,tversky-loss,2,3,",
            "ada,tversky-loss,2,3,",
        ].map { $0 + "\r\n" }.joined()
        let text = GradebookExport.csv(entries(names))
        #expect(text == expected)
        let cells = try parseRFC4180(text).dropFirst().map { $0[0] }
        #expect(cells.allSatisfy { cell in !"=+-@\t\r".unicodeScalars.contains(cell.unicodeScalars.first ?? "a") })
    }

    @Test("a refused file is a CSV row with empty scores and a note; a compile failure and a broken rule say so")
    func csvNotes() throws {
        var broken = sampleReport()
        broken.ruleViolations = ["eve.swift:3: calls tverskyLoss, which this exercise forbids."]
        let failed = GradeReport(
            exercise: "tversky-loss", submission: "x.swift",
            diagnostics: [CompilerDiagnostic(file: "x.swift", line: 1, column: 1, severity: .error, message: "expected expression")],
            outcomes: [], possiblePoints: 12)
        let refusal = ClassFolder.Refusal(
            student: "=cmd", exercise: "tversky-loss", path: "/class/=cmd/tversky-loss.swift", reason: "is a symbolic link", remedy: "Copy it.")
        let text = GradebookExport.csv(
            [Gradebook.Entry(student: "bo", exercise: "tversky-loss", report: broken),
             Gradebook.Entry(student: "cy", exercise: "tversky-loss", report: failed)],
            refusals: [refusal])
        #expect(try parseRFC4180(text) == [
            ["student", "exercise", "score", "possible", "note"],
            ["'=cmd", "tversky-loss", "", "", "not graded: the file is a symbolic link"],
            ["bo", "tversky-loss", "0", "3", "broke a rule of the exercise, so it scores 0"],
            ["cy", "tversky-loss", "0", "12", "did not compile"],
        ])
    }

    /// What the XML parser gives back for `text`: itself, with the characters XML 1.0 forbids or
    /// discourages (C0 but tab, LF and CR; DEL; C1; U+FFFE; U+FFFF) as `\u{HEX}`.
    func xmlForm(_ text: String) -> String {
        var form = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let allowed = value == 0x9 || value == 0xA || value == 0xD
                || (value >= 0x20 && value < 0x7F) || (value > 0x9F && value != 0xFFFE && value != 0xFFFF)
            form += allowed ? String(scalar) : "\\u{\(String(value, radix: 16, uppercase: true))}"
        }
        return form
    }

    @Test("JUnit XML is well-formed for every control character in names and outputs, and keeps what XML allows")
    func junitIsValidXML() throws {
        let controls = (0x01...0x1F).compactMap(Unicode.Scalar.init).map { "c\($0)c" }
        let names = Self.strangeNames + controls + ["nonchar\u{FFFE}\u{FFFF}", "cdata]]>end", "amp&lt;<>\"'"]
        let output = "line 1\r\nline 2\u{0}\u{1B}[31mred]]>&<script>alert(1)</script>\u{FFFF}\u{85}"
        let xml = GradebookExport.junit(entries(names, report: sampleReport(failure: output)))

        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "XMLParser: \(parser.parserError.map { "\($0)" } ?? "")")
        let document = try XMLDocument(xmlString: xml)
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == names.count)
        let students = try document.nodes(forXPath: "//property[@name='student']").compactMap {
            ($0 as? XMLElement)?.attribute(forName: "value")?.stringValue
        }
        #expect(students == names.sorted().map(xmlForm))
        let suiteNames = suites.compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
        #expect(suiteNames == names.sorted().map { xmlForm($0) + "/tversky-loss" })
        let failures = try document.nodes(forXPath: "//failure")
        #expect(failures.count == names.count)
        #expect(failures.allSatisfy { $0.stringValue == xmlForm(output) })
        #expect(failures.allSatisfy { ($0 as? XMLElement)?.attribute(forName: "message")?.stringValue == "line 1" })
        #expect(try document.nodes(forXPath: "/testsuites/@tests").first?.stringValue == "\(2 * names.count)")
    }

    @Test("a refused file is a failed JUnit case that names the reason")
    func junitRefusal() throws {
        let refusal = ClassFolder.Refusal(
            student: "eve\u{1}", exercise: nil, path: "/class/eve\u{1}", reason: "is a symbolic link", remedy: "Copy it.")
        let document = try XMLDocument(xmlString: GradebookExport.junit([], refusals: [refusal]))
        let suite = try #require(try document.nodes(forXPath: "//testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "name")?.stringValue == "eve\\u{1}")
        #expect(try document.nodes(forXPath: "//failure/@message").first?.stringValue == "not graded: the student's folder is a symbolic link")
    }

    func gradescopeJSON(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("Gradescope results.json has the documented fields, with text formats and the right types")
    func gradescopeShape() throws {
        var report = sampleReport(failure: "bad \u{0}\u{1B}[2J <b>html</b> & \"quotes\"\r\n")
        report.sandbox = "sandbox: resource limits only"
        let results = try gradescopeJSON(try GradebookExport.gradescope(report))
        #expect(Set(results.keys) == [
            "score", "output", "output_format", "test_output_format", "test_name_format", "visibility", "stdout_visibility", "tests",
        ])
        #expect(results["score"] as? Int == 2)
        #expect(results["output"] as? String == "tversky-loss: 2 of 3 points.\nsandbox: resource limits only")
        for key in ["output_format", "test_output_format", "test_name_format"] { #expect(results[key] as? String == "text") }
        #expect(results["visibility"] as? String == "visible")
        #expect(results["stdout_visibility"] as? String == "hidden")
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(tests.count == 2)
        for test in tests {
            #expect(Set(test.keys) == ["name", "score", "max_score", "status", "output", "visibility"])
        }
        #expect(tests.map { $0["name"] as? String } == ["values", "gradients"])
        #expect(tests.map { $0["score"] as? Int } == [2, 0])
        #expect(tests.map { $0["max_score"] as? Int } == [2, 1])
        #expect(tests.map { $0["status"] as? String } == ["passed", "failed"])
        #expect(tests.map { $0["visibility"] as? String } == ["visible", "after_published"])
        #expect(tests[1]["output"] as? String == "bad \u{0}\u{1B}[2J <b>html</b> & \"quotes\"\r\n")
    }

    @Test("Gradescope: a broken rule shows every test at 0; a compile failure is a failed test worth the points possible")
    func gradescopeRulesAndCompileFailures() throws {
        var broken = sampleReport()
        broken.ruleViolations = ["x.swift:3: calls tverskyLoss, which this exercise forbids."]
        let brokenResults = try gradescopeJSON(try GradebookExport.gradescope(broken))
        let brokenTests = try #require(brokenResults["tests"] as? [[String: Any]])
        #expect(brokenResults["score"] as? Int == 0)
        #expect(brokenTests.map { $0["score"] as? Int } == [0, 0, 0])
        #expect(brokenTests.map { $0["name"] as? String } == ["values", "gradients", "rule"])
        #expect(brokenTests.map { $0["status"] as? String } == ["passed", "failed", "failed"])

        let failed = GradeReport(
            exercise: "tversky-loss", submission: "x.swift",
            diagnostics: [CompilerDiagnostic(file: "x.swift", line: 2, column: 5, severity: .error, message: "expected expression")],
            outcomes: [], possiblePoints: 12)
        let failedTests = try #require(try gradescopeJSON(try GradebookExport.gradescope(failed))["tests"] as? [[String: Any]])
        #expect(failedTests.count == 1)
        #expect(failedTests[0]["name"] as? String == "compiles")
        #expect(failedTests[0]["max_score"] as? Int == 12)
        #expect(failedTests[0]["status"] as? String == "failed")
        #expect((failedTests[0]["output"] as? String)?.contains("x.swift:2:5: error: expected expression") == true)
    }

    @Test("Gradescope for a student with several exercises and a refused file: names start with the slug, scores add up")
    func gradescopeSeveralExercises() throws {
        let refusal = ClassFolder.Refusal(
            student: "ada", exercise: "focal-loss-imbalanced", path: "/c/ada/focal-loss-imbalanced.swift", reason: "is a FIFO (named pipe)",
            remedy: "Replace it.")
        let data = try GradebookExport.gradescope(
            student: [Gradebook.Entry(student: "ada", exercise: "tversky-loss", report: sampleReport()),
                      Gradebook.Entry(student: "ada", exercise: "label-smoothing-calibration", report: sampleReport(exercise: "label-smoothing-calibration"))],
            refusals: [refusal])
        let results = try gradescopeJSON(data)
        #expect(results["score"] as? Int == 4)
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(tests.map { $0["name"] as? String } == [
            "tversky-loss: values", "tversky-loss: gradients", "label-smoothing-calibration: values",
            "label-smoothing-calibration: gradients", "focal-loss-imbalanced: the submission is a plain file",
        ])
        #expect(tests.last?["output"] as? String == "Your focal-loss-imbalanced.swift is a FIFO (named pipe), so it was not graded. Hand in the .swift file itself.")
        #expect(!String(decoding: data, as: UTF8.self).contains("/c/ada"), "the instructor's paths stay out of what students see")
    }

    @Test("text shown on a terminal has its control characters, bidi overrides and backslashes made visible")
    func visibleText() {
        #expect(VisibleText.escapingControls("eve\r[1/1] ada: 12/12\u{1B}[2J\\\u{202E}\t\n") == "eve\\u{D}[1/1] ada: 12/12\\u{1B}[2J\\\\\\u{202E}\\u{9}\\u{A}")
        #expect(VisibleText.escapingControls("line 1\nline\t2\r\u{1B}\\", keepingLines: true) == "line 1\nline\t2\\u{D}\\u{1B}\\")
        #expect(VisibleText.escapingControls("émilie 😀") == "émilie 😀")
    }
}
