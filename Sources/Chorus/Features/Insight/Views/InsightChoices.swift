import Vapor
import Fluent
import ChorusCore

/// The options insight forms and filters offer, loaded once per page.
struct InsightChoices: Sendable {
    let organisations: [Form.Option]
    let places: [Form.Option]
    let themes: [Form.Option]
    let audiences: [Form.Option]
    /// Live activities, newest first (capped: the form is for recent engagement; the API takes any id).
    let activities: [Form.Option]

    /// `activities: false` for the list's filters, which do not offer them (300 activities are a noticeable part
    /// of a list page's time).
    static func load(_ req: Request, activities withActivities: Bool = true) async throws -> InsightChoices {
        let tree = try await ThemesResource.hierarchy(on: req.db)
        let recent = !withActivities ? [] : try await Activity.query(on: req.db).filter(\.$status != ActivityStatus.draft.rawValue)
            .sort(\.$startDay, .descending).limit(300).all()
        return InsightChoices(
            organisations: try await Organisation.query(on: req.db).sort(\.$name).all().map { Form.Option($0.id!.uuidString, $0.name) },
            places: try await Place.query(on: req.db).filter(\.$kind != PlaceKind.localAuthority.rawValue).sort(\.$name).all()
                .map { Form.Option($0.id!.uuidString, $0.name) },
            themes: tree.ordered().map { Form.Option($0.entry.id.uuidString, tree.label($0.entry.id)) },
            audiences: try await Audience.query(on: req.db).sort(\.$name).all().map { Form.Option($0.id!.uuidString, $0.name) },
            activities: recent.map { Form.Option($0.id!.uuidString, "\($0.title) (\(DayText.long(Day(ordinal: $0.startDay))))") })
    }

    static func kinds(_ req: Request) -> [Form.Option] { InsightKind.allCases.map { Form.Option($0.rawValue, req.t("insight.kind.\($0.rawValue)")) } }
    static func sharing(_ req: Request) -> [Form.Option] { SharingLevel.allCases.map { Form.Option($0.rawValue, req.t("insight.sharing.\($0.rawValue)")) } }
    static func equality(_ q: EqualityQuestion) -> [Form.Option] { q.options.map { Form.Option($0.code, $0.label) } }
}
