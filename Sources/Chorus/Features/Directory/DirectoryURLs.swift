import Foundation
import ChorusCore

extension SiteURL {
    /// The directory of groups, venues and connectors: staff at `/directory/…`, residents at `/groups-and-venues/…`, and
    /// the Open Referral UK read API at `/openreferral/…` (its standard paths under that base).
    enum Directory {
        enum Route {
            static let list = URLPattern("/directory")
            static let csv = URLPattern("/directory.csv")
            static let new = URLPattern("/directory/new/:kind")
            static let importFeed = URLPattern("/directory/import")
            static let importCSV = URLPattern("/directory/import-csv")
            static let entry = URLPattern("/directory/:id")
            static let edit = URLPattern("/directory/:id/edit")
            static let assure = URLPattern("/directory/:id/assure")
            static let delete = URLPattern("/directory/:id/delete")
            static let finder = URLPattern("/groups-and-venues")
            static let publicEntry = URLPattern("/groups-and-venues/:id")
            static let sendUpdateLink = URLPattern("/directory/:id/update-link")
            static let changes = URLPattern("/directory/changes")
            static let coverage = URLPattern("/directory/coverage")
            static let offers = URLPattern("/directory/offers")
            static let offersCSV = URLPattern("/directory/offers.csv")
            static let newOffer = URLPattern("/directory/offers/new")
            static let offer = URLPattern("/directory/offers/:id")
            static let offerOpen = URLPattern("/directory/offers/:id/open")
            static let offerRequests = URLPattern("/directory/offers/:id/requests")
            static let offerRequestAction = URLPattern("/directory/offer-requests/:request/:action")
            static let coverageCSV = URLPattern("/directory/coverage.csv")
            static let approveChange = URLPattern("/directory/changes/:change/approve")
            static let rejectChange = URLPattern("/directory/changes/:change/reject")
            /// A group's single-use link to correct its own entry (no account).
            static let update = URLPattern("/groups-and-venues/update/:token")
            /// An activity's venue and the groups working on it (kept by the directory, shown on the activity's page).
            static let activityVenue = URLPattern("/activities/:id/venue")
            static let activityPartners = URLPattern("/activities/:id/community-groups")
            static let activityPartnerRemove = URLPattern("/activities/:id/community-groups/:entry/remove")
            /// Open Referral UK: the standard's paths under this base (JSON errors, like the rest of `/api/`).
            static let orukBase = "/api/openreferral"
            static let orukRoot = URLPattern(orukBase)
            static let orukOpenAPI = URLPattern(orukBase + "/openapi.json")
            static let orukServices = URLPattern(orukBase + "/services")
            static let orukService = URLPattern(orukBase + "/services/:id")
            static let orukOrganizations = URLPattern(orukBase + "/organizations")
            static let orukOrganization = URLPattern(orukBase + "/organizations/:id")
            static let orukServiceAtLocations = URLPattern(orukBase + "/service_at_locations")
            static let orukServiceAtLocation = URLPattern(orukBase + "/service_at_locations/:id")
            static let orukTaxonomies = URLPattern(orukBase + "/taxonomies")
            static let orukTaxonomy = URLPattern(orukBase + "/taxonomies/:id")
            static let orukTaxonomyTerms = URLPattern(orukBase + "/taxonomy_terms")
            static let orukTaxonomyTerm = URLPattern(orukBase + "/taxonomy_terms/:id")
        }
        static let list = Route.list.link()
        static let csv = Route.csv.link()
        static let importFeed = Route.importFeed.link()
        static let importCSV = Route.importCSV.link()
        static let finder = Route.finder.link()
        static func new(_ kind: DirectoryKind) -> String { Route.new.link(kind.rawValue) }
        static func entry(_ id: UUID) -> String { Route.entry.link(id) }
        static func edit(_ id: UUID) -> String { Route.edit.link(id) }
        static func assure(_ id: UUID) -> String { Route.assure.link(id) }
        static func delete(_ id: UUID) -> String { Route.delete.link(id) }
        static func publicEntry(_ id: UUID) -> String { Route.publicEntry.link(id) }
        static func sendUpdateLink(_ id: UUID) -> String { Route.sendUpdateLink.link(id) }
        static let changes = Route.changes.link()
        static let coverage = Route.coverage.link()
        static let offers = Route.offers.link()
        static let offersCSV = Route.offersCSV.link()
        static let newOffer = Route.newOffer.link()
        static func offer(_ id: UUID) -> String { Route.offer.link(id) }
        static func offerOpen(_ id: UUID) -> String { Route.offerOpen.link(id) }
        static func offerRequests(_ id: UUID) -> String { Route.offerRequests.link(id) }
        static func offerRequestAction(_ id: UUID, _ action: String) -> String { Route.offerRequestAction.link(id, action) }
        static let coverageCSV = Route.coverageCSV.link()
        static func approveChange(_ id: UUID) -> String { Route.approveChange.link(id) }
        static func rejectChange(_ id: UUID) -> String { Route.rejectChange.link(id) }
        static func update(_ token: String) -> String { Route.update.link(token) }
        static func activityVenue(_ activity: UUID) -> String { Route.activityVenue.link(activity) }
        static func activityPartners(_ activity: UUID) -> String { Route.activityPartners.link(activity) }
        static func activityPartnerRemove(_ activity: UUID, _ entry: UUID) -> String { Route.activityPartnerRemove.link(activity, entry) }
        static let orukServices = Route.orukServices.link()
        static let orukOpenAPI = Route.orukOpenAPI.link()
        static func orukService(_ id: UUID) -> String { Route.orukService.link(id) }
    }
}
