import Foundation
import Plot
import ChorusCore

/// The public audit page of a selection: the published files and their SHA-256, and after the draw the seed, each
/// pseudonym's chance of selection, the distribution over panels and who (by pseudonym) was drawn.
enum PanelAuditViews {
    static func audit(_ m: PanelPages.Audit, _ ctx: PageContext) -> Page {
        let i = m.info
        let files = ["categories.csv", "respondents.csv", "SHA256SUMS"] + (i.distribution == nil ? [] : ["distribution.json"])
        let seated = m.people.filter { $0.status != PanelSelectionService.PersonStatus.pool.rawValue }
        var body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(ctx.t("panels.audit.title", i.title))]),
            H.el("p", [:], [.text(ctx.t("panels.audit.intro", i.panelName, i.panelSize, m.people.count))]),
            H.el("p", [:], [.text(ctx.t("panels.audit.method")), .text(" "), .text(PanelWording.algorithm(i.algorithm))]),
            H.el("h2", ["class": "heading-m"], [.text(ctx.t("panels.audit.files"))]),
            H.el("ul", [:], files.map { H.el("li", [:], [H.link($0, SiteURL.Panels.auditFile(i.id, $0))]) }),
            H.el("p", [:], [.text(ctx.t("panels.audit.hash"))]),
            H.el("pre", ["class": "code", "tabindex": "0"], [.text(i.poolHash ?? "")]),
            PanelWording.targetsTable(i.targets),
        ]
        if let seed = i.seed, let d = i.distribution {
            let lowest = d.probabilities.min() ?? 0
            body += [
                H.el("h2", ["class": "heading-m"], [.text(ctx.t("panels.audit.draw"))]),
                H.el("p", [:], [.text(ctx.t("panels.audit.seed")), .text(" "), H.el("code", [:], [.text(seed)])]),
                H.el("p", [:], [.text(ctx.t("panels.audit.panels", d.panels.count, PanelWording.percent(lowest)))]),
                H.el("h3", ["class": "heading-s"], [.text(ctx.t("panels.audit.selected"))]),
                H.el("p", [:], [.text(seated.map(\.pseudonym).joined(separator: ", "))]),
                Lists.table(
                    m.people,
                    columns: [
                        .init(header: ctx.t("panels.audit.pseudonym")) { .text($0.pseudonym) },
                        .init(header: ctx.t("panels.audit.probability")) { .text(PanelWording.percent($0.probability)) },
                    ], caption: ctx.t("panels.audit.probabilities"), empty: "", scrolls: true),
            ]
        } else {
            body.append(H.el("p", [:], [.text(ctx.t("panels.audit.not_drawn"))]))
        }
        return Page(title: ctx.t("panels.audit.title", i.title), body: body)
    }
}
