import Foundation
import Plot
import ChorusCore

/// An activity's engagement plan: status and sign-off, level and why, every warning with what to do, each section
/// with its comments, the compliance screening, and the actions the reader may take.
enum PlanPageView {
    static func render(_ m: PlanningPages.PlanPage, _ ctx: PageContext) -> Page {
        let (r, userID, staff, notice, errors) = (m.plan, m.userID, m.staff, m.notice, m.errors)
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
                    .if(r.canEdit, H.link("Answer the ladder advisor", SiteURL.Plan.advisor(id), class: "button")),
                    .if(r.canEdit, H.link("Edit the plan", SiteURL.Plan.edit(id), class: "button button-secondary")),
                    H.link("Print", SiteURL.Plan.print(id), class: "button button-secondary"),
                    H.link("Download as Markdown", SiteURL.Plan.markdown(id), class: "button button-secondary"),
                ]))
        body += content(r, forPrint: false)
        if r.canEdit && (s.status == .draft || s.status == .changesRequested) {
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
                                    options: staff.filter { $0.value != userID.uuidString },
                                    selected: [], error: ValidationFailure(errors).message(for: "reviewer_ids")),
                                Form.button("Send for challenge"),
                            ]),
                    ]))
        }
        if r.canEdit && s.status == .inChallenge {
            body.append(
                Form.post(SiteURL.Plan.action(id, "withdraw"), ctx, [Form.button("Withdraw from challenge", secondary: true)], class: "no-print"))
        }
        if isReviewer {
            body.append(
                H.el(
                    "div", ["class": "panel no-print", "id": "review"],
                    [
                        H.el("h2", ["class": "heading-m"], [.text("Your review")]),
                        Form.post(
                            SiteURL.Plan.action(id, "approve"), ctx,
                            [Form.button(s.hasApproved(userID) ? "Approved (approve again)" : "Approve and sign off")]),
                        Form.post(
                            SiteURL.Plan.action(id, "request-changes"), ctx,
                            [
                                Form.field(
                                    "comment", label: "What needs to change?", control: .textarea(rows: 3), value: nil,
                                    error: ValidationFailure(errors).message(for: "comment")),
                                Form.button("Ask for changes", secondary: true),
                            ]),
                    ]))
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
                                    value: nil, error: ValidationFailure(errors).message(for: "section")),
                                Form.field(
                                    "body", label: "Comment", control: .textarea(rows: 3), value: nil,
                                    error: ValidationFailure(errors).message(for: "body")),
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
        for a in s.approvals { lines.append("Approved by \(name(a.reviewer)) on \(DayText.long(Day(a.at))).") }
        if let by = s.changesRequestedBy, s.status == .changesRequested { lines.append("\(name(by)) asked for changes.") }
        if let at = s.signedOffAt, s.status == .signedOff { lines.append("Signed off on \(DayText.long(Day(at))).") }
        if let at = s.previousSignOffAt, s.status != .signedOff {
            lines.append("It was signed off on \(DayText.long(Day(at))) and reopened by a later edit: it needs signing off again.")
        }
        return lines.isEmpty ? .empty : H.el("ul", ["class": "plain-list", "id": "sign-off"], lines.map { H.el("li", [:], [.text($0)]) })
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
        var out: [HNode] = [
            H.el("h2", ["class": "heading-m"], [.text("Level of engagement")]),
            H.el(
                "p", [:],
                [
                    .text(
                        r.chosen == nil
                            ? "Recommended: \(rec.level.label) (not yet confirmed by the officer)."
                            : "\(level.label)"
                                + (level == rec.level ? ", as recommended." : ", chosen instead of the recommended \(rec.level.label.lowercased())."))
                ]),
            .unwrap(r.levelReason) { H.el("p", [:], [.text("Why: " + $0)]) },
            H.el("p", [:], [.text("Promise to residents: " + level.promise)]),
            warningList(r.warnings),
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
                            H.el("dd", [:], [.text(r.content.text(field) ?? (missing.contains(field) ? "Missing" : "—"))]),
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
            if let reason = p.shortPeriodReason { rows.append(("Why this period is long enough", reason)) }
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
