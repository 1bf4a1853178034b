import Foundation
import Plot
import ChorusCore

/// An activity's engagement plan: status and sign-off, level and why, every warning with what to do, each section
/// with its comments, the compliance screening, and the actions the reader may take.
enum PlanPageView {
    static func render(_ m: PlanningPages.PlanPage, _ ctx: PageContext) -> Page {
        let (r, userID, notice, errors) = (m.plan, m.userID, m.notice, m.errors)
        let f = ValidationFailure(errors)
        let id = r.activityID
        let s = r.signOff
        let isReviewer = s.isInvited(userID) && s.status == .inChallenge
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Register.show(id), "class": "back-link no-print"], [.text("Back to the activity")]),
            Form.errorSummary(errors, ctx),
            H.el("span", ["class": "caption"], [.text(r.activityTitle)]),
            H.el("h1", ["class": "heading-xl"], [.text("Engagement plan")]),
            H.el(
                "p", [:],
                [H.el("strong", ["class": "tag" + (s.status == .signedOff ? "" : " tag-grey"), "id": "plan-status"], [.text(s.status.label)])]),
            signOffSummary(r),
        ]
        body.append(
            H.el(
                "p", ["class": "actions no-print"],
                [
                    .if(isReviewer, H.link("Go to your review", "#review", class: "button")),
                    .if(r.canEdit, H.link("Answer the ladder advisor", SiteURL.Plan.advisor(id), class: "button")),
                    .if(r.canEdit, H.link("Edit the plan", SiteURL.Plan.edit(id), class: "button button-secondary")),
                    H.link("Print", SiteURL.Plan.print(id), class: "button button-secondary"),
                    H.link("Download as Markdown", SiteURL.Plan.markdown(id), class: "button button-secondary"),
                ]))
        body += content(r, forPrint: false)
        if r.canEdit && (s.status == .draft || s.status == .changesRequested) {
            let ambiguous = PlanReviewers.ambiguous(m.reviewers)
            body.append(
                H.el(
                    "div", ["class": "panel no-print"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "send"], [.text("Send for peer challenge")]),
                        .if(
                            !r.gaps.isEmpty,
                            H.el("p", [:], [.text("Complete these sections first: " + r.gaps.map(\.section.label).joined(separator: ", ") + ".")])),
                        Form.post(
                            SiteURL.Plan.action(id, "send"), ctx,
                            [
                                Form.checkboxes(
                                    "reviewer_ids", legend: "Colleagues to review and sign off (any partner)",
                                    options: m.reviewers.map {
                                        Form.Option($0.id.uuidString, reviewerLabel($0, ctx, withEmail: ambiguous.contains($0.id)))
                                    },
                                    selected: [], error: f.message(for: "reviewer_ids"),
                                    hint: (m.activityIsDraft
                                        ? "The activity is a draft, so only your organisation's staff and partnership admins can see it and review. "
                                        : "Officers, analysts, secretaries, comms and admins of every partner; your own organisation first. ")
                                        + "Each reviewer is emailed a link to this page.",
                                    columns: false),
                                Form.button("Send for challenge"),
                            ]),
                    ]))
        }
        if r.canEdit && s.status == .inChallenge {
            body.append(
                Form.post(SiteURL.Plan.action(id, "withdraw"), ctx, [Form.button("Withdraw from challenge", secondary: true)], class: "no-print"))
        }
        if isReviewer {
            body.append(reviewBox(m, ctx))
        }
        if r.canEdit || s.isInvited(userID) {
            body.append(
                H.el(
                    "div", ["class": "panel no-print"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "comment"], [.text("Comment on a section")]),
                        Form.post(
                            SiteURL.Plan.action(id, "comments"), ctx,
                            [
                                Form.field(
                                    "section", label: "Section",
                                    control: .select(
                                        PlanSection.allCases.map { Form.Option($0.rawValue, $0.label) }, placeholder: "The plan as a whole"),
                                    value: nil, error: f.message(for: "section")),
                                Form.field("body", label: "Comment", control: .textarea(rows: 3), value: nil, error: f.message(for: "body")),
                                Form.button("Add comment", secondary: true),
                            ]),
                    ]))
        }
        return Page(
            title: "Engagement plan: \(r.activityTitle)", body: body, status: errors.isEmpty ? .ok : .badRequest, notice: notice, englishOnly: true)
    }

    static func signOffSummary(_ r: PlanningPages.Plan) -> HNode {
        let s = r.signOff
        func name(_ id: UUID) -> String { r.names[id] ?? "someone" }
        var lines: [String] = []
        if let by = s.sentBy, let at = s.sentAt { lines.append("Sent for challenge by \(name(by)) on \(DayText.long(Day(at))).") }
        if !s.reviewers.isEmpty { lines.append("Reviewers: " + s.reviewers.map(name).joined(separator: ", ") + ".") }
        for a in s.approvals {
            var line = "Approved by \(name(a.reviewer)) on \(DayText.long(Day(a.at)))."
            if let ack = a.acknowledgement {
                let n = ack.warnings.count
                line +=
                    " They acknowledged \(n == 1 ? "1 open warning" : "\(n) open warnings") ("
                    + ack.warnings.map(\.message).joined(separator: " ") + ") and gave this reason: \u{201C}\(ack.reason)\u{201D}"
            }
            lines.append(line)
        }
        if let by = s.changesRequestedBy, s.status == .changesRequested { lines.append("\(name(by)) asked for changes.") }
        if let at = s.signedOffAt, s.status == .signedOff { lines.append("Signed off on \(DayText.long(Day(at))).") }
        if let at = s.previousSignOffAt, s.status != .signedOff {
            lines.append("It was signed off on \(DayText.long(Day(at))) and reopened by a later edit: it needs signing off again.")
        }
        return lines.isEmpty ? .empty : H.el("ul", ["class": "plain-list", "id": "sign-off"], lines.map { H.el("li", [:], [.text($0)]) })
    }

    /// "Name — Role, Organisation (job title)", with the email address when the name alone is ambiguous.
    static func reviewerLabel(_ p: PlanReviewerChoice, _ ctx: PageContext, withEmail: Bool = false) -> String {
        "\(p.name) \u{2014} \(ctx.t("role.\(p.role.rawValue)")), \(p.organisation)" + (p.jobTitle.map { " (\($0))" } ?? "")
            + (withEmail ? ", \(p.email)" : "")
    }

    /// The reviewer's box: the open warnings again, an explicit acknowledgement with a reason when any is open, approve;
    /// or ask for changes.
    static func reviewBox(_ m: PlanningPages.PlanPage, _ ctx: PageContext) -> HNode {
        let (r, id, f) = (m.plan, m.plan.activityID, ValidationFailure(m.errors))
        let blocking = r.blocking
        let again = r.signOff.hasApproved(m.userID)
        var approve: [HNode] = []
        if !blocking.isEmpty && !again {
            approve += [
                H.el(
                    "p", [:],
                    [
                        .text(
                            blocking.count == 1
                                ? "1 warning is still open. Read it before you sign off:"
                                : "\(blocking.count) warnings are still open. Read them before you sign off:")
                    ]),
                H.el(
                    "ul", ["class": "plain-list", "id": "open-warnings"],
                    blocking.map { w in
                        H.el(
                            "li", ["class": "warning-\(w.severity.rawValue)"],
                            [
                                H.el("strong", [:], [.text(w.severity == .critical ? "Must fix: " : "Warning: ")]), .text(w.message + " "),
                                H.el("span", ["class": "warning-action"], [.text("What to do: " + w.action)]),
                            ])
                    }),
            ]
            approve += blocking.map { H.void("input", ["type": "hidden", "name": PlanSignOffRule.shownField, "value": $0.code]) }
            approve += [
                Form.checkboxes(
                    PlanSignOffRule.acknowledgeField, legend: "Acknowledge the open warnings",
                    options: [Form.Option("true", PlanSignOffRule.label(count: blocking.count))], selected: [],
                    error: f.message(for: PlanSignOffRule.acknowledgeField), columns: false),
                Form.field(
                    PlanSignOffRule.reasonField, label: "Why can the plan be signed off with these warnings open?",
                    control: .textarea(rows: 3), value: m.acknowledgementReason, error: f.message(for: PlanSignOffRule.reasonField),
                    hint: "Kept with your approval, shown on the plan and in the audit log.", required: true),
            ]
        }
        approve.append(Form.button(again ? "Approved (approve again)" : "Approve and sign off"))
        return H.el(
            "div", ["class": "panel no-print", "id": "review"],
            [
                H.el("h2", ["class": "heading-m"], [.text("Your review")]),
                Form.post(SiteURL.Plan.action(id, "approve"), ctx, approve),
                Form.post(
                    SiteURL.Plan.action(id, "request-changes"), ctx,
                    [
                        Form.field(
                            "comment", label: "What needs to change?", control: .textarea(rows: 3), value: m.comment,
                            error: f.message(for: "comment")),
                        Form.button("Ask for changes", secondary: true),
                    ]),
            ])
    }

    static func warningList(_ warnings: [PlanWarning]) -> HNode {
        guard !warnings.isEmpty else { return .empty }
        return H.el(
            "div", ["class": "warning-panel", "id": "warnings"],
            [
                H.el("h2", ["class": "heading-m"], [.text("Things to act on (\(warnings.count))")]),
                H.el(
                    "ul", ["class": "plain-list"],
                    warnings.map { w in
                        H.el(
                            "li", ["class": "warning-\(w.severity.rawValue)"],
                            [
                                H.el(
                                    "strong", [:], [.text(w.severity == .critical ? "Must fix: " : w.severity == .warning ? "Warning: " : "Note: ")]),
                                .text(w.message + " "), H.el("span", ["class": "warning-action"], [.text("What to do: " + w.action)]),
                            ])
                    }),
            ])
    }

    /// The plan itself (shared by the page and the print view).
    static func content(_ r: PlanningPages.Plan, forPrint: Bool) -> [HNode] {
        let rec = r.recommendation
        let level = r.chosen ?? rec.level
        let dates = "\(DayText.long(r.facts.starts)) to \(r.facts.ends.map(DayText.long) ?? "no end date")"
        var out: [HNode] = [
            H.el(
                "dl", ["class": "summary-list", "id": "plan-summary"],
                [
                    H.el("dt", [:], [.text("Dates (from the activity)")]), H.el("dd", [:], [.text(dates)]),
                    H.el("dt", [:], [.text("Level of engagement")]),
                    H.el("dd", [:], [.text(level.label)]),
                    H.el("dt", [:], [.text("Sections complete")]),
                    H.el("dd", [:], [.text("\(PlanSection.allCases.count - r.gaps.count) of \(PlanSection.allCases.count)")]),
                    H.el("dt", [:], [.text("Open warnings")]),
                    H.el("dd", [:], [.text(openWarnings(r))]),
                ]),
            H.el("h2", ["class": "heading-m", "id": "level"], [.text("Level of engagement")]),
            H.el("p", [:], [.text(PlanActivityLink.levelSentence(planChoice: r.planChoice, activity: r.facts.level, recommendation: rec))]),
            H.el("p", [:], [.text("Promise to residents: " + level.promise)]),
            warningList(r.warnings),
            officerNotes(r),
        ]
        for section in PlanSection.allCases {
            let missing = r.gaps.first { $0.section == section }?.missingFields ?? []
            out.append(H.el("h2", ["class": "heading-m", "id": "section-\(section.rawValue)"], [.text(section.label)]))
            out.append(
                H.el(
                    "dl", ["class": "summary-list"],
                    section.fields.flatMap { field in
                        [
                            H.el("dt", [:], [.text(field.label)]),
                            H.el(
                                "dd", [:],
                                [
                                    .text(r.content.text(field) ?? (missing.contains(field) ? "Missing" : "—")),
                                    .if(r.fromActivity.contains(field), fromActivityNote(r, forPrint: forPrint)),
                                ]),
                        ]
                    }))
            let comments = r.comments.filter { $0.section == section.rawValue }
            if !comments.isEmpty && !forPrint { out.append(commentList(comments)) }
        }
        out.append(H.el("h2", ["class": "heading-m"], [.text("Compliance screening")]))
        var rows: [(String, String)] = [
            (
                "Equality impact assessment",
                r.equality.outcome.label + (r.equality.reasons.isEmpty ? "" : ": " + r.equality.reasons.joined(separator: " "))
            ),
            (
                "Data protection impact assessment",
                r.dpia.outcome.label + (r.dpia.reasons.isEmpty ? "" : ": " + r.dpia.reasons.joined(separator: " "))
            ),
        ]
        if let p = r.period {
            rows.append(
                (
                    "Consultation period",
                    "\(DayText.long(p.opens)) to \(p.closes.map(DayText.long) ?? "no closing date")" + (p.days.map { " (\($0) days)" } ?? "")
                ))
        }
        out.append(H.el("dl", ["class": "summary-list"], rows.flatMap { [H.el("dt", [:], [.text($0.0)]), H.el("dd", [:], [.text($0.1)])] }))
        if r.isConsultation {
            out.append(
                Lists.table(
                    r.gunning.checks,
                    columns: [
                        .init(header: "Gunning principle") { .text($0.principle.title) },
                        .init(header: "Status") { .text($0.status.label) },
                        .init(header: "Evidence") { c in c.evidenceLink.map { H.link($0, $0) } ?? .text("—") },
                    ], caption: "Gunning principles", empty: ""))
        }
        let general = r.comments.filter { $0.section == nil }
        if !general.isEmpty && !forPrint {
            out.append(H.el("h2", ["class": "heading-m"], [.text("Comments on the plan")]))
            out.append(commentList(general))
        }
        return out
    }

    /// "2 warnings to act on or acknowledge before sign-off, and 1 note".
    static func openWarnings(_ r: PlanningPages.Plan) -> String {
        let (w, n) = (r.blocking.count, r.warnings.count - r.blocking.count)
        let notes = n == 0 ? "" : n == 1 ? ", and 1 note" : ", and \(n) notes"
        if w == 0 { return "None" + (n == 0 ? "" : " (\(n == 1 ? "1 note" : "\(n) notes"))") }
        return (w == 1 ? "1 warning" : "\(w) warnings") + " to act on or acknowledge before sign-off" + notes
    }

    /// "(from the activity — edit there)", linked to the activity's edit page for its editors.
    static func fromActivityNote(_ r: PlanningPages.Plan, forPrint: Bool) -> HNode {
        H.el(
            "span", ["class": "hint from-activity"],
            [
                .text(" (from the activity"),
                .if(r.canEdit && !forPrint, .group([.text(" \u{2014} "), H.link("edit it there", SiteURL.Register.edit(r.activityID))])),
                .text(")"),
            ])
    }

    /// The officer's own notes on the checks, where reviewers read them.
    static func officerNotes(_ r: PlanningPages.Plan) -> HNode {
        let notes = r.officerNotes
        guard !notes.isEmpty else { return .empty }
        return H.el(
            "div", ["id": "officer-notes"],
            [
                H.el("h2", ["class": "heading-m"], [.text("The officer's notes")]),
                H.el("dl", ["class": "summary-list"], notes.flatMap { [H.el("dt", [:], [.text($0.0)]), H.el("dd", [:], [.text($0.1)])] }),
            ])
    }

    static func commentList(_ comments: [PlanningPages.Comment]) -> HNode {
        H.el(
            "ul", ["class": "plain-list comments"],
            comments.map { c in
                H.el(
                    "li", [:],
                    [
                        H.el("strong", [:], [H.bdi(c.personName)]), .text(c.createdAt.map { " (\(DayText.long(Day($0))))" } ?? ""),
                        .text(": " + c.body),
                    ])
            })
    }
}
