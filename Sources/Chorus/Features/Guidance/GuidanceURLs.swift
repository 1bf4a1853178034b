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
            static let training = URLPattern("/training")
            static let courses = URLPattern("/training/courses")
            static let course = URLPattern("/training/courses/:id")
            static let sessions = URLPattern("/training/courses/:id/sessions")
            static let attendees = URLPattern("/training/sessions/:id/attendees")
        }
        static let training = Route.training.link()
        static let courses = Route.courses.link()
        static func course(_ id: UUID) -> String { Route.course.link(id) }
        static func sessions(_ course: UUID) -> String { Route.sessions.link(course) }
        static func attendees(_ session: UUID) -> String { Route.attendees.link(session) }
        static let list = Route.list.link()
        static let new = Route.new.link()
        static let publicList = Route.publicList.link()
        static func page(_ id: UUID) -> String { Route.page.link(id) }
        static func edit(_ id: UUID) -> String { Route.edit.link(id) }
        static func caseStudy(_ activity: UUID) -> String { Route.caseStudy.link(activity) }
        static func publicPage(_ id: UUID) -> String { Route.publicPage.link(id) }
    }
}
