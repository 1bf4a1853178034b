import Fluent
import Foundation
import ChorusCore

/// Two participatory budgeting rounds for the demo: last year's Community Fund with its results published (Equal
/// Shares with Add1, so the results page explains each project), and this year's open for voting on a knapsack
/// ballot, with a whole-borough pot and a pot for Quayside. Deterministic: the same seed gives the same ballots.
enum DemoBudgeting {
    static let ideas: [(String, String, Int64, String)] = [
        ("Benches along the promenade", "Ten benches with backs and arms, so older people can rest on the walk.", 1_200_000, "Streets"),
        ("Play area for Foxhill park", "Swings, a climbing frame and safe surfacing for under-tens.", 2_400_000, "Parks"),
        ("Youth music studio", "Equipment and sessions at the youth centre on weekday evenings.", 1_500_000, "Young people"),
        ("Street trees for Northgate", "Forty trees on the busiest streets, with three years of watering.", 1_800_000, "Streets"),
        ("Community fridge", "A shared fridge at the library so surplus food is not wasted.", 400_000, "Community"),
        ("Safer crossing by the school", "A zebra crossing and lights outside Millbrook primary.", 2_800_000, "Streets"),
        ("Allotment water supply", "Taps and a tank for the Brickfields allotments.", 600_000, "Parks"),
        ("Free swimming for carers", "A year of free sessions for unpaid carers and the people they care for.", 900_000, "Community"),
        ("Dropped kerbs in Old Town", "Twelve dropped kerbs so wheelchairs and buggies can cross.", 1_100_000, "Streets"),
        ("Canal path lighting", "Solar lights on the towpath between Canal Wharf and Riverside East.", 2_000_000, "Streets"),
    ]

    static func seed(on db: any Database, today: Day) async throws {
        guard
            let activity = try await Activity.query(on: db).filter(\.$isPublic == true).filter(\.$status == ActivityStatus.open.rawValue)
                .sort(\.$startDay).first()
        else { return }
        let wards = try await PlacesReads.wards(db)
        let settings = BudgetRoundSettings(
            phases: [
                BudgetPhase.voting.rawValue: .init(
                    text: "Choose the ideas you want, up to the money in each pot. You can change your vote until voting closes."),
                BudgetPhase.results.rawValue: .init(text: "Thank you to everyone who voted. Here is what will be funded, and why."),
            ], categories: ["Parks", "Streets", "Young people", "Community"], minimumAge: 11)
        var rng = SeededRandom(state: 0xB0D6_E7)
        for (year, phase) in [(2026, BudgetPhase.results), (2027, BudgetPhase.voting)] {
            let r = BudgetRound()
            r.activityID = activity.id!
            r.$organisation.id = activity.$organisation.id
            r.title = "Harbourside Community Fund \(year)"
            r.intro = "Residents decide how £75,000 is spent on ideas for their streets, parks and neighbours."
            r.phase = BudgetPhase.draft.rawValue
            r.settings = StoredJSON.encode(settings)
            r.ballotRules = StoredJSON.encode(BallotRules(kind: .knapsack, minimum: 1, blankAllowed: true))
            r.outcomeRule = BudgetRule.equalSharesAdd1.rawValue
            r.tieSeed = "harbourside-\(year)"
            r.votingClosesDay = phase == .voting ? today.adding(days: 21).ordinal : today.adding(days: -300).ordinal
            r.createdAt = Date()
            r.updatedAt = r.createdAt
            try await r.create(on: db)
            let whole = BudgetPot()
            whole.roundID = r.id!; whole.name = "Whole borough"; whole.budgetPence = 6_000_000; whole.position = 0
            try await whole.create(on: db)
            let quayside = wards.first { $0.name == "Quayside" }
            let local = BudgetPot()
            local.roundID = r.id!; local.name = "Quayside"; local.placeID = quayside?.id; local.budgetPence = 1_500_000; local.position = 1
            try await local.create(on: db)
            var refs: [(String, UUID, Int64)] = []
            for (k, idea) in ideas.enumerated() {
                let p = BudgetProposal()
                p.roundID = r.id!
                p.reference = String(format: "P-D%d%04d", year % 10, k + 1)
                p.title = idea.0; p.description = idea.1; p.costPence = idea.2; p.category = idea.3
                let inQuayside = k == 0 || k == 4
                p.potID = inQuayside ? local.id : whole.id
                p.placeID = inQuayside ? quayside?.id : nil
                p.status = BudgetProposalService.Status.published.rawValue
                p.feasibility = k == 9 ? BudgetProposalService.Feasibility.notFeasible.rawValue : BudgetProposalService.Feasibility.feasible.rawValue
                p.feasibilityReason = k == 9 ? "The towpath belongs to the Canal Trust, which has lighting planned for next year." : nil
                p.reviewerName = "Sam Okafor (Highways)"; p.reviewedAt = Date()
                if k == 5 {
                    p.proposedCostPence = 2_200_000
                    p.costReason = "The crossing needs new drainage as well as lights."
                }
                p.authorName = k % 3 == 0 ? "Harbourside Residents' Association" : nil
                p.createdAt = Date(); p.updatedAt = p.createdAt
                try await p.create(on: db)
                if k != 9 { refs.append((p.reference, p.potID!, p.costPence)) }
            }
            // Ballots: residents like different mixes; those in Quayside also choose in its pot.
            let voters = phase == .results ? 240 : 90
            for n in 0..<voters {
                let ward = wards.isEmpty ? nil : rng.pick(wards)
                let pots = ward?.id == quayside?.id ? [whole.id!, local.id!] : [whole.id!]
                var choices: [String: Int] = [:]
                for pot in pots {
                    let budget = pot == whole.id ? whole.budgetPence : local.budgetPence
                    var spent: Int64 = 0
                    for (ref, _, cost) in rng.sample(refs.filter { $0.1 == pot }, rng.int(1...4)) where spent + cost <= budget {
                        choices[ref] = 1
                        spent += cost
                    }
                }
                let b = BudgetBallot()
                b.roundID = r.id!
                b.reference = String(format: "B-D%03d-%04d", year % 1000, n + 1)
                b.placeID = ward?.id
                b.choices = StoredJSON.encode(choices)
                b.blank = choices.isEmpty
                b.channel = n % 12 == 0 ? BudgetBallotService.Channel.paper.rawValue : BudgetBallotService.Channel.web.rawValue
                b.ageDeclared = true
                b.createdAt = Date().addingTimeInterval(-Double(voters - n) * 1_800)
                b.updatedAt = b.createdAt
                try await b.create(on: db)
            }
            if phase == .results {
                r.outcome = StoredJSON.encode(try await BudgetResults.count(r, db))
                r.resultsPublishedAt = Date()
            }
            r.phase = phase.rawValue
            try await r.update(on: db)
        }
    }
}
