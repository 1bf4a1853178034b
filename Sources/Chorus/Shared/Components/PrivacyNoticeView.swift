import Foundation
import ChorusCore

/// "How we use your information" for an activity (`PrivacyNotices`), in the reader's language, on every page where
/// residents give data for it.
enum PrivacyNoticeView {
    static func section(_ n: PrivacyNotice, _ ctx: PageContext) -> HNode {
        func text(_ line: PrivacyNotice.Line) -> String { Catalogue.format(ctx.t(line.key), line.args) }
        func item(_ line: PrivacyNotice.Line) -> HNode { H.el("li", [:], [.text(text(line))]) }
        return H.el(
            "section", ["class": "privacy-notice", "aria-labelledby": "privacy-notice"],
            [
                H.el("h2", ["class": "heading-m", "id": "privacy-notice"], [.text(ctx.t("notice.title"))]),
                H.el("h3", ["class": "heading-s"], [.text(ctx.t("notice.what"))]),
                H.el("ul", ["class": "list"], n.collects.map(item)),
                H.el("p", [:], [.text(text(n.purpose))]),
                H.el("p", [:], [.text(text(n.basis))]),
                H.el("p", [:], [.text(text(n.seenBy))]),
                .if(
                    !n.kept.isEmpty,
                    .group([H.el("h3", ["class": "heading-s"], [.text(ctx.t("notice.how_long"))]), H.el("ul", ["class": "list"], n.kept.map(item))])),
                H.el("p", [:], [.text(text(n.rights)), .text(" "), H.link(ctx.t("shell.my_account"), SiteURL.Residents.account)]),
            ])
    }
}
