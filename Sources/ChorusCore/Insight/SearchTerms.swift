import Foundation

/// What a person typed into a search box, as the words a full-text index matches. Punctuation and operators are
/// dropped so nothing typed can act as query syntax; at most 20 words are kept.
public enum SearchTerms {
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current); current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return Array(words.prefix(20))
    }

    /// An SQLite FTS5 MATCH expression: every word, each quoted (all must match); nil when there are no words.
    public static func fts5Match(_ text: String) -> String? {
        let w = words(text)
        return w.isEmpty ? nil : w.map { "\"\($0)\"" }.joined(separator: " ")
    }
}
