/// Text that came from learner code (messages, printed output), made safe to show: control
/// characters other than newline and tab become visible escapes such as `\u{1B}`, so printed
/// output cannot move a terminal's cursor, change its title or hide lines; and very long text is
/// cut, so one message cannot flood a report or a gradebook.
enum DisplayText {
    /// The most characters kept from one message.
    static let limit = 4000

    static func safe(_ text: String, limit: Int = limit) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                result += "… (cut: \(text.unicodeScalars.count - limit) more characters)"
                break
            }
            let value = scalar.value
            let isControl = value < 0x20 && scalar != "\n" && scalar != "\t" || (0x7F...0x9F).contains(value)
                || value == 0x2028 || value == 0x2029 || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            result += isControl ? "\\u{\(String(value, radix: 16, uppercase: true))}" : String(scalar)
            count += 1
        }
        return result
    }
}
