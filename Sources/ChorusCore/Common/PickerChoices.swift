import Foundation

/// The choices of a typeahead picker (`Picker` in the web app): records named by human labels that are unique, and
/// the one rule that turns what a person typed back into a record's id.
///
/// Labels are made unique when the choices are built: two records with the same label become "Label (2)", "Label
/// (3)"… in the order given, so every suggestion a browser shows names exactly one record. Matching is exact but
/// ignores case and runs of spaces (`key`). Besides its label, a record answers to its id and to any `aliases`
/// (for an activity: its bare title); an alias shared by several records is ambiguous, never a guess.
public struct PickerChoices: Sendable {
    public struct Item: Sendable, Equatable {
        public let id: UUID
        /// Unique among the choices (compared by `key`).
        public let label: String
        public let aliases: [String]
    }

    /// What a typed value resolved to.
    public enum Outcome: Sendable, Equatable {
        /// Nothing typed.
        case empty
        case picked(UUID)
        /// Matches no choice.
        case unknown
        /// Matches several choices (by a shared alias): their labels.
        case ambiguous([String])
    }

    public let items: [Item]
    private let byKey: [String: UUID]
    private let byAlias: [String: [UUID]]
    private let labels: [UUID: String]

    /// `raw` in the order the list shows them; a repeated id is kept once.
    public init(_ raw: [(id: UUID, label: String)], aliases: [UUID: [String]] = [:]) {
        var items: [Item] = []
        var byKey: [String: UUID] = [:]
        var seen = Set<UUID>()
        var firstLabels = Set<String>()
        for r in raw { firstLabels.insert(Self.key(r.label)) }
        for r in raw where seen.insert(r.id).inserted {
            let base = Self.clean(r.label).isEmpty ? r.id.uuidString : Self.clean(r.label)
            var label = base
            var n = 1
            // A later record with the same label (or one equal to another record's "Label (2)") is numbered on.
            while byKey[Self.key(label)] != nil || (n > 1 && firstLabels.contains(Self.key(label))) {
                n += 1
                label = "\(base) (\(n))"
            }
            byKey[Self.key(label)] = r.id
            items.append(Item(id: r.id, label: label, aliases: (aliases[r.id] ?? []) + (label == base ? [] : [base])))
        }
        var byAlias: [String: [UUID]] = [:]
        for item in items {
            for a in Set(item.aliases.map(Self.key)) where !a.isEmpty { byAlias[a, default: []].append(item.id) }
        }
        self.items = items
        self.byKey = byKey
        self.byAlias = byAlias
        self.labels = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0.label) })
    }

    /// Lower case, with every run of white space one space and none at the ends.
    public static func key(_ s: String) -> String { clean(s).lowercased() }

    static func clean(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    public func label(of id: UUID) -> String? { labels[id] }
    public func contains(_ id: UUID) -> Bool { labels[id] != nil }

    /// The record `typed` names: its label, its id, or an alias only one record has.
    public func resolve(_ typed: String?) -> Outcome {
        let k = Self.key(typed ?? "")
        guard !k.isEmpty else { return .empty }
        if let id = byKey[k] { return .picked(id) }
        if let id = UUID(uuidString: k), labels[id] != nil { return .picked(id) }
        guard let ids = byAlias[k] else { return .unknown }
        return ids.count == 1 ? .picked(ids[0]) : .ambiguous(ids.compactMap { labels[$0] })
    }

    /// The id `typed` names, or the error for `field` naming it by `fieldLabel` ("Heard during") and `what` it
    /// chooses ("activity"); `hint` says how to put it right. Nothing typed is nil without an error.
    public func id(
        _ typed: String?, field: String, fieldLabel: String, what: String,
        hint: String = "Choose one of the suggestions, as it is written there"
    ) -> Result<UUID?, FieldError> {
        switch resolve(typed) {
        case .empty: return .success(nil)
        case .picked(let id): return .success(id)
        case .unknown:
            let shown = Self.clean(typed ?? "").prefix(120)
            return .failure(FieldError(field, "\(fieldLabel): no \(what) is called \"\(shown)\". \(hint)"))
        case .ambiguous(let labels):
            let shown = Self.clean(typed ?? "").prefix(120)
            let listed = labels.prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")
            return .failure(
                FieldError(
                    field, "\(fieldLabel): \(labels.count) \(what) choices are called \"\(shown)\". Use the full name of one of them: \(listed)"))
        }
    }

    /// Several pickers of one field (a form that lets a person add records one picker at a time): the ids in the order
    /// typed, empty ones skipped and repeats kept once, or the first value's error.
    public func ids(
        _ typed: [String], field: String, fieldLabel: String, what: String,
        hint: String = "Choose one of the suggestions, as it is written there"
    ) -> Result<[UUID], FieldError> {
        var out: [UUID] = []
        for t in typed {
            switch id(t, field: field, fieldLabel: fieldLabel, what: what, hint: hint) {
            case .success(let picked): if let picked, !out.contains(picked) { out.append(picked) }
            case .failure(let e): return .failure(e)
            }
        }
        return .success(out)
    }
}
