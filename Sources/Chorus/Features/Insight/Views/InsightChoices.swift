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
    /// The names of everything above, so a list page names its cards' themes, places, organisations and audiences
    /// without asking the database again (`InsightQueries.Links.load(_:_:known:)`).
    var names = InsightQueries.Names()

    /// `activities: false` for the list's filters, which do not offer them (300 activities are a noticeable part
    /// of a list page's time).
    static func load(_ req: Request, activities withActivities: Bool = true) async throws -> InsightChoices {
        let tree = try await ThemesResource.hierarchy(on: req.db)
        let recent = !withActivities ? [] : try await Activity.query(on: req.db).filter(\.$status != ActivityStatus.draft.rawValue)
            .sort(\.$startDay, .descending).limit(300).all()
        let organisations = try await Organisation.query(on: req.db).sort(\.$name).all()
        let places = try await Place.query(on: req.db).filter(\.$kind != PlaceKind.localAuthority.rawValue).sort(\.$name).all()
        let audiences = try await Audience.query(on: req.db).sort(\.$name).all()
        let entries = tree.ordered()
        var names = InsightQueries.Names()
        for o in organisations { names.organisations[o.id!] = o.name }
        for p in places { names.places[p.id!] = p.name }
        for a in audiences { names.audiences[a.id!] = a.name }
        for e in entries { names.themes[e.entry.id] = e.entry.name }
        return InsightChoices(
            organisations: organisations.map { Form.Option($0.id!.uuidString, $0.name) },
            places: places.map { Form.Option($0.id!.uuidString, $0.name) },
            themes: entries.map { Form.Option($0.entry.id.uuidString, tree.label($0.entry.id)) },
            audiences: audiences.map { Form.Option($0.id!.uuidString, $0.name) },
            activities: recent.map { Form.Option($0.id!.uuidString, "\($0.title) (\(DayText.long(Day(ordinal: $0.startDay))))") },
            names: names)
    }

    static func kinds(_ req: Request) -> [Form.Option] { InsightKind.allCases.map { Form.Option($0.rawValue, req.t("insight.kind.\($0.rawValue)")) } }
    static func sharing(_ req: Request) -> [Form.Option] { SharingLevel.allCases.map { Form.Option($0.rawValue, req.t("insight.sharing.\($0.rawValue)")) } }
    static func equality(_ q: EqualityQuestion) -> [Form.Option] { q.options.map { Form.Option($0.code, $0.label) } }
}
