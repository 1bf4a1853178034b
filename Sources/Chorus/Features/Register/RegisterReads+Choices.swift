import Vapor
import Fluent
import SQLKit
import ChorusCore

extension RegisterService {
    /// The activities `user` may name in a form ("Heard during", "activities that prompted it"), newest first, as
    /// typeahead choices labelled "Title — Lead organisation, 3 Mar 2026" (`PickerChoices` numbers repeats) and
    /// answering to their bare title too: every live activity, and drafts of their own organisation (all drafts for
    /// a partnership admin); another organisation's draft does not exist for them (`findVisible`).
    static func activityChoices(_ user: CurrentUser, _ db: any Database) async throws -> PickerChoices {
        guard let sql = db as? any SQLDatabase else { return PickerChoices([]) }
        struct Row: Decodable { let id: UUID; let title: String; let status: String; let organisation_id: UUID; let start_day: Int }
        struct Org: Decodable { let id: UUID; let name: String }
        var rows = sql.select().columns("id", "title", "status", "organisation_id", "start_day").from(Activity.schema)
        if !user.role.canAdministerPartnership {
            rows = rows.where(group: { w in
                w.where("status", .notEqual, ActivityStatus.draft.rawValue).orWhere("organisation_id", .equal, user.organisationID)
            })
        }
        let activities = try await rows.orderBy("start_day", .descending).orderBy("title").all(decoding: Row.self)
        let orgs = Dictionary(
            try await sql.select().columns("id", "name").from(Organisation.schema).all(decoding: Org.self).map { ($0.id, $0.name) },
            uniquingKeysWith: { a, _ in a })
        return PickerChoices(
            activities.map { a in
                let lead = orgs[a.organisation_id].map { " — \($0)" } ?? ""
                let draft = a.status == ActivityStatus.draft.rawValue ? " (draft)" : ""
                return (id: a.id, label: "\(a.title)\(draft)\(lead), \(DayText.long(Day(ordinal: a.start_day)))")
            },
            aliases: Dictionary(activities.map { ($0.id, [$0.title]) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The activity a form chose (`field`, one of `choices`) for something the reader adds to it (a survey, a budgeting
    /// round: `thing`), when they may: only its organisation's staff (and partnership admins) can. Else nil, with the
    /// reason on the field.
    static func chosenActivity(
        _ field: String, _ raw: String?, thing: String, user: CurrentUser, choices: PickerChoices, _ v: inout ChorusCore.Validator,
        _ db: any Database
    ) async throws -> UUID? {
        guard let raw, !raw.isEmpty else {
            v.add(field, "Choose the activity the \(thing) is for")
            return nil
        }
        guard let id = UUID(uuidString: raw), choices.items.contains(where: { $0.id == id }), let facts = try await facts(id, db) else {
            v.add(field, "Choose the activity from the list")
            return nil
        }
        guard canEdit(user, organisationID: facts.organisationID) else {
            v.add(field, "Choose an activity of your own organisation: only its staff can add a \(thing) to it")
            return nil
        }
        return id
    }
}
