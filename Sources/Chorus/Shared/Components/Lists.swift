import Vapor
import Plot
import ChorusCore

/// Tables, pagers and filter bars shared by every list page.
enum Lists {
    struct Column<T> {
        let header: String
        let cell: (T) -> HNode
    }

    /// `scrolls`: a table wide enough to scroll sideways on a phone (long text in its cells) is a named region the
    /// keyboard can focus, so it can be scrolled without a mouse (axe: scrollable-region-focusable).
    static func table<T>(_ rows: [T], columns: [Column<T>], caption: String, empty: String, scrolls: Bool = false) -> HNode {
        guard !rows.isEmpty else { return H.el("p", ["class": "empty"], [.text(empty)]) }
        let wrap: [String: String?] =
            scrolls ? ["class": "table-wrap", "tabindex": "0", "role": "region", "aria-label": caption] : ["class": "table-wrap"]
        return H.el(
            "div", wrap,
            [
                H.el(
                    "table", ["class": "table"],
                    [
                        H.el("caption", ["class": "visually-hidden"], [.text(caption)]),
                        H.el("thead", [:], [H.el("tr", [:], columns.map { H.el("th", ["scope": "col"], [.text($0.header)]) })]),
                        H.el("tbody", [:], rows.map { row in H.el("tr", [:], columns.map { H.el("td", [:], [$0.cell(row)]) }) }),
                    ])
            ])
    }

    /// "Showing 26 to 50 of 312" and previous/next links that keep the current filters. A capped count reads
    /// "of more than 10,000" (and "Page 3 of more than 400").
    static func pager<T>(_ page: PageOf<T>, req: Request) -> HNode { pager(page, req.page) }

    /// `withoutNumbers`: the summary to show instead of "Showing 1 to 25 of 312", with no "Page 1 of 13" either, for
    /// a list whose count is suppressed (the numbers would give a small count away).
    static func pager<T>(_ page: PageOf<T>, _ req: PageContext, withoutNumbers: String? = nil) -> HNode {
        let here = req.location
        return H.el(
            "nav", ["class": "pager", "aria-label": req.t("list.pagination")],
            [
                H.el(
                    "p", ["class": "pager-summary"],
                    [.text(withoutNumbers ?? req.t("list.showing", page.firstShown, page.lastShown, totalText(page, req)))]),
                H.el(
                    "ul", ["class": "pager-links"],
                    [
                        .if(
                            page.hasPrevious,
                            H.el(
                                "li", [:],
                                [
                                    H.el(
                                        "a", ["href": SiteURL.with(here, ["page": String(page.page - 1)]), "rel": "prev"],
                                        [.text(req.t("list.previous"))])
                                ])),
                        .if(
                            withoutNumbers == nil,
                            H.el(
                                "li", ["class": "pager-position"],
                                [
                                    .text(
                                        req.t(
                                            "list.page_of", page.page,
                                            page.totalIsCapped ? req.t("list.more_than", NumberText.grouped(page.pageCount)) : String(page.pageCount))
                                    )
                                ])),
                        .if(
                            page.hasNext,
                            H.el(
                                "li", [:],
                                [
                                    H.el(
                                        "a", ["href": SiteURL.with(here, ["page": String(page.page + 1)]), "rel": "next"], [.text(req.t("list.next"))]
                                    )
                                ])),
                    ]),
            ])
    }

    /// How many a list found, for sentences: "312", or "more than 10,000" when the count was capped.
    static func totalText<T>(_ page: PageOf<T>, req: Request) -> String { totalText(page, req.page) }

    static func totalText<T>(_ page: PageOf<T>, _ req: PageContext) -> String {
        page.totalIsCapped ? req.t("list.more_than", NumberText.grouped(page.total)) : String(page.total)
    }

    /// A GET form of filters (works without JavaScript) with Apply and Clear.
    static func filterBar(action: String, req: Request, fields: [HNode]) -> HNode { filterBar(action: action, req.page, fields: fields) }

    static func filterBar(action: String, _ req: PageContext, fields: [HNode]) -> HNode {
        H.el(
            "form", ["method": "get", "action": action, "class": "filter-bar", "role": "search", "aria-label": req.t("list.filters")],
            fields + [
                H.el(
                    "div", ["class": "filter-actions"],
                    [
                        Form.button(req.t("list.apply"), secondary: true),
                        H.link(req.t("list.clear"), action, class: "link-clear"),
                    ])
            ])
    }
}
