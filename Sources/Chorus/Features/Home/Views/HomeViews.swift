import Foundation
import Plot
import ChorusCore

/// The signed-in home page (residents and visitors get the front door, `FrontDoorView`): staff's work dashboard (what needs them,
/// each item linking to where it is dealt with) and, for admins and viewers, the partnership at a glance.
enum HomeViews {
    static func home(_ m: HomePages.Home, _ ctx: PageContext) -> Page {
        var body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(ctx.t("home.hello", m.name))]),
            H.el("p", ["class": "lead"], [.text(ctx.t("home.role", ctx.t("role.\(m.role.rawValue)"), m.organisationName))]),
        ]
        if m.sections.isEmpty && m.glance == nil {
            body.append(H.el("p", ["class": "empty"], [.text("Nothing needs you today.")]))
        }
        for (i, s) in m.sections.enumerated() { body.append(section(s, id: "dashboard-\(i + 1)")) }
        if let g = m.glance { body.append(glance(g, ctx)) }
        return Page(title: ctx.t("home.title"), body: body)
    }

    /// One dashboard section: a heading, its items as a list (urgent ones first, their flag in words), or what it
    /// says when empty, and a link to the whole list.
    static func section(_ s: DashboardSection, id: String) -> HNode {
        let items = s.items.filter(\.urgent) + s.items.filter { !$0.urgent }
        var children: [HNode] = [H.el("h2", ["class": "heading-m", "id": id], [.text(s.title)])]
        if items.isEmpty {
            if let empty = s.empty { children.append(H.el("p", ["class": "hint"], [.text(empty)])) }
        } else {
            children.append(
                H.el(
                    "ul", ["class": "plain-list"],
                    items.map { item in
                        var line: [HNode] = []
                        if let flag = item.flag {
                            line.append(H.el("strong", ["class": item.urgent ? "tag hot" : "tag tag-grey"], [.text(flag)]))
                            line.append(.text(" "))
                        }
                        line.append(H.link(item.text, item.href))
                        if let detail = item.detail { line.append(H.el("div", ["class": "hint"], [.text(detail)])) }
                        return H.el("li", [:], line)
                    }))
        }
        if let more = s.more { children.append(H.el("p", [:], [H.link(more.text, more.href)])) }
        return H.el("section", ["aria-labelledby": id], children)
    }

    static func glance(_ g: HomePages.Glance, _ ctx: PageContext) -> HNode {
        H.el(
            "section", ["aria-labelledby": "dashboard-glance"],
            [
                H.el("h2", ["class": "heading-m", "id": "dashboard-glance"], [.text("The partnership at a glance")]),
                H.el(
                    "ul", ["class": "stat-grid"],
                    g.figures.map { f in
                        H.el(
                            "li", ["class": "stat"],
                            [H.el("span", ["class": "stat-number"], [.text(NumberText.grouped(f.count))]), H.link(f.label, f.link)])
                    }
                        + g.counts.map { c in
                            H.el(
                                "li", ["class": "stat"],
                                [
                                    H.el("span", ["class": "stat-number"], [.text(NumberText.grouped(c.count))]),
                                    g.linksCounts ? H.link(ctx.t("nav.\(c.key)"), c.link) : H.el("span", [:], [.text(ctx.t("nav.\(c.key)"))]),
                                ])
                        }),
                H.el("ul", ["class": "plain-list"], g.links.map { H.el("li", [:], [H.link($0.text, $0.href)]) }),
            ])
    }
}
