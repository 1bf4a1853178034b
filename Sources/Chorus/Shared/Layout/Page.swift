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

    func response(for req: Request) -> Response {
        let lang = req.language
        let user = req.currentUser
        // Content built from untranslated strings is marked as English inside a page in another language.
        let mainIsEnglish = lang != .english && (req.usedEnglishFallback || englishOnly)
        // The head is written here rather than with Plot's `.title()`, which also copies the title into `og:title` and
        // `twitter:title` meta tags without escaping it.
        let head = "<head><meta charset=\"UTF-8\"/><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
            + "<title>" + HTMLEscape.text("\(title) – Chorus") + "</title>"
            + "<link rel=\"stylesheet\" href=\"" + HTMLEscape.attribute(SiteURL.stylesheet) + "\" type=\"text/css\"/></head>"
        let shell: [HNode] = [
            H.el("a", ["href": "#main", "class": "skip-link"], [.text(req.t("shell.skip"))]),
            header(req, user: user),
            H.el("main", ["id": "main", "class": "main", "tabindex": "-1",
                          "lang": mainIsEnglish ? "en" : nil, "dir": mainIsEnglish ? "ltr" : nil], noticeNode(req) + body),
            H.el("footer", ["class": "footer"], [
                H.el("p", [:], [.text(req.t("shell.footer"))]),
                H.el("p", [:], [H.link(req.t("shell.whats_on"), SiteURL.Register.nearMe)]),
                H.el("p", [:], [H.link(req.t("shell.ysyd"), SiteURL.Feedback.publicList)]),
                H.el("p", [:], [H.link(req.t("shell.api_docs"), SiteURL.openAPI)]),
            ]),
        ]
        let html = "<!DOCTYPE html><html lang=\"\(lang.code)\" dir=\"\(lang.dir)\">"
            + head + HNode.element(named: "body", nodes: shell).render() + "</html>"
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: html))
    }

    private func noticeNode(_ req: Request) -> [HNode] {
        guard let notice else { return [] }
        return [H.el("div", ["class": "notice", "role": "status"], [H.el("p", [:], [.text(notice)])])]
    }

    private func header(_ req: Request, user: CurrentUser?) -> HNode {
        var nav: [HNode] = []
        if let user {
            nav.append(navItem(req.t("nav.home"), SiteURL.home, req))
            nav.append(navItem(req.t("nav.register"), SiteURL.Register.list, req))
            nav.append(navItem(req.t("nav.insights"), SiteURL.Insights.list, req))
            nav.append(navItem(req.t("nav.analysis"), SiteURL.Analysis.list, req))
            nav.append(navItem(req.t("nav.decisions"), SiteURL.Decisions.spaces, req))
            nav.append(navItem(req.t("nav.feedback"), SiteURL.Feedback.reports, req))
            if user.role.canAdministerPartnership {
                for slug in AdminSection.all {
                    nav.append(navItem(req.t("nav.\(slug)"), SiteURL.admin(slug).list, req))
                }
                nav.append(navItem(req.t("nav.audit"), SiteURL.audit, req))
            }
            nav.append(navItem(req.t("nav.tokens"), SiteURL.apiTokens, req))
        }
        let back = req.url.path + (req.url.query.map { "?" + $0 } ?? "")
        let languages: [HNode] = UILanguage.all.filter { $0 != req.language }.map { lang in
            H.el("a", ["href": SiteURL.language(lang.code, back: back), "lang": lang.code, "hreflang": lang.code, "class": "language-link"],
                 [.text(lang.nativeName)])
        }
        var account: [HNode] = []
        if let user {
            account = [
                H.el("p", ["class": "signed-in"], [H.template(req.t("shell.signed_in_as"), [H.bdi(user.name), H.bdi(user.organisationName)])]),
                Form.post(SiteURL.signOut, req, [Form.button(req.t("shell.sign_out"), secondary: true)], class: "inline-form"),
            ]
        } else {
            account = [H.link(req.t("shell.sign_in"), SiteURL.signIn, class: "header-link")]
        }
        return H.el("header", ["class": "header"], [
            H.el("div", ["class": "header-top"], [
                H.el("a", ["href": SiteURL.home, "class": "brand"], [.text("Chorus")]),
                H.el("div", ["class": "header-account"], account + languages),
            ]),
            .if(!nav.isEmpty, H.el("nav", ["aria-label": req.t("nav.label"), "class": "nav"], [H.el("ul", [:], nav)])),
        ])
    }

    private func navItem(_ label: String, _ href: String, _ req: Request) -> HNode {
        let current = href == "/" ? req.url.path == "/" : req.url.path.hasPrefix(href)
        return H.el("li", [:], [H.el("a", ["href": href, "aria-current": current ? "page" : nil], [.text(label)])])
    }
}

/// The partnership-admin sections, in navigation order.
enum AdminSection {
    static let all = ["organisations", "people", "places", "themes", "audiences"]
}
