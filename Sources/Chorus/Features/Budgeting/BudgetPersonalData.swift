import Fluent
import Foundation
import ChorusCore

/// The personal data participatory budgeting keeps: a resident's ballot in each round (their choices, the ward they
/// voted as, its reference), a paper voter's name and postcode (so they cannot vote twice), and who proposed an
/// idea. Ballots outlive their voters anonymously: the outcome is published, and a round's export must still add up.
enum BudgetPersonalData {
    static let declaration = PersonalDataDeclaration(
        kind: .ballots, tables: [BudgetBallot.schema, BudgetProposal.schema, BudgetProposalPhoto.schema],
        what:
            "Your ballot in each participatory budgeting round (what you chose, the ward you voted in, its reference and when); for a "
            + "paper or assisted ballot, the name and postcode given; and the ideas you proposed, with any photo (its location and device details removed).",
        purpose: "Counting each person's vote once, letting them change it until voting closes, and showing that it was counted.",
        lawfulBasis: "Public task (UK GDPR Article 6(1)(e)): involving residents in how public money is spent.",
        seenBy:
            "Staff of the organisation running the round. Results show totals only; ballots by ward are shown as counts of 5 or more. Proposals "
            + "are published without the proposer's name.",
        export: { key, db in
            guard let id = key.id else { return [] }
            let ballots = try await BudgetBallot.query(on: db).filter(\.$residentID == id).sort(\.$createdAt).all()
            let proposals = try await BudgetProposal.query(on: db).filter(\.$authorResidentID == id).sort(\.$createdAt).all()
            let roundIDs = Set(ballots.map(\.roundID) + proposals.map(\.roundID))
            let titles = Dictionary(
                try await BudgetRound.query(on: db).filter(\.$id ~~ roundIDs).all().map { ($0.id!, $0.title) }, uniquingKeysWith: { a, _ in a })
            return ballots.map { b in
                ExportedRecord(
                    kind: .ballots, title: "Your ballot: " + (titles[b.roundID] ?? "a round"),
                    fields: [
                        ("reference", b.reference), ("channel", b.channel), ("blank", b.blank ? "yes" : "no"),
                        (
                            "choices",
                            BudgetBallotService.decode(b.choices).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                        ),
                        ("sent_at", ExportedRecord.time(b.updatedAt)),
                    ])
            }
                + proposals.map { p in
                    ExportedRecord(
                        kind: .ballots, title: "Your proposal: " + p.title,
                        fields: [
                            ("round", titles[p.roundID] ?? ""), ("reference", p.reference), ("description", p.description),
                            ("cost", MoneyText.pounds(p.costPence)), ("status", p.status), ("sent_at", ExportedRecord.time(p.createdAt)),
                        ])
                }
        },
        erase: { keys, scope, db in
            let ids = keys.ids
            guard !ids.isEmpty else { return 0 }
            let ballots = try await BudgetBallot.query(on: db).filter(\.$residentID ~~ ids).count()
            let proposals = try await BudgetProposal.query(on: db).filter(\.$authorResidentID ~~ ids).all()
            switch scope {
            case .identity:
                // The vote and the ideas stay, naming nobody.
                try await BudgetBallot.query(on: db).filter(\.$residentID ~~ ids).set(\.$residentID, to: nil).update()
            case .contributions:
                try await BudgetBallot.query(on: db).filter(\.$residentID ~~ ids).delete()
                // An idea not yet published goes; one residents have seen (or voted on) stays, naming nobody.
                let unpublished = [BudgetProposalService.Status.submitted.rawValue, BudgetProposalService.Status.rejected.rawValue]
                for p in proposals where unpublished.contains(p.status) { try await p.delete(on: db) }
            }
            try await BudgetProposal.query(on: db).filter(\.$authorResidentID ~~ ids).set(\.$authorResidentID, to: nil).update()
            return ballots + proposals.count
        },
        expire: { pass in
            // After the period a ballot no longer names its voter (account, or a paper voter's name and postcode).
            let cutoff = pass.schedule.cutoff(for: .ballots, now: pass.now)
            let ballots = try await pass.inBatches { db, limit in
                let due = try await BudgetBallot.query(on: db).group(.or) { $0.filter(\.$residentID != nil).filter(\.$voterName != nil) }
                    .filter(\.$updatedAt < cutoff).limit(limit).all(\.$id)
                guard !due.isEmpty else { return 0 }
                try await BudgetBallot.query(on: db).filter(\.$id ~~ due).set(\.$residentID, to: nil).set(\.$voterName, to: nil)
                    .set(\.$voterPostcode, to: nil).update()
                return due.count
            }
            let proposals = try await pass.inBatches { db, limit in
                let due = try await BudgetProposal.query(on: db).filter(\.$authorResidentID != nil).filter(\.$updatedAt < cutoff).limit(limit).all(
                    \.$id)
                guard !due.isEmpty else { return 0 }
                try await BudgetProposal.query(on: db).filter(\.$id ~~ due).set(\.$authorResidentID, to: nil).update()
                return due.count
            }
            return ballots + proposals
        })
}
