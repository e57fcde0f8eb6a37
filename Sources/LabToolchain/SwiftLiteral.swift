/// `text` as a Swift string literal, for generated source code (`#sourceLocation(file:)` paths).
public func swiftStringLiteral(_ text: String) -> String {
    var literal = "\""
    for character in text {
        switch character {
        case "\"": literal += "\\\""
        case "\\": literal += "\\\\"
        case "\n": literal += "\\n"
        default: literal.append(character)
        }
    }
    return literal + "\""
}
