import Foundation
import Plot
import ChorusCore

/// The people area's own pages: the invitation link just made.
enum PeopleView {
    static func invitation(_ m: PeoplePages.Invitation, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("people.invitation_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("people.invitation_title"))]),
                H.el("p", [:], [.text(ctx.t("people.invitation_body", m.name, m.email))]),
                H.el("p", ["class": "token-display"], [H.el("code", ["id": "invitation-link"], [.text(m.link)])]),
                H.el("p", [:], [.text(ctx.t("people.invitation_expiry"))]),
                H.el("p", [:], [H.link(ctx.t("admin.back_to", ctx.t("admin.people.title")), SiteURL.admin("people").list)]),
            ])
    }
}

/// The access section of a person's edit page: whether they are active and have a password, with the buttons to
/// send an invitation and to deactivate or reactivate them.
extension PersonAccess {
    func nodes(_ ctx: PageContext) -> [HNode] {
        let urls = SiteURL.admin("people")
        let status: HNode =
            active
            ? Form.post(urls.action(id, "deactivate"), ctx, [Form.button(ctx.t("people.deactivate"), warning: true, id: Form.fieldID("active"))])
            : Form.post(urls.action(id, "reactivate"), ctx, [Form.button(ctx.t("people.reactivate"), secondary: true, id: Form.fieldID("active"))])
        return [
            H.el(
                "section", ["class": "panel", "aria-labelledby": "access-title"],
                [
                    H.el("h2", ["id": "access-title", "class": "heading-m"], [.text(ctx.t("people.access"))]),
                    H.el("p", [:], [.text(active ? ctx.t("people.is_active") : ctx.t("people.is_deactivated"))]),
                    H.el("p", [:], [.text(hasPassword ? ctx.t("people.has_password") : ctx.t("people.no_password"))]),
                    .if(active, Form.post(urls.action(id, "invitation"), ctx, [Form.button(ctx.t("people.invite"), secondary: true)])),
                    status,
                ])
        ]
    }
}
