extension GradebookExport {
    /// JUnit XML: a `<testsuite>` per (student, exercise) named `student/exercise` (neither a
    /// folder name nor a slug can hold `/`), with the student, exercise, score and possible
    /// points as properties, and a `<testcase>` per test; a compile error, a broken rule or a
    /// refused file is one failed case.
    ///
    /// The document is well-formed XML 1.0 for any name and any output: `&`, `<`, `>`, `"` and
    /// `'` are escaped, tab, line feed and carriage return become character references where a
    /// parser would otherwise change them, and the characters XML 1.0 forbids even as references
    /// (most C0 controls, U+FFFE, U+FFFF), with the C1 controls and DEL it discourages, are
    /// written as visible `\u{…}` text.
    public static func junit(_ entries: [Gradebook.Entry], refusals: [ClassFolder.Refusal] = []) -> String {
        var suites: [(student: String, exercise: String, xml: String, tests: Int, failures: Int)] = []
        for entry in entries {
            let report = entry.report
            let checks = checks(report)
            let properties = [("student", entry.student), ("exercise", entry.exercise),
                              ("score", "\(report.score)"), ("possible", "\(report.possiblePoints)")]
            suites.append(suite(
                student: entry.student, exercise: entry.exercise, properties: properties,
                cases: checks.map { check in
                    (entry.exercise, check.name, check.failure.map { (firstLine($0), $0) })
                }))
        }
        for refusal in refusals {
            let properties = [("student", refusal.student), ("exercise", refusal.exercise ?? "")]
            suites.append(suite(
                student: refusal.student, exercise: refusal.exercise ?? "", properties: properties,
                cases: [(refusal.exercise ?? "", "the submission is a plain file", (note(refusal), refusal.description))]))
        }
        suites = suites.enumerated().sorted {
            ($0.element.student, $0.element.exercise, $0.offset) < ($1.element.student, $1.element.exercise, $1.offset)
        }.map(\.element)
        let tests = suites.reduce(0) { $0 + $1.tests }
        let failures = suites.reduce(0) { $0 + $1.failures }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"exercise grade\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
            + suites.map(\.xml).joined() + "</testsuites>\n"
    }

    /// One `<testsuite>`; each case is (class name, name, failure as (message, full text) or nil).
    static func suite(
        student: String, exercise: String, properties: [(String, String)],
        cases: [(className: String, name: String, failure: (message: String, text: String)?)]
    ) -> (student: String, exercise: String, xml: String, tests: Int, failures: Int) {
        let failures = cases.filter { $0.failure != nil }.count
        let name = exercise.isEmpty ? student : "\(student)/\(exercise)"
        var xml = "  <testsuite name=\"\(XMLText.attribute(name))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        xml += "    <properties>\n"
        for (key, value) in properties {
            xml += "      <property name=\"\(XMLText.attribute(key))\" value=\"\(XMLText.attribute(value))\"/>\n"
        }
        xml += "    </properties>\n"
        for testCase in cases {
            xml += "    <testcase classname=\"\(XMLText.attribute(testCase.className))\" name=\"\(XMLText.attribute(testCase.name))\""
            if let failure = testCase.failure {
                xml += ">\n      <failure message=\"\(XMLText.attribute(failure.message))\">\(XMLText.content(failure.text))</failure>\n    </testcase>\n"
            } else {
                xml += "/>\n"
            }
        }
        xml += "  </testsuite>\n"
        return (student, exercise, xml, cases.count, failures)
    }

    /// The text up to its first line break.
    static func firstLine(_ text: String) -> String {
        String(text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" })
    }
}

/// Escaping for XML 1.0 documents that hold text from students.
enum XMLText {
    /// `text` for an attribute value between double quotes: tab, line feed and carriage return as
    /// character references, so attribute-value normalisation does not turn them into spaces.
    static func attribute(_ text: String) -> String {
        escape(text, inAttribute: true)
    }

    /// `text` for element content: a carriage return as `&#13;`, so end-of-line handling keeps it.
    static func content(_ text: String) -> String {
        escape(text, inAttribute: false)
    }

    static func escape(_ text: String, inAttribute: Bool) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\r": escaped += "&#13;"
            case "\n": escaped += inAttribute ? "&#10;" : "\n"
            case "\t": escaped += inAttribute ? "&#9;" : "\t"
            default:
                if isAllowed(scalar) {
                    escaped.unicodeScalars.append(scalar)
                } else {
                    escaped += VisibleText.escaped(scalar)
                }
            }
        }
        return escaped
    }

    /// Whether XML 1.0 allows `scalar` as a character and does not discourage it: its `Char`
    /// production (tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD,
    /// U+10000–U+10FFFF) without DEL and the C1 controls U+0080–U+009F.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x7F...0x9F: return false
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
