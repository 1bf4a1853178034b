import Foundation

/// Representative members of a theme by centrality: the members most similar (cosine) to the theme's centre, skipping
/// a member whose text is the same as one already chosen (ignoring case and spacing), so five copies of one comment
/// do not fill the list.
enum RepresentativePicker {
    /// `members` sorted by similarity to the centre, most central first (ties by input order).
    static func byCentrality(_ members: [Int], similarity: [Float]) -> [Int] {
        members.sorted { similarity[$0] > similarity[$1] || (similarity[$0] == similarity[$1] && $0 < $1) }
    }

    /// The first `count` of `ranked` with distinct texts (fewer only if the theme has fewer distinct texts).
    static func pick(_ ranked: [Int], texts: [String], count: Int) -> [Int] {
        var chosen: [Int] = []
        var seen = Set<String>()
        for d in ranked {
            if chosen.count >= count { break }
            let key = texts[d].lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if seen.insert(key).inserted { chosen.append(d) }
        }
        return chosen
    }
}
