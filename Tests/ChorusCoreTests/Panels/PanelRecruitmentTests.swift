import Foundation
import Testing
@testable import ChorusCore

/// The pure parts of panel recruitment and audit: household codes, the letter lottery, address lists, targets from
/// population shares, the published files, and the replay check.
struct PanelRecruitmentTests {
    @Test func householdCodesReadBackForgivingly() {
        let code = PanelCodes.householdCode()
        #expect(code.count == 11 && code.hasPrefix("H-"))
        #expect(PanelCodes.normaliseHouseholdCode(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
        #expect(PanelCodes.normaliseHouseholdCode("h-7k3m-9qxo") == "H-7K3M-9QX0")
        #expect(PanelCodes.normaliseHouseholdCode("H-7K3M") == nil)
        #expect(PanelCodes.pseudonym(0) == "V0001" && PanelCodes.pseudonym(12344) == "V12345")
    }

    @Test func theLetterLotteryReplaysFromTheSeedAndDrawsDistinctHouseholds() {
        let a = PanelLetterLottery.draw(total: 1000, count: 50, seed: 42)
        #expect(a == PanelLetterLottery.draw(total: 1000, count: 50, seed: 42))
        #expect(a != PanelLetterLottery.draw(total: 1000, count: 50, seed: 43))
        #expect(Set(a).count == 50 && a == a.sorted() && a.allSatisfy { (0..<1000).contains($0) })
        #expect(PanelLetterLottery.draw(total: 3, count: 10, seed: 1) == [0, 1, 2])
        #expect(PanelLetterLottery.draw(total: 0, count: 10, seed: 1).isEmpty)
    }

    @Test func anAddressListWithABadRowImportsNothingAndNamesEveryBadLine() throws {
        let good = try PanelAddressList.parse("uprn,address_1,town,postcode\n100001,1 Quay St,Harbourside,hs1 1aa\n,2 Quay St,,HS1 1AB\n")
        #expect(
            good == [
                PanelAddress(uprn: "100001", address: "1 Quay St, Harbourside", postcode: "HS1 1AA"),
                PanelAddress(uprn: nil, address: "2 Quay St", postcode: "HS1 1AB"),
            ])
        #expect(throws: FieldError.self) { try PanelAddressList.parse("name,postcode\nA,HS1 1AA\n") }
        do {
            _ = try PanelAddressList.parse("uprn,postcode\n1,HS1 1AA\n1,HS1 1AB\nabc,HS1 1AD\n2,nowhere\n")
            Issue.record("a bad file was accepted")
        } catch {
            #expect(error.field == "file")
            #expect(error.message.contains("line 3: uprn 1 is already on line 2"))
            #expect(error.message.contains("line 4: uprn \"abc\""))
            #expect(error.message.contains("line 5: postcode"))
        }
    }

    @Test func targetsFromSharesRoundDownAndUpSoTheyCanBeMetTogether() {
        let q = PanelTargets.fromShares(category: "ward", shares: [("A", 500), ("B", 300), ("C", 200)], panelSize: 7, slack: 0)
        #expect(q.map(\.min) == [3, 2, 1] && q.map(\.max) == [4, 3, 2])
        #expect(q.map(\.min).reduce(0, +) <= 7 && q.map(\.max).reduce(0, +) >= 7)
        let wide = PanelTargets.fromShares(category: "ward", shares: [("A", 1), ("B", 0)], panelSize: 4)
        #expect(wide[0] == PanelQuota(category: "ward", feature: "A", min: 3, max: 4) && wide[1].min == 0 && wide[1].max == 1)
        #expect(PanelTargets.fromShares(category: "ward", shares: [], panelSize: 4).isEmpty)
        let pool = [PanelVolunteer(id: "1", features: ["sex": "female"]), PanelVolunteer(id: "2", features: ["sex": "prefer_not_to_say"])]
        #expect(
            PanelTargets.missing(for: [PanelQuota(category: "sex", feature: "female", min: 1, max: 1)], pool: pool, panelSize: 2) == [
                PanelQuota(category: "sex", feature: "prefer_not_to_say", min: 0, max: 2)
            ])
    }

    @Test func thePublishedFilesReadBackAsTheSameProblem() throws {
        let quotas = [
            PanelQuota(category: "sex", feature: "female", min: 1, max: 1), PanelQuota(category: "sex", feature: "male", min: 1, max: 1),
            PanelQuota(category: "ward", feature: "Quay, North", min: 0, max: 2),
        ]
        let pool = (0..<3).map { i in
            PanelVolunteer(id: PanelCodes.pseudonym(i), features: ["sex": i == 0 ? "female" : "male", "ward": "Quay, North"], household: "H\(i)")
        }
        let categories = PanelAuditFiles.categoriesCSV(quotas)
        let respondents = PanelAuditFiles.respondentsCSV(pool, categories: PanelAuditFiles.categories(of: quotas), households: true)
        #expect(respondents.hasPrefix("id,household,sex,ward\nV0001,H0,female,\"Quay, North\"\n"))
        let back = try PanelCSV.problem(categories: categories, respondents: respondents, panelSize: 2, keepHouseholdsApart: true)
        #expect(back.quotas == quotas && back.volunteers == pool)
    }

    @Test func theReplayCatchesAPanelOutsideTheTargetsOrProbabilitiesThatDoNotAddUp() {
        let pool = (0..<4).map { PanelVolunteer(id: PanelCodes.pseudonym($0), features: ["sex": $0 < 2 ? "female" : "male"]) }
        let p = PanelProblem(
            panelSize: 2,
            quotas: [PanelQuota(category: "sex", feature: "female", min: 1, max: 1), PanelQuota(category: "sex", feature: "male", min: 1, max: 1)],
            volunteers: pool, keepHouseholdsApart: false)
        let fair = PanelDistribution(panels: [[0, 2], [1, 3]], weights: [0.5, 0.5], probabilities: [0.5, 0.5, 0.5, 0.5])
        let report = PanelReplay.check(p, fair, seed: 7)
        #expect(report.ok && report.drawn.count == 2)
        #expect(report == PanelReplay.check(p, fair, seed: 7), "the same seed draws the same panel")
        let unfair = PanelDistribution(panels: [[0, 1], [2, 3]], weights: [0.5, 0.5], probabilities: [0.5, 0.5, 0.5, 0.5])
        #expect(PanelReplay.check(p, unfair, seed: 7).problems.contains { $0.contains("panel 1 has 2 of sex female") })
        let wrong = PanelDistribution(panels: [[0, 2], [1, 3]], weights: [0.5, 0.5], probabilities: [0.9, 0.1, 0.5, 0.5])
        #expect(PanelReplay.check(p, wrong, seed: 7).problems.contains { $0.hasPrefix("V0001: published probability 0.9") })
    }
}
