import Fluent
import Foundation
import ChorusCore

/// The personal data campaigns keep: a signed-in resident's pledges (the action, their ward, a group's name, their
/// comment, whether they did it and want updates). An anonymous pledge names no one. Erasing who someone is unlinks
/// their pledges (kept as counts with their comments); erasing what they said removes the pledges and the insights
/// their comments became. After the period a pledge is kept only as a count: no link, comment or group name.
enum CampaignPersonalData {
    static let declaration = PersonalDataDeclaration(
        kind: .campaignPledges, tables: [CampaignPledge.schema],
        what:
            "Each campaign action you pledged to while signed in: the action, your ward, the group you pledged for (if any), your comment, "
            + "when you pledged, whether you said you did it, and whether you asked for updates; a comment is also an insight (redacted).",
        purpose: "Counting what residents pledge and do by ward and level, emailing updates to those who asked, and hearing what would help.",
        lawfulBasis: "Public task (UK GDPR Article 6(1)(e)): encouraging and supporting community action; updates by consent (Article 6(1)(a)).",
        seenBy:
            "Staff of the organisation running the campaign. Everyone else sees counts by level and ward (1 to 4 shown as \"fewer than 5\"); comments are never shown publicly.",
        export: { key, db in
            guard let id = key.id else { return [] }
            let pledges = try await CampaignPledge.query(on: db).filter(\.$residentID == id).sort(\.$createdAt).all()
            let actions = Dictionary(
                try await CampaignAction.query(on: db).filter(\.$id ~~ Set(pledges.map(\.actionID))).all().map { ($0.id!, $0) },
                uniquingKeysWith: { a, _ in a })
            let campaigns = Dictionary(
                try await Campaign.query(on: db).filter(\.$id ~~ Set(pledges.map(\.campaignID))).all().map { ($0.id!, $0.title) },
                uniquingKeysWith: { a, _ in a })
            let wards = Dictionary(try await PlacesReads.wards(db).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            return pledges.map { p in
                ExportedRecord(
                    kind: .campaignPledges, title: "Your pledge: " + (actions[p.actionID]?.title ?? "an action"),
                    fields: [
                        ("campaign", campaigns[p.campaignID]), ("level", actions[p.actionID]?.level), ("ward", p.placeID.flatMap { wards[$0] }),
                        ("group", p.groupName), ("comment", p.comment), ("pledged_at", ExportedRecord.time(p.createdAt)),
                        ("done_at", ExportedRecord.time(p.doneAt)), ("wants_updates", p.wantsUpdates ? "yes" : "no"),
                    ])
            }
        },
        erase: { keys, scope, db in
            let ids = keys.ids
            guard !ids.isEmpty else { return 0 }
            let pledges = try await CampaignPledge.query(on: db).filter(\.$residentID ~~ ids).all()
            switch scope {
            case .identity:
                // The pledges stay as counts, with what was said; who made them, and the wish for email, go.
                try await CampaignPledge.query(on: db).filter(\.$residentID ~~ ids).set(\.$residentID, to: nil).set(\.$wantsUpdates, to: false)
                    .update()
            case .contributions:
                let activities = Dictionary(
                    try await Campaign.query(on: db).filter(\.$id ~~ Set(pledges.map(\.campaignID))).all().map { ($0.id!, $0.activityID) },
                    uniquingKeysWith: { a, _ in a })
                for p in pledges {
                    if let activity = activities[p.campaignID] ?? nil {
                        try await InsightService.record([], replacing: CampaignPledgeService.sourcePrefix(p.id!), in: activity, on: db)
                    }
                    try await p.delete(on: db)
                }
            }
            return pledges.count
        },
        expire: { pass in
            // After the period a pledge is a count: no link to the resident, no comment, no group name.
            let cutoff = pass.schedule.cutoff(for: .campaignPledges, now: pass.now)
            return try await pass.inBatches { db, limit in
                let due = try await CampaignPledge.query(on: db)
                    .group(.or) { $0.filter(\.$residentID != nil).filter(\.$comment != nil).filter(\.$groupName != nil) }
                    .filter(\.$createdAt < cutoff).limit(limit).all(\.$id)
                guard !due.isEmpty else { return 0 }
                try await CampaignPledge.query(on: db).filter(\.$id ~~ due).set(\.$residentID, to: nil).set(\.$comment, to: nil)
                    .set(\.$groupName, to: nil).set(\.$wantsUpdates, to: false).update()
                return due.count
            }
        })
}
