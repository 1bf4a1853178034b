import Vapor
import Plot
import ChorusCore

/// One activity: what, where, when, who — and what overlaps it.
enum ActivityPageView {
    static func render(_ req: Request, summary s: ActivitySummary, activity a: Activity, overlaps found: CoordinationService.Overlaps,
                       names: (lead: String?, partners: [String], audiences: [String]), canEdit: Bool, windowDays: Int, saved: Bool,
                       planStatus: PlanStatus? = nil) -> Response {
        let overlaps = found.rows
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Register.list, "class": "back-link"], [.text(req.t("activity.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
        ]
        if !overlaps.isEmpty {
            body.append(H.el("section", ["class": "warning-panel", "aria-labelledby": "overlaps-title", "id": "overlaps"], [
                H.el("h2", ["id": "overlaps-title", "class": "heading-m"], [.text(found.total == 1 ? req.t("overlap.title_one") : req.t("overlap.title", found.total))]),
                H.el("p", [:], [.text(req.t("overlap.intro", windowDays))]),
                .if(found.total > overlaps.count, H.el("p", [:], [.text(req.t("overlap.showing", overlaps.count, found.total))])),
                H.el("ol", ["class": "overlap-list"], overlaps.map { row in
                    H.el("li", [:], [
                        H.el("p", [:], [H.el("strong", [:], [H.link(row.summary.title, SiteURL.Register.show(row.summary.id))]),
                                        .text(" — " + row.summary.organisationName + ", " + ActivityListView.dates(row.summary, req))]),
                        H.el("p", [:], [.text(req.t("overlap.shared",
                                                    row.overlap.placeOverlapIsBoroughWide ? req.t("activity.borough_wide_short") : row.sharedPlaces.joined(separator: ", "),
                                                    row.sharedThemes.joined(separator: ", "),
                                                    row.sharedAudiences.isEmpty ? req.t("overlap.everyone") : row.sharedAudiences.joined(separator: ", ")))]),
                        H.el("p", [:], [.text(row.overlap.gapDays == 0 ? req.t("overlap.concurrent", row.overlap.daysConcurrent) : req.t("overlap.gap", row.overlap.gapDays))]),
                        .unwrap(row.leadEmail) { email in
                            H.el("p", [:], [.text(req.t("overlap.contact") + " "), .text(row.leadName ?? ""), .text(" — "),
                                            H.link(email, "mailto:" + email)])
                        },
                    ])
                }),
            ]))
        } else if s.status != ActivityStatus.draft.rawValue {
            body.append(H.el("p", ["class": "notice", "id": "overlaps"], [.text(req.t("overlap.none", windowDays))]))
        }
        let rows: [(String, String)] = [
            (req.t("activity.purpose"), a.purpose),
            (req.t("activity.organisation"), s.organisationName),
            (req.t("activity.lead"), names.lead ?? "—"),
            (req.t("activity.partners"), names.partners.isEmpty ? "—" : names.partners.joined(separator: ", ")),
            (req.t("activity.places"), s.boroughWide ? req.t("activity.borough_wide_short") : s.places.joined(separator: ", ")),
            (req.t("activity.themes"), s.themes.joined(separator: ", ")),
            (req.t("activity.audiences"), names.audiences.isEmpty ? req.t("overlap.everyone") : names.audiences.joined(separator: ", ")),
            (req.t("activity.methods"), s.methods.map { req.t("method.\($0)") }.joined(separator: ", ")),
            (req.t("activity.ladder_level"), req.t("level.\(s.level)")),
            (req.t("activity.status"), req.t("status.\(s.status)")),
            (req.t("activity.dates"), ActivityListView.dates(s, req)),
            (req.t("activity.expected_reach"), a.expectedReach.map { NumberText.grouped($0) + " " + req.t("activity.people") } ?? "—"),
            (req.t("activity.public_summary"), a.publicSummary ?? "—"),
            (req.t("activity.is_public"), a.isPublic ? req.t("common.yes") : req.t("common.no")),
        ]
        body.append(H.el("dl", ["class": "summary-list"], rows.flatMap { k, v in [H.el("dt", [:], [.text(k)]), H.el("dd", [:], [.text(v)])] }))
        if let id = a.id {
            body.append(H.el("h2", ["class": "heading-m", "id": "plan"], [.text(req.t("activity.plan"))]))
            body.append(H.el("p", [:], [.text(req.t("activity.plan_status", planStatus?.label ?? req.t("activity.plan_none")) + " "),
                                        H.link(req.t("activity.plan_open"), SiteURL.Plan.show(id))]))
        }
        if canEdit, let id = a.id {
            body.append(H.el("p", ["class": "actions"], [
                H.link(req.t("activity.edit"), SiteURL.Register.edit(id), class: "button"),
                H.link(req.t("admin.history"), SiteURL.auditEntity(RegisterService.entity, id), class: "button button-secondary"),
            ]))
            body.append(Form.post(SiteURL.Register.delete(id), req, [Form.button(req.t("activity.delete"), warning: true)]))
        }
        return Page(title: s.title, body: body, notice: saved ? req.t("admin.saved", s.title) : nil).response(for: req)
    }
}
