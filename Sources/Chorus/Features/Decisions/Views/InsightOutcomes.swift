import Vapor
import Plot
import Fluent
import ChorusCore

/// "What happened because of this" on an insight's page: the decisions it prompted (in spaces the reader may see)
/// and their actions with status.
enum InsightOutcomes {
    static func section(_ req: Request, _ insight: Insight, user: CurrentUser) async throws -> HNode {
        let decisions = try await ActionService.decisions(prompting: insight, viewer: user, req.db)
        let spaces = try await NameLookup.names(DecisionSpace.self, Array(Set(decisions.map { $0.$space.id })), req.db) { $0.name }
        let actions = decisions.isEmpty ? [] : try await DecisionAction.query(on: req.db).filter(\.$decision.$id ~~ decisions.compactMap(\.id)).sort(\.$dueDay).all()
        let rows = try await ActionViews.rows(actions, req.db, today: Day(Date()))
        return H.el("section", ["aria-labelledby": "what-happened", "lang": "en", "dir": "ltr"], [
            H.el("h2", ["class": "heading-m", "id": "what-happened"], [.text("What happened because of this")]),
            decisions.isEmpty
                ? H.el("p", ["class": "empty"], [.text("No decision space you can see has recorded a decision prompted by this yet.")])
                : H.el("ul", ["class": "plain-list"], decisions.map { d in
                    H.el("li", ["class": "panel"], [
                        H.el("p", [:], [H.el("strong", [:], [.text("\(spaces[d.$space.id] ?? "") decided on \(DayText.long(Day(ordinal: d.decidedDay))): ")]),
                                        .text(d.text), .text(" "), H.link("See the agenda item", SiteURL.Decisions.item(d.$agendaItem.id))]),
                        ActionViews.table(zip(actions, rows).filter { $0.0.$decision.id == d.id }.map(\.1), caption: "Actions"),
                    ])
                }),
        ])
    }
}
