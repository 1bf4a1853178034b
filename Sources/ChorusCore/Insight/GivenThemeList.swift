import Foundation

/// The list of given themes an analyst types, one per line: `Name: what it is about` (the description is optional,
/// and helps: its words count towards the match).
public enum GivenThemeList {
    public static let maxThemes = 30
    public static let maxNameLength = 100
    public static let maxDescriptionLength = 1_000

    /// The themes of `text`, or a message naming the field `field` and the line at fault.
    public static func parse(_ text: String, field: String = "themes") throws(ValidationFailure) -> [GivenTheme] {
        var themes: [GivenTheme] = []
        var seen = Set<String>()
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let description = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            func fail(_ message: String) -> ValidationFailure { ValidationFailure([FieldError(field, "Line \(i + 1): \(message)")]) }
            if name.isEmpty { throw fail("give the theme a name before the colon") }
            if name.count > maxNameLength { throw fail("the name is longer than \(maxNameLength) characters") }
            if description.count > maxDescriptionLength { throw fail("the description is longer than \(maxDescriptionLength) characters") }
            if !seen.insert(name.lowercased()).inserted { throw fail("\u{201C}\(name)\u{201D} is listed twice") }
            themes.append(GivenTheme(name: name, description: description))
        }
        if themes.isEmpty { throw ValidationFailure([FieldError(field, "Enter at least one theme, one per line")]) }
        if themes.count > maxThemes { throw ValidationFailure([FieldError(field, "Enter at most \(maxThemes) themes (there are \(themes.count))")]) }
        return themes
    }
}
