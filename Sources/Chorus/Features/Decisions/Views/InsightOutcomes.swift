import Foundation
import Plot
import ChorusCore

/// "What happened because of this" on an insight's page: the decisions it prompted (in spaces the reader may see)
/// and their actions with status.
enum InsightOutcomes {
    static func section(_ m: DecisionsPages.Outcomes) -> HNode {
        let decisions = m.entries
        return H.el(
            "section", ["aria-labelledby": "what-happened", "lang": "en", "dir": "ltr"],
            [
                H.el("h2", ["class": "heading-m", "id": "what-happened"], [.text("What happened because of this")]),
                decisions.isEmpty
                    ? H.el("p", ["class": "empty"], [.text("No decision space you can see has recorded a decision prompted by this yet.")])
                    : H.el(
                        "ul", ["class": "plain-list"],
                        decisions.map { d in
                            H.el(
                                "li", ["class": "panel"],
                                [
                                    H.el(
                                        "p", [:],
                                        [
                                            H.el("strong", [:], [.text("\(d.space) decided on \(DayText.long(d.decision.decided)): ")]),
                                            .text(d.decision.text), .text(" "),
                                            H.link("See the agenda item", SiteURL.Decisions.item(d.decision.agendaItemID)),
                                        ]),
                                    ActionViews.table(d.actions, caption: "Actions"),
                                ])
                        }),
            ])
    }
}
