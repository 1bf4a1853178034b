import Fluent
import Foundation
import ChorusCore

/// The demo's citizens' panel: the council's Harbourside Residents' Panel with about 180 members whose profiles lean
/// the way real volunteers do (more older, more women), an address list of 600 households of which 150 were drawn
/// for letters (seed 2026; some used their code), last spring's assembly selected by LEXIMIN with ward seats by
/// population, published and drawn (seed 20260301), and a draft for young people whose
/// targets the pool cannot meet (the page says how to change them). Deterministic.
enum DemoPanels {
    static let streets = ["Quay Street", "Harbour Road", "Mill Lane", "Church Walk", "Station Road", "Canal Side", "Park View", "High Street"]

    static func seed(on db: any Database, mail: MailContext) async throws {
        guard let user = try await DemoSeed.councilOfficer(db) else { return }
        let wards = try await PlacesReads.wards(db)
        guard !wards.isEmpty else { return }
        let panel = try await PanelService.create(
            Input(values: [
                "name": "Harbourside Residents' Panel",
                "intro":
                    "Around four times a year we invite a group of panel members, picked at random so they reflect the borough, to spend a day "
                    + "working through a question with us. Expenses are paid and members get a £50 thank-you for each day.",
                "max_per_household": "2", "open": "true",
            ]), user: user, on: db)

        // The address list: 50 households in each ward, in street order.
        var csv = "uprn,address,postcode\n"
        for (w, ward) in wards.enumerated() {
            for n in 0..<50 {
                let street = streets[(w + n) % streets.count]
                csv += "\(100_000_000 + w * 1000 + n),\(n + 1) \(street) \(ward.name),HS\(w + 1) \(1 + n % 9)A\(["B", "D", "E", "F"][n % 4])\n"
            }
        }
        _ = try await PanelLetterService.importAddresses(panel, csv: csv, user: user, on: db)
        _ = try await PanelLetterService.draw(panel, Input(values: ["count": "150", "seed": "2026"]), user: user, on: db)
        let drawn = try await PanelHousehold.query(on: db).filter(\.$panelID == panel.id!).filter(\.$lotteryID != nil).sort(\.$position).all()

        // Members: a skewed pool, as volunteers are. A third came through a letter (their household's code).
        var rng = SeededRandom(state: 0x9A_2E15)
        func pick(_ options: [String], _ weights: [Int]) -> String {
            var r = rng.int(0...(weights.reduce(0, +) - 1))
            for (o, w) in zip(options, weights) {
                if r < w { return o }
                r -= w
            }
            return options[0]
        }
        let now = Date()
        for i in 0..<180 {
            var profile: [String: String] = [:]
            profile["age_band"] = pick(PanelProfileQuestions.ageBand.options, [8, 14, 18, 22, 26, 28, 16, 2])
            profile["sex"] = pick(PanelProfileQuestions.sex.options, [58, 40, 2])
            profile["ethnic_group"] = pick(PanelProfileQuestions.ethnicGroup.options, [14, 6, 4, 70, 3, 3])
            profile["disability"] = pick(PanelProfileQuestions.disability.options, [8, 12, 76, 4])
            let m = PanelMember()
            m.panelID = panel.id!
            m.name = "Panel member \(i + 1)"
            m.contact = "panel\(i + 1)@residents.example"
            m.answers = profile
            m.channel = i % 5 == 0 ? ConsentChannel.paper.rawValue : ConsentChannel.phone.rawValue
            m.consentWording = Catalogue.text("panels.consent.v1", .english)
            m.addedByName = user.actor.name
            if i % 3 == 0, i / 3 < drawn.count {
                m.householdID = drawn[i / 3].id
                m.placeID = wards[(drawn[i / 3].position / 50) % wards.count].id
            } else {
                m.placeID = wards[rng.int(0...(wards.count - 1))].id
            }
            m.createdAt = now.addingTimeInterval(Double(i - 400) * 86_400)
            m.updatedAt = m.createdAt
            try await m.create(on: db)
        }

        // Last spring's assembly: published, then drawn.
        let assembly = try await PanelSelectionService.create(
            panel,
            Input(values: [
                "title": "Harbourside Transport Assembly", "panel_size": "24", "algorithm": PanelAlgorithm.leximin.rawValue,
                "targets": "sex,female,11,13\nsex,male,11,13\nage_band,16_24,2,5\nage_band,75_plus,1,4", "ward_targets": "true",
            ]), user: user, on: db)
        try await PanelSelectionService.publish(panel, assembly, user: user, on: db)
        try await PanelSelectionService.draw(panel, assembly, Input(values: ["seed": "20260301"]), user: user, mail: mail, on: db)

        _ = try await PanelSelectionService.create(
            panel,
            Input(values: [
                "title": "Young people's panel on youth services", "panel_size": "30", "algorithm": PanelAlgorithm.maximin.rawValue,
                // More young people than the panel has: the page names this target and how far to lower it.
                "targets": "age_band,16_24,20,30\nsex,female,14,16\nsex,male,14,16",
            ]), user: user, on: db)
    }
}
