import Foundation

extension SiteURL {
    /// "Home, street, community" campaigns: residents at `/campaigns/…` (live campaigns, a campaign, an action with its
    /// pledge form, its printable toolkit, "I did it"); staff at `/campaigns/manage/…`.
    enum Campaigns {
        enum Route {
            static let list = URLPattern("/campaigns")
            static let manage = URLPattern("/campaigns/manage")
            static let create = URLPattern("/campaigns/manage/new")
            static let manageCampaign = URLPattern("/campaigns/manage/:id")
            static let edit = URLPattern("/campaigns/manage/:id/edit")
            static let newAction = URLPattern("/campaigns/manage/:id/actions")
            static let editAction = URLPattern("/campaigns/manage/:id/actions/:action")
            static let status = URLPattern("/campaigns/manage/:id/status")
            static let links = URLPattern("/campaigns/manage/:id/links")
            static let staffUpdate = URLPattern("/campaigns/manage/:id/updates")
            static let countsCSV = URLPattern("/campaigns/manage/:id/counts.csv")
            static let commentsCSV = URLPattern("/campaigns/manage/:id/comments.csv")
            static let done = URLPattern("/campaigns/pledges/:pledge/done")
            static let campaign = URLPattern("/campaigns/:id")
            static let action = URLPattern("/campaigns/:id/actions/:action")
            static let toolkit = URLPattern("/campaigns/:id/actions/:action/toolkit")
        }
        static let list = Route.list.link()
        static let manage = Route.manage.link()
        static let create = Route.create.link()
        static func manageCampaign(_ id: UUID) -> String { Route.manageCampaign.link(id) }
        static func edit(_ id: UUID) -> String { Route.edit.link(id) }
        static func newAction(_ id: UUID) -> String { Route.newAction.link(id) }
        static func editAction(_ id: UUID, _ action: UUID) -> String { Route.editAction.link(id, action) }
        static func status(_ id: UUID) -> String { Route.status.link(id) }
        static func links(_ id: UUID) -> String { Route.links.link(id) }
        static func staffUpdate(_ id: UUID) -> String { Route.staffUpdate.link(id) }
        static func countsCSV(_ id: UUID) -> String { Route.countsCSV.link(id) }
        static func commentsCSV(_ id: UUID) -> String { Route.commentsCSV.link(id) }
        static func done(_ pledge: UUID) -> String { Route.done.link(pledge) }
        static func campaign(_ id: UUID) -> String { Route.campaign.link(id) }
        static func action(_ id: UUID, _ action: UUID) -> String { Route.action.link(id, action) }
        static func toolkit(_ id: UUID, _ action: UUID) -> String { Route.toolkit.link(id, action) }
    }
}
