/// `text` as a Swift string literal, for generated source code (`#sourceLocation(file:)` paths):
/// quotes and backslashes escaped, and every control character (carriage return, tab, escape, …)
/// written as `\u{…}`, so no path can end the literal or the line early.
public func swiftStringLiteral(_ text: String) -> String {
    var literal = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": literal += "\\\""
        case "\\": literal += "\\\\"
        case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029:
            literal += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: literal.unicodeScalars.append(scalar)
        }
    }
    return literal + "\""
}
