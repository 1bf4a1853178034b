import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Volunteering offers through HTTP: the council offers volunteering days (bad input named, nothing saved); the
/// offer's page suggests the groups it suits and the group's page the offer; the NHS requests it for a group; only the
/// council agrees and records what was given, only the NHS withdraws; a given request is final; the list and its CSV
/// add up what was given, hostile text inert. Run on SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct DirectoryOfferHTTPTests {
    typealias D = DirectoryHTTPTests

    @Test func aPartnerOffersDaysAnotherRequestsThemForAGroupAndWhatWasGivenIsRecorded() async throws {
        try await TestApp.run { app, f in
            let w = try await D.world(app)
            let officer = try await D.staff(app, f.officer)
            try await D.add(
                officer, .group,
                [
                    ("name", D.hostile), ("summary", "Parks"), ("category", "charity"), ("place_ids", w.harbour.uuidString),
                    ("theme_ids", w.theme.uuidString),
                ])
            let group = try #require(try await DirectoryEntry.query(on: app.db).first())

            _ = try await officer.get(SiteURL.Directory.newOffer)
            let bad = try await officer.post(
                SiteURL.Directory.newOffer,
                pairs: [("kind", "gold"), ("title", ""), ("description", ""), ("amount", "-3"), ("available_from", "2026-13-40")])
            #expect(bad.status == .badRequest)
            for field in ["kind", "title", "description", "amount", "place_ids", "available_from"] {
                #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) named")
            }
            #expect(try await DirectoryOffer.query(on: app.db).count() == 0)
            let made = try await officer.post(
                SiteURL.Directory.newOffer,
                pairs: [
                    ("kind", "volunteering_days"), ("title", "Council staff volunteering days"), ("description", "Up to 10 days a year"),
                    ("amount", "10"), ("place_ids", w.harbour.uuidString), ("theme_ids", w.theme.uuidString),
                ])
            #expect(made.status == .seeOther)
            let offer = try #require(try await DirectoryOffer.query(on: app.db).first()).id!
            let offerPage = try await officer.get(SiteURL.Directory.offer(offer)).body.string
            let suits = try #require(offerPage.range(of: "id=\"offer-suits\"")).upperBound
            #expect(offerPage[suits...].prefix(400).contains("Ann &quot;") || offerPage[suits...].prefix(400).contains("Ann \""))
            #expect(!offerPage.contains("<>"), "hostile text escaped")
            #expect(try await officer.get(SiteURL.Directory.entry(group.id!)).body.string.contains("Council staff volunteering days"))

            // The NHS asks for it on the group's behalf; bad input first.
            let nhs = try await D.staff(app, try await D.nhsOfficer(app, f))
            _ = try await nhs.get(SiteURL.Directory.offer(offer))
            let badRequest = try await nhs.post(SiteURL.Directory.offerRequests(offer), pairs: [("entry_id", UUID().uuidString), ("purpose", "")])
            #expect(badRequest.status == .badRequest)
            #expect(badRequest.body.string.contains("Choose a group from the directory"))
            #expect(try await DirectoryOfferRequest.query(on: app.db).count() == 0)
            #expect(
                try await nhs.post(
                    SiteURL.Directory.offerRequests(offer),
                    pairs: [("entry_id", group.id!.uuidString), ("purpose", "Clear the pond"), ("amount", "3")]
                ).status == .seeOther)
            let request = try #require(try await DirectoryOfferRequest.query(on: app.db).first()).id!

            // Only the council answers; nothing is given before it is agreed.
            #expect(try await nhs.post(SiteURL.Directory.offerRequestAction(request, "agree"), pairs: []).status == .forbidden)
            #expect(try await officer.post(SiteURL.Directory.offerRequestAction(request, "give"), pairs: [("given_amount", "3")]).status == .conflict)
            #expect(try await officer.post(SiteURL.Directory.offerRequestAction(request, "agree"), pairs: []).status == .seeOther)
            let noAmount = try await officer.post(SiteURL.Directory.offerRequestAction(request, "give"), pairs: [("given_amount", "")])
            #expect(noAmount.status == .badRequest && noAmount.body.string.contains("Enter how much was given"))
            #expect(
                try await officer.post(
                    SiteURL.Directory.offerRequestAction(request, "give"), pairs: [("given_amount", "3"), ("note", "=HYPERLINK(\"x\")")]
                )
                .status == .seeOther)
            #expect(try await nhs.post(SiteURL.Directory.offerRequestAction(request, "withdraw"), pairs: []).status == .conflict, "given is final")
            #expect(try await officer.post(SiteURL.Directory.offerRequestAction(request, "dance"), pairs: []).status == .notFound)

            let list = try await officer.get(SiteURL.Directory.offers).body.string
            #expect(list.contains("Given so far: 3 volunteering days."))
            let csv = try await officer.get(SiteURL.Directory.offersCSV).body.string
            #expect(csv.contains("volunteering_days,days,") && csv.contains(",given,3,"))
            #expect(csv.contains("'=HYPERLINK") && !csv.contains(",=HYPERLINK"), "formula cells neutralised")
            let history = try await AuditEvent.query(on: app.db).filter(\.$entity == DirectoryOffers.entity).count()
            #expect(history >= 4)

            // Closed to new requests.
            #expect(try await officer.post(SiteURL.Directory.offerOpen(offer), pairs: [("open", "false")]).status == .seeOther)
            let closed = try await nhs.post(
                SiteURL.Directory.offerRequests(offer), pairs: [("entry_id", group.id!.uuidString), ("purpose", "Again")])
            #expect(closed.status == .badRequest && closed.body.string.contains("closed to new requests"))
        }
    }
}
