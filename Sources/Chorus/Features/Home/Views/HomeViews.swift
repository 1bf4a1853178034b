import Foundation
import Plot
import ChorusCore

/// The home page: a welcome for residents and visitors, the partnership's numbers for signed-in staff.
enum HomeViews {
    static func welcome(_ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("home.title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("home.welcome"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("home.intro"))]),
                H.el("p", [:], [H.link(ctx.t("shell.sign_in"), SiteURL.signIn, class: "button")]),
            ])
    }

    static func home(_ m: HomePages.Home, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("home.title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("home.hello", m.name))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("home.role", ctx.t("role.\(m.role.rawValue)"), m.organisationName))]),
                H.el(
                    "ul", ["class": "stat-grid"],
                    m.counts.map { c in
                        H.el(
                            "li", ["class": "stat"],
                            [
                                H.el("span", ["class": "stat-number"], [.text(NumberText.grouped(c.count))]),
                                m.linksCounts ? H.link(ctx.t("nav.\(c.key)"), c.link) : H.el("span", [:], [.text(ctx.t("nav.\(c.key)"))]),
                            ])
                    }),
            ])
    }
}
