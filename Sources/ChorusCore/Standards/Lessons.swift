import Foundation

/// After an activity closes, did it reach the people it meant to? (An activity's evaluation, seed 001: "monitor and
/// evaluate previous events, acknowledge what goes wrong and what can we do better".)
public enum EvaluationReach: String, CaseIterable, Codable, Sendable {
    case yes, partly, no

    public var label: String {
        switch self {
        case .yes: return "Yes"
        case .partly: return "Partly"
        case .no: return "No"
        }
    }
}

/// Which evaluated activities hold lessons for a new one: those about the same things, by the same methods, with the
/// same people. A shared theme counts 3 (what it is about matters most), a shared method 2, a shared audience 1; one
/// theme or method in common is needed, so an audience alone ("everyone") does not make two activities alike. Best
/// first; ties by the newer evaluation, then the id, so the order is the same on every page load. Pure.
public enum LessonMatch {
    public struct Traits: Sendable, Equatable {
        public let themes: Set<UUID>
        public let methods: Set<String>
        public let audiences: Set<UUID>
        public init(themes: Set<UUID>, methods: Set<String>, audiences: Set<UUID>) {
            self.themes = themes; self.methods = methods; self.audiences = audiences
        }
    }

    public struct Candidate: Sendable, Equatable {
        public let id: UUID
        public let traits: Traits
        public let evaluatedOn: Day
        public init(id: UUID, traits: Traits, evaluatedOn: Day) {
            self.id = id; self.traits = traits; self.evaluatedOn = evaluatedOn
        }
    }

    public static func score(_ a: Traits, _ b: Traits) -> Int {
        let themes = a.themes.intersection(b.themes).count, methods = a.methods.intersection(b.methods).count
        guard themes + methods > 0 else { return 0 }
        return 3 * themes + 2 * methods + a.audiences.intersection(b.audiences).count
    }

    /// The ids of the candidates most like `target` (never `excluding` itself), at most `limit`.
    public static func similar(to target: Traits, excluding: UUID?, among candidates: [Candidate], limit: Int) -> [UUID] {
        candidates.filter { $0.id != excluding }
            .map { ($0, score(target, $0.traits)) }
            .filter { $0.1 > 0 }
            .sorted { x, y in
                if x.1 != y.1 { return x.1 > y.1 }
                if x.0.evaluatedOn != y.0.evaluatedOn { return x.0.evaluatedOn > y.0.evaluatedOn }
                return x.0.id.uuidString < y.0.id.uuidString
            }
            .prefix(limit).map(\.0.id)
    }
}
