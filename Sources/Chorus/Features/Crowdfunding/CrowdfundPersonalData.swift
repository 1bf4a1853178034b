import Fluent
import Foundation
import ChorusCore

/// The personal data crowdfunding keeps: each pledge (amount, how paid, the name shown, the card provider's
/// references, never card details) and, for one staff recorded, a contact for a refund; and the projects a resident
/// started. Pledges are financial records: erasing removes who made them (the account link, the name shown, the
/// contact) but keeps the amounts, so every project's ledger still adds up; a project a resident started stays public
/// (with its photos) without the link to them.
enum CrowdfundPersonalData {
    static let declaration = PersonalDataDeclaration(
        kind: .pledges, tables: [CrowdfundPledge.schema, CrowdfundProject.schema, CrowdfundPhoto.schema],
        what:
            "Each crowdfunding pledge you made: the project, the amount, how you chose to pay, the name shown (if any), its status, and the card "
            + "provider's references to your saved card and payment (never the card's number); and the projects you started, with their "
            + "photos (location and device details removed).",
        purpose: "Collecting pledges when a project closes, refunding them if it does not go ahead, and showing backers on the project.",
        lawfulBasis: "Contract (UK GDPR Article 6(1)(b)): your pledge is an agreement to pay if the project goes ahead.",
        seenBy:
            "Staff of the partner organisations who run crowdfunding. The project page shows the name you chose (or \"Anonymous\") and the amount.",
        export: { key, db in
            guard let id = key.id else { return [] }
            let pledges = try await CrowdfundPledge.query(on: db).filter(\.$residentID == id).sort(\.$createdAt).all()
            let started = try await CrowdfundProject.query(on: db).filter(\.$creatorResidentID == id).sort(\.$createdAt).all()
            let photos = try await CrowdfundPhotos.meta(started.compactMap(\.id), db)
            let titles = Dictionary(
                try await CrowdfundProject.query(on: db).filter(\.$id ~~ Set(pledges.map(\.projectID))).all().map { ($0.id!, $0.title) },
                uniquingKeysWith: { a, _ in a })
            return pledges.map { p in
                ExportedRecord(
                    kind: .pledges, title: "Your pledge: " + (titles[p.projectID] ?? "a project"),
                    fields: [
                        ("amount", MoneyText.pounds(p.amountPence)), ("method", p.method), ("status", p.status),
                        ("shown_name", p.shownName.isEmpty ? "Anonymous" : p.shownName), ("card_provider_customer", p.providerCustomer),
                        ("card_provider_payment", p.providerPayment), ("pledged_at", ExportedRecord.time(p.createdAt)),
                    ])
            }
                + started.map { p in
                    ExportedRecord(
                        kind: .pledges, title: "Your project: " + p.title,
                        fields: [
                            ("group", p.groupName), ("summary", p.summary), ("stage", p.stage), ("target", MoneyText.pounds(p.targetPence)),
                            ("started_at", ExportedRecord.time(p.createdAt)),
                            ("photos", (photos[p.id!] ?? []).map(\.alt).joined(separator: "; ")),
                        ])
                }
        },
        erase: { keys, _, db in
            let ids = keys.ids
            guard !ids.isEmpty else { return 0 }
            let pledges = try await CrowdfundPledge.query(on: db).filter(\.$residentID ~~ ids).count()
            let projects = try await CrowdfundProject.query(on: db).filter(\.$creatorResidentID ~~ ids).count()
            // The money stays in the ledger (financial records); who it was goes, whichever scope was asked for.
            try await CrowdfundPledge.query(on: db).filter(\.$residentID ~~ ids).set(\.$residentID, to: nil).set(\.$shownName, to: "")
                .set(\.$contact, to: nil).update()
            try await CrowdfundProject.query(on: db).filter(\.$creatorResidentID ~~ ids).set(\.$creatorResidentID, to: nil).update()
            return pledges + projects
        },
        expire: { pass in
            // After the period a pledge no longer names its backer (account, name shown, contact).
            let cutoff = pass.schedule.cutoff(for: .pledges, now: pass.now)
            let pledges = try await pass.inBatches { db, limit in
                let due = try await CrowdfundPledge.query(on: db).filter(\.$method != PledgeMethod.fund.rawValue)
                    .group(.or) { $0.filter(\.$residentID != nil).filter(\.$contact != nil).filter(\.$shownName != "") }
                    .filter(\.$updatedAt < cutoff).limit(limit).all(\.$id)
                guard !due.isEmpty else { return 0 }
                try await CrowdfundPledge.query(on: db).filter(\.$id ~~ due).set(\.$residentID, to: nil).set(\.$shownName, to: "").set(
                    \.$contact, to: nil
                )
                .update()
                return due.count
            }
            let projects = try await pass.inBatches { db, limit in
                let due = try await CrowdfundProject.query(on: db).filter(\.$creatorResidentID != nil).filter(\.$updatedAt < cutoff).limit(limit).all(
                    \.$id)
                guard !due.isEmpty else { return 0 }
                try await CrowdfundProject.query(on: db).filter(\.$id ~~ due).set(\.$creatorResidentID, to: nil).update()
                return due.count
            }
            return pledges + projects
        })
}
