import Vapor
import Plot
import ChorusCore

/// The page shell every HTML page uses: language and direction, skip link, header with navigation and the
/// signed-in person, a language switcher, the main region and a footer.
struct Page {
    var title: String
    var body: [HNode]
    var status: HTTPResponseStatus = .ok
    /// A one-line confirmation shown at the top of the main region ("Place created").
    var notice: String? = nil
    /// The main content is written in English only (staff pages whose wording lives in ChorusCore's rule tables):
    /// marked `lang="en"` inside a page in another language.
    var englishOnly = false

    func response(for req: Request) -> Response { response(req.page) }

    /// The page as a response: HTML, not cached.
    func response(_ ctx: PageContext) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: render(ctx)))
    }

    /// The whole document, from the page and its context alone.
    func render(_ ctx: PageContext) -> String {
        let lang = ctx.language
        let user = ctx.user
        // Content built from untranslated strings is marked as English inside a page in another language (the body was
        // built before this, the shell after, so only the body's strings count).
        let mainIsEnglish = lang != .english && (ctx.usedEnglishFallback || englishOnly)
        let shellNodes = shell(ctx, user: user)
        // The head is written here rather than with Plot's `.title()`, which also copies the title into `og:title` and
        // `twitter:title` meta tags without escaping it.
        let head =
            "<head><meta charset=\"UTF-8\"/><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
            + "<title>" + HTMLEscape.text("\(title) – Chorus") + "</title>"
            + "<link rel=\"stylesheet\" href=\"" + HTMLEscape.attribute(SiteURL.stylesheet) + "\" type=\"text/css\"/></head>"
        let main = H.el(
            "main",
            [
                "id": "main", "class": "main", "tabindex": "-1",
                "lang": mainIsEnglish ? "en" : nil, "dir": mainIsEnglish ? "ltr" : nil,
            ], noticeNode() + body)
        return "<!DOCTYPE html><html lang=\"\(lang.code)\" dir=\"\(lang.dir)\">"
            + head + HNode.element(named: "body", nodes: [shellNodes.top, main, shellNodes.footer]).render() + "</html>"
    }

    private func shell(_ ctx: PageContext, user: CurrentUser?) -> (top: HNode, footer: HNode) {
        let top = HNode.group([
            H.el("a", ["href": "#main", "class": "skip-link"], [.text(ctx.t("shell.skip"))]),
            header(ctx, user: user),
        ])
        let footer = H.el(
            "footer", ["class": "footer"],
            [
                H.el("p", [:], [.text(ctx.t("shell.footer"))]),
                H.el("p", [:], [H.link(ctx.t("shell.whats_on"), SiteURL.Register.nearMe)]),
                H.el("p", [:], [H.link(ctx.t("shell.ysyd"), SiteURL.Feedback.publicList)]),
                // The API description is for staff who build on Chorus, not for residents.
                .if(user != nil, H.el("p", [:], [H.link(ctx.t("shell.api_docs"), SiteURL.openAPI)])),
            ])
        return (top, footer)
    }

    private func noticeNode() -> [HNode] {
        guard let notice else { return [] }
        return [H.el("div", ["class": "notice", "role": "status"], [H.el("p", [:], [.text(notice)])])]
    }

    private func header(_ ctx: PageContext, user: CurrentUser?) -> HNode {
        var nav: [HNode] = []
        if let user {
            for entry in Features.navigation where entry.shownTo(user) { nav.append(navItem(ctx.t(entry.label), entry.href, ctx)) }
        }
        let languages: [HNode] = UILanguage.all.filter { $0 != ctx.language }.map { lang in
            H.el(
                "a", ["href": SiteURL.language(lang.code, back: ctx.location), "lang": lang.code, "hreflang": lang.code, "class": "language-link"],
                [.text(lang.nativeName)])
        }
        var account: [HNode] = []
        if let user {
            account = [
                H.el("p", ["class": "signed-in"], [H.template(ctx.t("shell.signed_in_as"), [H.bdi(user.name), H.bdi(user.organisationName)])]),
                Form.post(SiteURL.signOut, ctx, [Form.button(ctx.t("shell.sign_out"), secondary: true)], class: "inline-form"),
            ]
        } else {
            account = [
                H.link(ctx.t("shell.my_account"), SiteURL.Residents.account, class: "header-link"),
                H.link(ctx.t("shell.sign_in"), SiteURL.signIn, class: "header-link"),
            ]
        }
        return H.el(
            "header", ["class": "header"],
            [
                H.el(
                    "div", ["class": "header-top"],
                    [
                        H.el("a", ["href": SiteURL.home, "class": "brand"], [.text("Chorus")]),
                        H.el("div", ["class": "header-account"], account + languages),
                    ]),
                .if(!nav.isEmpty, H.el("nav", ["aria-label": ctx.t("nav.label"), "class": "nav"], [H.el("ul", [:], nav)])),
            ])
    }

    private func navItem(_ label: String, _ href: String, _ ctx: PageContext) -> HNode {
        let current = href == "/" ? ctx.path == "/" : ctx.path.hasPrefix(href)
        return H.el("li", [:], [H.el("a", ["href": href, "aria-current": current ? "page" : nil], [.text(label)])])
    }
}

/// The partnership-admin sections, in navigation order.
enum AdminSection {
    static let all = ["organisations", "people", "places", "themes", "audiences"]
}
