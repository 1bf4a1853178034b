import Vapor
import Fluent

/// Who is already in the room: community groups, venues (with UK accessibility facts) and connectors, by ward, theme,
/// audience and language; kept current by their owners ("assured on"); found by residents near their postcode;
/// published in Open Referral UK and imported from another directory's feed (docs/directory.md).
enum DirectoryFeature: ChorusFeature {
    static let name = "directory"
    static func routes(_ r: FeatureRoutes) {
        DirectoryController.routes(r)
        DirectoryORUKController.routes(r)
        DirectoryOfferController.routes(r)
    }
    static func jobs(_ j: FeatureJobs) { DirectoryUpdates.jobs(j) }
    static var migrations: [any Migration] { [CreateDirectory(), CreateDirectoryUse(), CreateDirectoryOffers()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.directory", href: SiteURL.Directory.list)] }
    static var auditEntities: [String] { [DirectoryService.entity, DirectoryOffers.entity] }
    static var strings: [String: [String: String]] { ["en": DirectoryStrings.english, "ur": DirectoryStrings.urdu] }
    static var usages: [ReferenceUsage] {
        [
            ReferenceUsage(kind: .organisation, records: "directory entries") { id, db in
                try await DirectoryEntry.query(on: db).filter(\.$owner.$id == id).count()
            },
            ReferenceUsage(kind: .place, records: "directory entries") { id, db in
                try await DirectoryLink.query(on: db).filter(\.$link == DirectoryLinkKind.place.rawValue).filter(\.$targetID == id).count()
            },
            ReferenceUsage(kind: .theme, records: "directory entries") { id, db in
                try await DirectoryLink.query(on: db).filter(\.$link == DirectoryLinkKind.theme.rawValue).filter(\.$targetID == id).count()
            },
            ReferenceUsage(kind: .audience, records: "directory entries") { id, db in
                try await DirectoryLink.query(on: db).filter(\.$link == DirectoryLinkKind.audience.rawValue).filter(\.$targetID == id).count()
            },
        ]
    }
}
