import ChorusCore
import Vapor
import Fluent

/// The shared reference data that many features' records point at.
enum ReferenceKind: String, Sendable {
    case place, theme, audience, organisation
}

/// One kind of record that uses reference data, declared by the feature that owns the records
/// (`ChorusFeature.usages`): how many of them use one item, and what to call them in a sentence.
struct ReferenceUsage: Sendable {
    let kind: ReferenceKind
    /// A plural noun phrase: "activities in the register", "insights".
    let records: String
    let count: @Sendable (UUID, any Database) async throws -> Int

    /// "1 activity in the register", "3 insights".
    func counted(_ n: Int) -> String {
        guard n == 1 else { return "\(NumberText.grouped(n)) \(records)" }
        let words = records.split(separator: " ").map { Self.singular[String($0)] ?? String($0) }
        return "1 " + words.joined(separator: " ")
    }

    /// The plural nouns the registered phrases use, and their singulars.
    static let singular = [
        "activities": "activity", "actions": "action", "items": "item", "runs": "run", "spaces": "space", "bundles": "bundle",
        "insights": "insight", "notes": "note", "places": "place", "themes": "theme", "audiences": "audience", "people": "person",
    ]
}

/// Refuses to delete a place, theme, audience or organisation that any feature's records still use, with a message
/// naming every use. Asking each feature (rather than one feature that knew only activities) is what stops a theme
/// used only by insights from passing the check and then failing the delete on a foreign key.
enum UsageRegistry {
    static func blocker(_ name: String, _ kind: ReferenceKind, _ id: UUID, on db: any Database) async throws -> String? {
        try await blocker(name, kind, id, usages: Features.usages, on: db)
    }

    static func blocker(_ name: String, _ kind: ReferenceKind, _ id: UUID, usages: [ReferenceUsage], on db: any Database) async throws -> String? {
        var uses: [String] = []
        for usage in usages where usage.kind == kind {
            let n = try await usage.count(id, db)
            if n > 0 { uses.append(usage.counted(n)) }
        }
        guard !uses.isEmpty else { return nil }
        let list = uses.count == 1 ? uses[0] : uses.dropLast().joined(separator: ", ") + " and " + uses.last!
        return "\(name) is used by \(list); change or remove those first"
    }
}
