import Foundation

/// What an audit entry may call a record.
///
/// The audit log (`/admin/audit`, `/admin/audit.csv`, `GET /api/v1/audit-events`) is read by the partnership admins
/// of every organisation. So an entry about a record that some of them may not see names it by kind and id only,
/// never by text typed into it or derived from it, in its label or in its before/after values:
///
/// - insights (their sharing level may be `organisation`): "Insight (quote) 1A2B3C4D";
/// - analysis runs, their schedules and discovered themes (a run is private to its organisation while it runs, and
///   afterwards whenever it analysed an organisation-level insight; theme names and notes come from insight text);
/// - a private decision space, its meetings, agenda items, decisions and actions (they exist only for its members).
///
/// Everything else that is audited (activities, plans, reports, bundles, people, places, taxonomy, tokens) is
/// seen by every partnership admin anyway. docs/security.md, "The audit log and the wall".
enum AuditLabel {
    /// The first 8 hex digits of an id (the entry's `entity_id` holds all of it).
    static func short(_ id: UUID?) -> String { id.map { String($0.uuidString.prefix(8)) } ?? "" }

    static func insight(id: UUID?, kind: String) -> String { "Insight (\(kind)) \(short(id))" }

    static func analysisRun(_ id: UUID?) -> String { "Analysis run \(short(id))" }

    static func analysisTheme(_ id: UUID?, _ what: String) -> String { "\(what) (theme \(short(id)))" }

    /// `text` for a record of a public decision space; "Decision 1A2B3C4D in a private decision space" otherwise.
    static func decisionSpace(isPublic: Bool, _ text: String, kind: String, id: UUID?) -> String {
        isPublic ? text : "\(kind) \(short(id)) in a private decision space"
    }
}
