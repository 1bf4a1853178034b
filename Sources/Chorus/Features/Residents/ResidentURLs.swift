import Foundation

extension SiteURL {
    /// Residents' own pages (signing in by emailed code, their account and data), the public retention log, and the
    /// staff pages for residents' data (assisted digital, subject access and erasure requests, retention periods).
    enum Residents {
        enum Route {
            static let account = URLPattern("/my-account")
            static let signIn = URLPattern("/my-account/sign-in")
            static let code = URLPattern("/my-account/sign-in/code")
            static let link = URLPattern("/my-account/sign-in/link/:token")
            static let signOut = URLPattern("/my-account/sign-out")
            static let profile = URLPattern("/my-account/profile")
            static let equality = URLPattern("/my-account/equality")
            static let withdraw = URLPattern("/my-account/consents/:id/withdraw")
            static let follow = URLPattern("/my-account/updates")
            static let stopFollow = URLPattern("/my-account/updates/:id/stop")
            static let download = URLPattern("/my-account/download")
            static let delete = URLPattern("/my-account/delete")
            static let retentionLog = URLPattern("/privacy/retention-log")
            static let staffList = URLPattern("/admin/residents")
            static let staffResident = URLPattern("/admin/residents/:id")
            static let staffDownload = URLPattern("/admin/residents/:id/download")
            static let staffConsent = URLPattern("/admin/residents/:id/consents")
            static let staffEquality = URLPattern("/admin/residents/:id/equality")
            static let staffErase = URLPattern("/admin/residents/:id/erase")
            static let requests = URLPattern("/admin/data-requests")
            static let request = URLPattern("/admin/data-requests/:id")
            static let retention = URLPattern("/admin/retention")
            static let activityRetention = URLPattern("/admin/retention/activities")
            static let removeActivityRetention = URLPattern("/admin/retention/activities/:id/remove")
        }
        static let account = Route.account.link()
        static let signInPage = Route.signIn.link()
        /// The sign-in page, returning to `back` (a path on this site) once signed in.
        static func signIn(back: String?) -> String {
            SiteURL.with(signInPage, ["back": back == account ? nil : back])
        }
        static func code(_ request: UUID, back: String?) -> String {
            SiteURL.with(Route.code.link(), ["request": request.uuidString, "back": back == account ? nil : back])
        }
        static let codeForm = Route.code.link()
        static func link(_ token: String) -> String { Route.link.link(token) }
        static let signOut = Route.signOut.link()
        static let profile = Route.profile.link()
        static let equality = Route.equality.link()
        static func withdraw(_ id: UUID) -> String { Route.withdraw.link(id) }
        static let follow = Route.follow.link()
        static func stopFollow(_ id: UUID) -> String { Route.stopFollow.link(id) }
        static let download = Route.download.link()
        static let delete = Route.delete.link()
        static let retentionLog = Route.retentionLog.link()
        static let staffList = Route.staffList.link()
        static func staffResident(_ id: UUID) -> String { Route.staffResident.link(id) }
        static func staffDownload(_ id: UUID) -> String { Route.staffDownload.link(id) }
        static func staffConsent(_ id: UUID) -> String { Route.staffConsent.link(id) }
        static func staffEquality(_ id: UUID) -> String { Route.staffEquality.link(id) }
        static func staffErase(_ id: UUID) -> String { Route.staffErase.link(id) }
        static let requests = Route.requests.link()
        static func request(_ id: UUID) -> String { Route.request.link(id) }
        static let retention = Route.retention.link()
        static let activityRetention = Route.activityRetention.link()
        static func removeActivityRetention(_ id: UUID) -> String { Route.removeActivityRetention.link(id) }
    }
}
