import Fluent
import Foundation
import ChorusCore

/// The demo's directory in use: public activities in Quayside held at its community centre with the residents'
/// association as a partner group, and partners' volunteering offers with requests at each stage (one given, one
/// agreed, one waiting). Seeded after `DemoDirectory` and the activities. Deterministic.
enum DemoDirectoryUse {
    /// Title, kind, keeper index, amount, ward indexes (empty: borough-wide), themes.
    static let offers: [(String, OfferKind, Int, Int?, [Int], [String])] = [
        ("Council staff volunteering days", .volunteeringDays, 0, 40, [], ["Parks and green spaces", "Streets and litter"]),
        ("Health promotion skills for groups", .skills, 1, 20, [5, 4], ["Mental health", "Social isolation"]),
        ("Community room at Riverside East", .room, 4, nil, [6], ["Repairs", "Damp and mould"]),
        ("Gazebo, tables and a PA system to lend", .equipment, 3, 3, [], ["Cost of living", "Social isolation"]),
    ]

    /// Offer index, group name, purpose, amount, status, amount given.
    static let requests: [(Int, String, String, Int?, OfferRequestStatus, Int?)] = [
        (0, "Mill Lane Allotment Society", "Clear and replant the community garden beds", 4, .given, 4),
        (0, "Harbour Road Residents' Association", "A litter pick along the dock front", 2, .agreed, nil),
        (2, "Riverside East Tenants' Forum", "Monthly damp and mould surgery with residents", 6, .requested, nil),
        (3, "Ashby Park Food Share", "A stall at the winter warm-space fair", 1, .given, 1),
    ]

    static func seed(on db: any Database, today: Day) async throws {
        let wards = try await PlacesReads.wards(db)
        func ward(_ i: Int) -> UUID? { wards.first { $0.name == DemoSeed.wards[i].0 }?.id }
        let themes = Dictionary(try await TaxonomyReads.themes(db).map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
        let orgs = Dictionary(try await Organisation.query(on: db).all().map { ($0.name, $0.id!) }, uniquingKeysWith: { a, _ in a })
        let entries = Dictionary(try await DirectoryEntry.query(on: db).all().map { ($0.name, $0.id!) }, uniquingKeysWith: { a, _ in a })

        // Quayside's public activities: at the community centre, with the residents' association.
        if let quayside = ward(0), let centre = entries[DemoDirectory.venues[0].0], let association = entries[DemoDirectory.groups[0].0] {
            let inWard = try await ActivityPlace.query(on: db).filter(\.$place.$id == quayside).all(\.$activity.$id)
            let chosen =
                inWard.isEmpty
                ? [] : try await Activity.query(on: db).filter(\.$id ~~ inWard).filter(\.$isPublic == true).sort(\.$title).limit(2).all()
            for a in chosen {
                for (entry, role) in [(centre, DirectoryActivityRole.venue), (association, .partner)] {
                    let l = DirectoryActivityLink()
                    l.$activity.id = a.id!
                    l.$entry.id = entry
                    l.role = role.rawValue
                    try await l.create(on: db)
                }
            }
        }

        var offerIDs: [UUID] = []
        for o in offers {
            let offer = DirectoryOffer()
            offer.$organisation.id = orgs[DemoSeed.organisations[o.2].0]!
            offer.kind = o.1.rawValue
            offer.title = o.0
            offer.description = "\(o.0). Ask through the directory: say which group it is for, what for and when."
            offer.amount = o.3
            offer.boroughWide = o.4.isEmpty
            offer.placeIDs = DirectoryEntry.encodeList(o.4.compactMap { ward($0)?.uuidString })
            offer.themeIDs = DirectoryEntry.encodeList(o.5.compactMap { themes[$0]?.uuidString })
            offer.availableFromDay = today.adding(days: -60).ordinal
            offer.availableToDay = today.adding(days: 300).ordinal
            offer.open = true
            try await offer.create(on: db)
            offerIDs.append(offer.id!)
        }
        let cvs = orgs[DemoSeed.organisations[3].0]!
        for (i, r) in requests.enumerated() {
            guard let group = entries[r.1] else { continue }
            let request = DirectoryOfferRequest()
            request.$offer.id = offerIDs[r.0]
            request.$entry.id = group
            request.requesterOrganisation = cvs
            request.purpose = r.2
            request.amount = r.3
            request.wantedDay = today.adding(days: r.4 == .given ? -(20 + i) : 14 + i * 7).ordinal
            request.status = r.4.rawValue
            request.givenAmount = r.5
            request.givenDay = r.5 == nil ? nil : today.adding(days: -(10 + i)).ordinal
            try await request.create(on: db)
        }
    }
}
