import Foundation

extension SiteURL {
    /// Civic crowdfunding: residents at `/crowdfunding/…` (projects, pledging, starting a project, their pledges); staff
    /// at `/crowdfunding/manage/…` (checking, pledges, the ledger) and `/match-funds/…`; the card provider's webhook.
    enum Crowdfunding {
        enum Route {
            static let list = URLPattern("/crowdfunding")
            static let mine = URLPattern("/crowdfunding/mine")
            static let start = URLPattern("/crowdfunding/new")
            static let cardSaved = URLPattern("/crowdfunding/card-saved")
            static let webhook = URLPattern("/crowdfunding/webhooks/stripe")
            static let project = URLPattern("/crowdfunding/:id")
            static let pledge = URLPattern("/crowdfunding/:id/pledge")
            static let edit = URLPattern("/crowdfunding/:id/edit")
            static let update = URLPattern("/crowdfunding/:id/updates")
            static let photos = URLPattern("/crowdfunding/:id/photos")
            static let photo = URLPattern("/crowdfunding/:id/photos/:photo")
            static let removePhoto = URLPattern("/crowdfunding/:id/photos/:photo/remove")
            static let cancel = URLPattern("/crowdfunding/pledges/:pledge/cancel")
            static let manage = URLPattern("/crowdfunding/manage")
            static let ledgerCSV = URLPattern("/crowdfunding/manage/ledger.csv")
            static let manageProject = URLPattern("/crowdfunding/manage/:id")
            static let verify = URLPattern("/crowdfunding/manage/:id/verify")
            static let refuse = URLPattern("/crowdfunding/manage/:id/refuse")
            static let record = URLPattern("/crowdfunding/manage/:id/pledges")
            static let mark = URLPattern("/crowdfunding/manage/:id/pledges/:pledge")
            static let staffUpdate = URLPattern("/crowdfunding/manage/:id/updates")
            static let report = URLPattern("/crowdfunding/manage/:id/report")
            static let staffRemovePhoto = URLPattern("/crowdfunding/manage/:id/photos/:photo/remove")
            static let funds = URLPattern("/match-funds")
            static let fund = URLPattern("/match-funds/:fund")
            static let decide = URLPattern("/match-funds/:fund/projects/:id")
            static let grantsCSV = URLPattern("/match-funds/:fund/360giving.csv")
            static let grantsJSON = URLPattern("/match-funds/:fund/360giving.json")
        }
        static let list = Route.list.link()
        static let mine = Route.mine.link()
        static let start = Route.start.link()
        static let cardSaved = Route.cardSaved.link()
        static let webhook = Route.webhook.link()
        static func project(_ id: UUID) -> String { Route.project.link(id) }
        static func pledge(_ id: UUID) -> String { Route.pledge.link(id) }
        static func edit(_ id: UUID) -> String { Route.edit.link(id) }
        static func update(_ id: UUID) -> String { Route.update.link(id) }
        static func photos(_ id: UUID) -> String { Route.photos.link(id) }
        static func photo(_ id: UUID, _ photo: UUID) -> String { Route.photo.link(id, photo) }
        static func removePhoto(_ id: UUID, _ photo: UUID) -> String { Route.removePhoto.link(id, photo) }
        static func cancel(_ pledge: UUID) -> String { Route.cancel.link(pledge) }
        static let manage = Route.manage.link()
        static let ledgerCSV = Route.ledgerCSV.link()
        static func manageProject(_ id: UUID) -> String { Route.manageProject.link(id) }
        static func verify(_ id: UUID) -> String { Route.verify.link(id) }
        static func refuse(_ id: UUID) -> String { Route.refuse.link(id) }
        static func record(_ id: UUID) -> String { Route.record.link(id) }
        static func mark(_ id: UUID, _ pledge: UUID) -> String { Route.mark.link(id, pledge) }
        static func staffUpdate(_ id: UUID) -> String { Route.staffUpdate.link(id) }
        static func report(_ id: UUID) -> String { Route.report.link(id) }
        static func staffRemovePhoto(_ id: UUID, _ photo: UUID) -> String { Route.staffRemovePhoto.link(id, photo) }
        static let funds = Route.funds.link()
        static func fund(_ id: UUID) -> String { Route.fund.link(id) }
        static func decide(_ fund: UUID, _ project: UUID) -> String { Route.decide.link(fund, project) }
        static func grantsCSV(_ fund: UUID) -> String { Route.grantsCSV.link(fund) }
        static func grantsJSON(_ fund: UUID) -> String { Route.grantsJSON.link(fund) }
    }
}
