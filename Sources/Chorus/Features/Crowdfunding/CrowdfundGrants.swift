import Fluent
import Foundation
import ChorusCore

/// A match fund's awards as 360Giving grants: one per project the fund paid out to, the amount and date from the
/// ledger, the project's ward as the beneficiary location. Groups without a registered number get a "360G-" recipient
/// identifier made from the project, as the standard asks of publishers.
enum CrowdfundGrants {
    static func records(_ f: MatchFund, prefix: String, _ db: any Database) async throws -> [GrantRecord] {
        let pledges = try await CrowdfundPledge.query(on: db).filter(\.$fundID == f.id!).filter(\.$status == PledgeStatus.paidOut.rawValue).all()
        guard !pledges.isEmpty else { return [] }
        let ledger = try await CrowdfundLedgerService.ledger(of: pledges.compactMap(\.id), db)
        let projects = Dictionary(
            try await CrowdfundProject.query(on: db).filter(\.$id ~~ pledges.map(\.projectID)).all().map { ($0.id!, $0) },
            uniquingKeysWith: { a, _ in a })
        let wards = Dictionary(try await PlacesReads.wards(db).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let funder = try await f.$organisation.get(on: db).name
        return pledges.compactMap { pl in
            guard let p = projects[pl.projectID] else { return nil }
            let ward = p.placeID.flatMap { wards[$0] }
            return GrantRecord(
                identifier: ThreeSixtyGiving.grantIdentifier(publisherPrefix: prefix, localID: "match-" + pl.id!.uuidString.lowercased()),
                title: p.title, description: p.summary, currency: "GBP", amountAwardedPence: Int(ledger.balance(pl.id!, .paidOut)),
                awardDate: p.settledAt ?? pl.updatedAt,
                recipientOrgIdentifier: ThreeSixtyGiving.grantIdentifier(publisherPrefix: prefix, localID: "group-" + p.id!.uuidString.lowercased()),
                recipientOrgName: p.groupName, fundingOrgIdentifier: f.funderIdentifier, fundingOrgName: funder,
                beneficiaryLocationName: ward?.name, beneficiaryLocationCode: ward?.code, beneficiaryLocationCodeType: ward == nil ? nil : "WD",
                grantProgrammeTitle: f.name, lastModified: pl.updatedAt)
        }
    }
}
