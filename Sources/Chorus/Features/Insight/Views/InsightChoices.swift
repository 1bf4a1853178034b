import Foundation
import ChorusCore

/// The options insight forms and filters offer, loaded once per page (`InsightPages.choices`).
struct InsightChoices: Sendable {
    let organisations: [Form.Option]
    let places: [Form.Option]
    let themes: [Form.Option]
    let audiences: [Form.Option]
    /// The activities the recorder may attach an insight to, for the "Heard during" picker (empty on lists).
    let activities: PickerChoices
    /// The names of everything above, so a list page names its cards' themes, places, organisations and audiences
    /// without asking the database again (`InsightQueries.Links.load(_:_:known:)`).
    var names = InsightQueries.Names()

    static func kinds(_ ctx: PageContext) -> [Form.Option] {
        InsightKind.allCases.map { Form.Option($0.rawValue, ctx.t("insight.kind.\($0.rawValue)")) }
    }
    static func sharing(_ ctx: PageContext) -> [Form.Option] {
        SharingLevel.allCases.map { Form.Option($0.rawValue, ctx.t("insight.sharing.\($0.rawValue)")) }
    }
    static func equality(_ q: EqualityQuestion) -> [Form.Option] { q.options.map { Form.Option($0.code, $0.label) } }
}
