import Foundation
import Plot
import ChorusCore

/// "How was taking part?" for residents (every string in the catalogue, English and Urdu; the activity's title is
/// staff's English), and its summary for staff beside the evaluation.
enum ParticipantFeedbackViews {
    struct FormModel: Sendable {
        let activityID: UUID
        let title: String
        let bot: BotFields
        var errors: [FieldError] = []
        var input: Input? = nil
        var sent = false
    }

    static func form(_ m: FormModel, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let heading = ctx.t("howwasit.title")
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(heading)]),
            H.el("p", ["class": "lead"], [.text(ctx.t("howwasit.about") + " "), EnglishContent.wrap(ctx, [H.bdi(m.title)], tag: "span")]),
        ]
        if m.sent {
            body.append(H.el("p", ["class": "notice", "role": "status"], [.text(ctx.t("howwasit.thanks"))]))
            body.append(H.el("p", [:], [H.link(ctx.t("howwasit.back"), SiteURL.Register.publicActivity(m.activityID))]))
        } else {
            body += [
                H.el("p", [:], [.text(ctx.t("howwasit.anonymous"))]),
                Form.post(
                    SiteURL.Standards.howWasIt(m.activityID), ctx,
                    [
                        m.bot.html(),
                        Form.radios(
                            "listened", legend: ctx.t("howwasit.listened"),
                            options: ParticipantFeedback.Listened.allCases.map { .init($0.rawValue, ctx.t("howwasit.listened.\($0.rawValue)")) },
                            selected: m.input?["listened"], error: e.message(for: "listened")),
                        Form.radios(
                            "ease", legend: ctx.t("howwasit.ease"),
                            options: ParticipantFeedback.Ease.allCases.map { .init($0.rawValue, ctx.t("howwasit.ease.\($0.rawValue)")) },
                            selected: m.input?["ease"], error: e.message(for: "ease")),
                        Form.field(
                            "comment", label: ctx.t("howwasit.comment"), control: .textarea(rows: 4), value: m.input?["comment"],
                            error: e.message(for: "comment"), hint: ctx.t("howwasit.comment_hint")),
                        Form.button(ctx.t("howwasit.send")),
                    ]),
            ]
        }
        return Page(title: heading, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    /// For staff, on the evaluation form: what participants said, counts only from enough answers.
    static func summary(_ s: ParticipantFeedback.Summary, activityID: UUID) -> HNode {
        H.el(
            "section", ["id": "participants"],
            [
                H.el("h2", ["class": "heading-m"], [.text("What participants told us")]),
                H.el(
                    "p", ["class": "hint"],
                    [
                        .text("\(EnglishCount.of(s.count, "anonymous answer", "anonymous answers")) to "),
                        H.link("\u{201C}How was taking part?\u{201D}", SiteURL.Standards.howWasIt(activityID)),
                        .text(", linked from the \u{201C}You said, we did\u{201D} email to those who asked to hear back."),
                    ]),
                s.listened.map { listened in
                    H.el(
                        "ul", ["class": "plain-list"],
                        [
                            H.el(
                                "li", [:],
                                [
                                    .text(
                                        "Felt listened to: \(listened[.yes] ?? 0) yes, \(listened[.partly] ?? 0) partly, \(listened[.no] ?? 0) no.")
                                ]),
                            H.el(
                                "li", [:],
                                [
                                    .text(
                                        "Easy to take part: \(s.ease?[.easy] ?? 0) easy, \(s.ease?[.someDifficulty] ?? 0) some difficulty, "
                                            + "\(s.ease?[.hard] ?? 0) hard.")
                                ]),
                        ])
                }
                    ?? (s.count == 0
                        ? H.el("p", ["class": "empty"], [.text("No answers yet.")])
                        : H.el("p", [:], [.text("Counts are shown from \(ParticipantFeedback.minimumToShow) answers.")])),
                .if(!s.comments.isEmpty, H.el("ul", ["class": "bullets"], s.comments.map { H.el("li", ["class": "multiline"], [.text($0)]) })),
            ])
    }
}
