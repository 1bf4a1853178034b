import Foundation

extension SiteURL {
    /// Participatory budgeting, staff side (`/budgeting/…`).
    enum Budgeting {
        enum Route {
            static let check = URLPattern("/budgeting/check")
        }
        static let check = Route.check.link()
    }
}
