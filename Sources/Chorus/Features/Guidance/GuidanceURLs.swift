import Foundation

extension SiteURL {
    /// The good-practice library: staff pages under `/guidance`, public pages under `/good-practice`.
    enum Guidance {
        enum Route {
            static let list = URLPattern("/guidance")
            static let new = URLPattern("/guidance/new")
            static let page = URLPattern("/guidance/:id")
            static let edit = URLPattern("/guidance/:id/edit")
            static let caseStudy = URLPattern("/activities/:id/case-study")
            static let publicList = URLPattern("/good-practice")
            static let publicPage = URLPattern("/good-practice/:id")
        }
        static let list = Route.list.link()
        static let new = Route.new.link()
        static let publicList = Route.publicList.link()
        static func page(_ id: UUID) -> String { Route.page.link(id) }
        static func edit(_ id: UUID) -> String { Route.edit.link(id) }
        static func caseStudy(_ activity: UUID) -> String { Route.caseStudy.link(activity) }
        static func publicPage(_ id: UUID) -> String { Route.publicPage.link(id) }
    }
}
