import Fluent
import Vapor
import Foundation
import ChorusCore

/// Residents' pledges to a campaign's actions: a signed-in resident's (once per action; they may ask for updates and
/// report it done) or an anonymous one with a ward; a group's for a community action. A comment becomes an insight of
/// the campaign's register activity (redacted as every insight is), or stays on the pledge when it has none. Counts
/// come from `CampaignTally`; the CSVs for staff are formula-safe (`CSV`).
enum CampaignPledgeService {
    static let entity = "campaign_pledge"

    enum Outcome: Sendable {
        case pledged(CampaignPledge)
        /// The signed-in resident had already pledged to this action.
        case already(CampaignPledge)
    }

    /// Checks and saves a pledge, with its comment's insight, in one transaction.
    static func pledge(
        _ c: Campaign, _ a: CampaignAction, _ input: Input, resident: CurrentResident?, now: Date = Date(), on db: any Database
    ) async throws -> Outcome {
        var v = ChorusCore.Validator()
        if !c.statusValue.takesPledges { v.add("ward", "This campaign is closed and no longer takes pledges") }
        let code = input["ward"] ?? ""
        let ward = try await PlacesReads.wards(db).first { $0.code == code }
        if ward == nil { v.add("ward", "Choose the ward you live in") }
        var group: String? = nil
        if a.levelValue.groupsMayPledge {
            group = v.optional("group_name", input["group_name"], label: "Your group's name", max: 200)
        }
        let comment = v.optional("comment", input["comment"], label: "Your comment", max: 2000, multiline: true)
        try v.check()
        let byGroup = group != nil
        if let resident, let mine = try await CampaignPledge.query(on: db).filter(\.$actionID == a.id!).filter(\.$residentID == resident.id).first() {
            return .already(mine)
        }
        let p = CampaignPledge()
        p.actionID = a.id!
        p.campaignID = c.id!
        p.residentID = resident?.id
        p.placeID = ward?.id
        p.groupName = group
        p.comment = comment
        p.wantsUpdates = resident != nil && Input.isTrue(input["wants_updates"])
        p.createdAt = now
        try await db.transaction { tx in
            try await p.create(on: tx)
            if let comment, let activity = c.activityID {
                try await InsightService.record(
                    [
                        InsightService.FromResident(
                            organisationID: c.organisationID, activityID: activity, text: comment, heard: Day(now), placeID: ward?.id,
                            sharing: .organisation, equality: [:], sourceRef: sourcePrefix(p.id!) + "comment", kind: .quote)
                    ], replacing: nil, in: activity, on: tx)
            }
            try await AuditService.record(
                tx, actor: resident?.actor ?? Actor(id: nil, name: "anonymous resident"), action: .create, entity: entity, id: p.id,
                label: "\(c.title): \(a.title)", after: ["level": a.level, "ward": ward?.code ?? "", "group": byGroup ? "yes" : "no"])
        }
        return .pledged(p)
    }

    /// The source reference of the insight a pledge's comment became.
    static func sourcePrefix(_ pledge: UUID) -> String { "campaign:\(pledge.uuidString.lowercased()):" }

    /// "I did it": the resident's own pledge, reported done (once).
    static func markDone(_ p: CampaignPledge, resident: CurrentResident, now: Date = Date(), on db: any Database) async throws {
        guard p.residentID == resident.id else { throw Abort(.notFound) }
        guard p.doneAt == nil else { return }
        p.doneAt = now
        try await db.transaction { tx in
            try await p.save(on: tx)
            try await AuditService.record(tx, actor: resident.actor, action: .update, entity: entity, id: p.id, label: "done")
        }
    }

    static func find(_ id: UUID?, _ db: any Database) async throws -> CampaignPledge {
        guard let id, let p = try await CampaignPledge.find(id, on: db) else { throw Abort(.notFound) }
        return p
    }

    /// A resident's own pledges to the actions of a campaign.
    static func mine(_ resident: UUID, campaign: UUID, _ db: any Database) async throws -> [CampaignPledge] {
        try await CampaignPledge.query(on: db).filter(\.$campaignID == campaign).filter(\.$residentID == resident).all()
    }

    /// Every pledge of a campaign, counted by level, ward and action.
    static func tally(_ c: Campaign, actions: [CampaignAction], wards: [PlacesReads.Ward], _ db: any Database) async throws -> CampaignTally {
        let levels = Dictionary(actions.map { ($0.id!, $0.levelValue) }, uniquingKeysWith: { a, _ in a })
        let codes = Dictionary(wards.map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a })
        let rows = try await CampaignPledge.query(on: db).filter(\.$campaignID == c.id!).all()
        return CampaignTally(
            rows.compactMap { p in
                guard let level = levels[p.actionID] else { return nil }
                return CampaignTally.Pledge(
                    action: p.actionID, level: level, ward: p.placeID.flatMap { codes[$0] }, done: p.doneAt != nil,
                    byGroup: !(p.groupName ?? "").isEmpty)
            })
    }

    /// Counts by action and ward (every ward with a pledge), then each level's and the campaign's totals; exact counts
    /// for the organiser's staff.
    static func countsCSV(_ c: Campaign, actions: [CampaignAction], wards: [PlacesReads.Ward], _ db: any Database) async throws -> String {
        let byID = Dictionary(wards.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pledges = try await CampaignPledge.query(on: db).filter(\.$campaignID == c.id!).all()
        var rows: [[String]] = []
        for a in actions {
            var cells: [String: (pledged: Int, done: Int, groups: Int)] = [:]
            for p in pledges where p.actionID == a.id {
                let key = p.placeID.flatMap { byID[$0]?.code } ?? ""
                var n = cells[key] ?? (0, 0, 0)
                n.pledged += 1
                if p.doneAt != nil { n.done += 1 }
                if !(p.groupName ?? "").isEmpty { n.groups += 1 }
                cells[key] = n
            }
            for (code, n) in cells.sorted(by: { $0.key < $1.key }) {
                let name = wards.first { $0.code == code }?.name ?? "No ward"
                rows.append([a.level, a.title, code, name, String(n.pledged), String(n.done), String(n.groups)])
            }
        }
        let tally = try await tally(c, actions: actions, wards: wards, db)
        for level in ActionLevel.allCases {
            let n = tally.level(level)
            rows.append([level.rawValue, "All actions", "", "All wards", String(n.pledged), String(n.done), String(n.groups)])
        }
        rows.append(["all", "All actions", "", "All wards", String(tally.total.pledged), String(tally.total.done), String(tally.total.groups)])
        return CSV.write(header: ["Level", "Action", "Ward code", "Ward", "Pledges", "Done", "By groups"], rows: rows)
    }

    /// What residents wrote with their pledges (comments and group names), newest first: for the organiser's staff only.
    static func commentsCSV(_ c: Campaign, actions: [CampaignAction], wards: [PlacesReads.Ward], _ db: any Database) async throws -> String {
        let titles = Dictionary(actions.map { ($0.id!, ($0.level, $0.title)) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(wards.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = try await CampaignPledge.query(on: db).filter(\.$campaignID == c.id!).sort(\.$createdAt, .descending).all().filter {
            !($0.comment ?? "").isEmpty || !($0.groupName ?? "").isEmpty
        }.map { p in
            [
                ISOTime.string(p.createdAt), titles[p.actionID]?.0 ?? "", titles[p.actionID]?.1 ?? "", p.placeID.flatMap { names[$0] } ?? "",
                p.groupName ?? "", p.comment ?? "", p.doneAt == nil ? "no" : "yes",
            ]
        }
        return CSV.write(header: ["Pledged at", "Level", "Action", "Ward", "Group", "Comment", "Done"], rows: rows)
    }
}
