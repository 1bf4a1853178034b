import Foundation

/// Pinned themes persist. When a re-run finds no theme matching a theme the analysts pinned in the previous run, the
/// pinned theme is carried into the new run: its members that are still in scope are taken out of whichever themes
/// (or the unassigned) they fell into, and form the carried theme again. Themes that lose members are described
/// again (key phrases, representatives, sentiment); a theme left with no member is dropped.
public enum PinnedThemeCarry {
    public struct Outcome: Sendable, Equatable {
        /// The run's themes in their order (some described again, emptied ones dropped), then the carried ones.
        public let themes: [DiscoveredThemeResult]
        /// For each theme: its index in the run's result, or nil for a carried theme.
        public let origin: [Int?]
        /// For each theme: the index of the pinned group it carries, or nil.
        public let carried: [Int?]
        public let unassigned: [UUID]
    }

    /// `pinned`: the members of each pinned, unmatched theme of the previous run.
    public static func carry(
        _ result: AnalysisResult, pinned: [[UUID]], documents: [AnalysisDocument],
        options: AnalysisOptions = AnalysisOptions()
    ) -> Outcome {
        let inScope = Set(documents.map(\.id))
        var taken: [UUID: Int] = [:]
        var kept: [[UUID]] = []
        for (g, members) in pinned.enumerated() {
            var group: [UUID] = []
            for id in members where inScope.contains(id) && taken[id] == nil { taken[id] = g; group.append(id) }
            kept.append(group)
        }
        let unchanged = Outcome(
            themes: result.themes, origin: result.themes.indices.map { $0 }, carried: result.themes.map { _ in nil },
            unassigned: result.unassigned)
        guard kept.contains(where: { !$0.isEmpty }) else { return unchanged }

        // Which of the run's themes lose members, and the groups to describe: those, then the carried ones.
        var remaining: [[UUID]] = []
        var changed: [Bool] = []
        for t in result.themes {
            let r = t.memberIDs.filter { taken[$0] == nil }
            remaining.append(r)
            changed.append(r.count != t.memberIDs.count)
        }
        var toDescribe: [[UUID]] = []
        var describedIndex: [Int: Int] = [:]
        for (i, r) in remaining.enumerated() where changed[i] && !r.isEmpty { describedIndex[i] = toDescribe.count; toDescribe.append(r) }
        let carriedStart = toDescribe.count
        let carriedGroups = kept.indices.filter { !kept[$0].isEmpty }
        toDescribe += carriedGroups.map { kept[$0] }
        let described = ThematicAnalyser.describe(documents, groups: toDescribe, options: options)

        var themes: [DiscoveredThemeResult] = [], origin: [Int?] = [], carried: [Int?] = []
        for (i, t) in result.themes.enumerated() {
            if !changed[i] { themes.append(t) } else if let d = describedIndex[i] { themes.append(described[d]) } else { continue }
            origin.append(i); carried.append(nil)
        }
        for (n, g) in carriedGroups.enumerated() {
            themes.append(described[carriedStart + n]); origin.append(nil); carried.append(g)
        }
        return Outcome(themes: themes, origin: origin, carried: carried, unassigned: result.unassigned.filter { taken[$0] == nil })
    }
}
