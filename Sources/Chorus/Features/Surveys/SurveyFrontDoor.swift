import Fluent
import Foundation
import ChorusCore

/// "Have your say" on the residents' front door: the surveys open now on public activities, the soonest to close
/// first. Nothing is shown when none is open.
extension SurveysFeature {
    static let frontDoorLimit = 5

    static func frontDoor(_ r: FrontDoorRequest) async throws -> [FrontDoorEntry] {
        let open = try await Survey.query(on: r.db).filter(\.$status == SurveyStatus.open.rawValue).all().map(SurveyService.Info.init)
            .filter { $0.isOpen(on: r.today) }
        let publicActivities = Set(try await RegisterService.facts(open.map(\.activityID), publicOnly: true, r.db).map(\.id))
        let shown = open.filter { publicActivities.contains($0.activityID) }
            .sorted { ($0.closes?.ordinal ?? Int.max, $0.title) < ($1.closes?.ordinal ?? Int.max, $1.title) }
            .prefix(frontDoorLimit)
        guard !shown.isEmpty else { return [] }
        let surveys = Array(shown)
        return [
            FrontDoorEntry(order: 15) { ctx in
                H.el(
                    "section", ["class": "front-section", "aria-labelledby": "have-your-say"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "have-your-say"], [.text(ctx.t("survey.take_part_title"))]),
                        H.el(
                            "ul", ["class": "plain-list"],
                            surveys.map { survey in
                                // In the reader's language where the survey is translated into it, else marked as written.
                                let s = survey.reading(in: ctx.language)
                                return H.el(
                                    "li", [:],
                                    [
                                        H.el("a", ["href": SiteURL.Surveys.start(s.id)], [SurveyQuestionView.wording(s.title, s.language, ctx)]),
                                        .unwrap(s.closes) {
                                            H.el("span", ["class": "hint"], [.text(" " + ctx.t("survey.closes", DayText.local($0, ctx)))])
                                        },
                                    ])
                            }),
                    ])
            }
        ]
    }
}
