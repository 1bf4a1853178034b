import Foundation
import Testing
import VaporTesting
import Fluent
import SQLKit
@testable import Chorus
import ChorusCore

/// "My data": a resident's profile, equality answers, consents and email updates; the download holds every record
/// of theirs across features and nobody else's; deleting removes or anonymises each, derived data included.
@Suite struct ResidentDataHTTPTests {
    struct World {
        let quayside: UUID
        let parks: UUID
    }

    func world(_ app: Application) async throws -> World {
        let p = Place()
        p.code = "E05099001"; p.name = "Quayside"; p.kind = PlaceKind.ward.rawValue; p.postcodeDistricts = "HS1"
        try await p.create(on: app.db)
        let t = Theme()
        t.name = "Parks"
        try await t.create(on: app.db)
        return World(quayside: p.id!, parks: t.id!)
    }

    /// A resident with a record of every kind this stage has: profile, equality answers (and their consent), an email
    /// update (and its consent), an insight recorded with their address, the emails sent to them.
    func fullResident(_ app: Application, _ f: Fixture, _ w: World, _ email: String, name: String) async throws -> Browser {
        let b = Browser(app)
        try await Residents.signIn(app, b, email)
        _ = try await b.get(SiteURL.Residents.profile)
        let saved = try await b.post(SiteURL.Residents.profile, ["display_name": name, "postcode": "hs1 2ab", "language": "en"])
        #expect(saved.status == .seeOther)
        _ = try await b.get(SiteURL.Residents.equality)
        let eq = try await b.post(SiteURL.Residents.equality, ["age_band": "35_39", "ethnic_group": "asian_pakistani", "consent": "yes"])
        #expect(eq.status == .seeOther)
        _ = try await b.get(SiteURL.Residents.account)
        let follow = try await b.post(SiteURL.Residents.follow, ["ward": "E05099001", "theme": w.parks.uuidString])
        #expect(follow.status == .seeOther)
        try await Residents.insight(app, org: f.councilID, text: "\(name) says the park gates shut too early", email: email)
        return b
    }

    @Test func theProfileKeepsOnlyThePostcodeSectorAndWardAndNamesBadFields() async throws {
        try await TestApp.run { app, _ in
            _ = try await world(app)
            let b = Browser(app)
            try await Residents.signIn(app, b, "pat@example.org")
            _ = try await b.get(SiteURL.Residents.profile)
            let bad = try await b.post(
                SiteURL.Residents.profile, ["display_name": "Pat\r\nBcc: x@evil.test", "postcode": "ZZ9 9ZZ", "language": "en"])
            #expect(bad.status.code == 400)
            for field in ["display_name", "postcode"] {
                #expect(bad.body.string.contains("href=\"#f-\(field.replacingOccurrences(of: "_", with: "-"))\""))
            }
            let r0 = try await Residents.resident(app, "pat@example.org")
            #expect(r0.displayName == nil && r0.postcodeSector == nil, "nothing half-saved")

            let hostile = "Pat \"'<script>alert(1)</script> =SUM(A1)"
            let ok = try await b.post(SiteURL.Residents.profile, ["display_name": hostile, "postcode": "HS1 2AB", "language": "ur"])
            #expect(ok.status == .seeOther)
            let r = try await Residents.resident(app, "pat@example.org")
            #expect(r.postcodeSector == "HS1 2" && r.$place.id != nil && r.language == "ur")
            let page = try await b.get(SiteURL.Residents.account).body.string
            #expect(!page.contains("<script>alert(1)") && page.contains("&lt;script&gt;"))
            #expect(page.contains("lang=\"ur\""), "the account's language is the interface's")
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entity == ResidentAccountService.entity).all()
            #expect(
                !audit.contains { ($0.before ?? "").contains("Pat") || ($0.after ?? "").contains("Pat") || $0.label.contains("Pat") },
                "the audit log keeps which fields changed, never the values")
        }
    }

    @Test func equalityAnswersNeedConsentAndWithdrawingDeletesThem() async throws {
        try await TestApp.run { app, _ in
            let b = Browser(app)
            try await Residents.signIn(app, b, "eq@example.org")
            _ = try await b.get(SiteURL.Residents.equality)
            let noConsent = try await b.post(SiteURL.Residents.equality, ["sex": "female"])
            #expect(noConsent.status.code == 400 && noConsent.body.string.contains("href=\"#f-consent\""))
            let invented = try await b.post(SiteURL.Residents.equality, ["sex": "robot", "consent": "yes"])
            #expect(invented.status.code == 400 && invented.body.string.contains("href=\"#f-sex\""))
            #expect(try await ResidentEquality.query(on: app.db).count() == 0)
            #expect(try await ConsentRecord.query(on: app.db).count() == 0)

            _ = try await b.post(SiteURL.Residents.equality, ["sex": "female", "religion": "prefer_not_to_say", "consent": "yes"])
            let consent = try #require(try await ConsentRecord.query(on: app.db).first())
            #expect(consent.purpose == "equality_monitoring" && consent.version == 1 && consent.channel == "web")
            #expect(consent.wording == Catalogue.text("consent.equality_monitoring.v1", .english), "the exact words shown are kept")
            // In Urdu, the Urdu words are what was shown, so they are what is kept.
            _ = try await b.get(SiteURL.language("ur", back: "/"))
            _ = try await b.post(SiteURL.Residents.equality, ["sex": "male", "consent": "yes"])
            #expect(try await ConsentRecord.query(on: app.db).count() == 1, "the same consent, still live, is not recorded twice")

            let page = try await b.get(SiteURL.Residents.account)
            #expect(page.body.string.contains(consent.wording) || page.body.string.contains("مساوات"))
            _ = try await b.post(SiteURL.Residents.withdraw(consent.id!), [:])
            #expect(try await ResidentEquality.query(on: app.db).count() == 0, "withdrawing deletes the answers")
            #expect(try await ConsentRecord.find(consent.id, on: app.db)?.withdrawnAt != nil, "the withdrawal is kept as evidence")
        }
    }

    @Test func theDownloadHoldsEveryRecordOfTheirsAndNothingOfAnyoneElses() async throws {
        try await TestApp.run { app, f in
            let w = try await world(app)
            let ann = try await fullResident(app, f, w, "ann@example.org", name: "Ann")
            _ = try await fullResident(app, f, w, "bob@example.org", name: "Bob")
            let res = try await ann.get(SiteURL.Residents.download)
            #expect(res.status == .ok && res.headers.contentType == .zip)
            #expect(res.headers.first(name: .contentDisposition)?.contains("my-data-R-") == true)
            let files = Residents.unzip(Array(res.body.readableBytesView))
            #expect(Set(files.keys) == ["my-data/data.json", "my-data/data.html"])
            let json = String(decoding: try #require(files["my-data/data.json"]), as: UTF8.self)
            let doc = try JSONDecoder().decode(ResidentExport.Document.self, from: Data(json.utf8))
            let kinds = Set(doc.records.map(\.kind))
            #expect(
                kinds.isSuperset(of: [
                    "account", "sign_in_codes", "equality_answers", "consent_records", "subscriptions", "outbox_addresses", "insight_contacts",
                ]))
            #expect(doc.records.filter { $0.kind == "consent_records" }.count == 2)
            #expect(json.contains("Ann says the park gates") && json.contains("Quayside"))
            #expect(!json.contains("bob@example.org") && !json.contains("Bob"), "nothing of anyone else's")
            let html = String(decoding: try #require(files["my-data/data.html"]), as: UTF8.self)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Ann says the park gates") && !html.contains("Bob"))

            // Another resident's consent or follow cannot be touched by URL.
            let bob = try await Residents.resident(app, "bob@example.org")
            let bobsConsent = try #require(try await ConsentRecord.query(on: app.db).filter(\.$resident.$id == bob.id!).first())
            _ = try await ann.get(SiteURL.Residents.account)
            #expect(try await ann.post(SiteURL.Residents.withdraw(bobsConsent.id!), [:]).status == .notFound)
            let bobsFollow = try #require(try await UpdateSubscription.query(on: app.db).filter(\.$email == "bob@example.org").first())
            #expect(try await ann.post(SiteURL.Residents.stopFollow(bobsFollow.id!), [:]).status == .notFound)
            #expect(try await UpdateSubscription.find(bobsFollow.id, on: app.db) != nil)
        }
    }

    @Test func deletingKeepsContributionsWithoutTheirNameUnlessAskedAndRemovesEverythingElse() async throws {
        try await TestApp.run { app, f in
            let w = try await world(app)
            let ann = try await fullResident(app, f, w, "ann@example.org", name: "Ann")
            let bob = try await fullResident(app, f, w, "bob@example.org", name: "Bob")
            let annID = try await Residents.resident(app, "ann@example.org").id!
            let page = try await ann.get(SiteURL.Residents.delete)
            #expect(page.body.string.contains("kept without your name"))
            let unconfirmed = try await ann.post(SiteURL.Residents.delete, [:])
            #expect(unconfirmed.status.code == 400 && unconfirmed.body.string.contains("href=\"#f-confirm\""))
            #expect(try await Resident.find(annID, on: app.db) != nil)

            let done = try await ann.post(SiteURL.Residents.delete, ["confirm": "yes"])
            #expect(done.status == .ok && done.body.string.contains("kept without your name"))
            #expect(try await Resident.find(annID, on: app.db) == nil)
            #expect(try await ResidentSession.query(on: app.db).filter(\.$resident.$id == annID).count() == 0)
            #expect(try await ResidentEquality.query(on: app.db).filter(\.$resident.$id == annID).count() == 0)
            #expect(try await ConsentRecord.query(on: app.db).filter(\.$resident.$id == annID).count() == 0)
            #expect(try await UpdateSubscription.query(on: app.db).filter(\.$email == "ann@example.org").count() == 0)
            #expect(try await OutboxEmail.query(on: app.db).filter(\.$toAddress == "ann@example.org").count() == 0)
            #expect(try await ResidentSignInCode.query(on: app.db).filter(\.$email == "ann@example.org").count() == 0)
            let kept = try #require(try await Insight.query(on: app.db).filter(\.$text ~~ "Ann says").first())
            #expect(kept.contactEmail == nil && kept.originalText == nil && !kept.feedbackOptIn, "what she said stays, without her address")
            #expect(try await ann.get(SiteURL.Residents.account).status == .seeOther, "signed out")
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entity == ResidentAccountService.entity).filter(\.$action == "delete").all()
            #expect(audit.count == 1 && !audit[0].label.contains("ann@"))

            // Bob asks for his contributions to go too: his insight goes with what was derived from it.
            let bobInsight = try #require(try await Insight.query(on: app.db).filter(\.$contactEmail == "bob@example.org").first()).id!
            try await derived(app, f, insight: bobInsight)
            _ = try await bob.get(SiteURL.Residents.delete)
            _ = try await bob.post(SiteURL.Residents.delete, ["confirm": "yes", "contributions": "remove"])
            #expect(try await Insight.find(bobInsight, on: app.db) == nil)
            #expect(try await ThemeMember.query(on: app.db).filter(\.$insight.$id == bobInsight).count() == 0)
            #expect(try await InsightTheme.query(on: app.db).filter(\.$insight.$id == bobInsight).count() == 0)
            let sql = try #require(app.db as? any SQLDatabase)
            let embeddings = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(InsightEmbeddings.schema)
                .where("insight_id", .equal, SQLBind(bobInsight)).first(decoding: Count.self)
            #expect(embeddings?.n == 0)
            let theme = try #require(try await DiscoveredTheme.query(on: app.db).first())
            #expect(theme.size == 1 && !theme.representativeIDs.contains(bobInsight.uuidString), "the theme no longer counts or quotes him")
            #expect(try await Insight.query(on: app.db).filter(\.$text ~~ "Ann says").count() == 1, "Ann's stays")
            // Search no longer finds it (SQLite's full-text index follows the table; PostgreSQL's is in the row).
            let staff = try await Browser.signedIn(app, f.admin)
            let found = try await staff.get(SiteURL.Insights.list + "?q=gates").body.string
            #expect(found.contains("Ann says the park gates") && !found.contains("Bob says the park gates"))
        }
    }

    struct Count: Decodable { let n: Int }

    /// What analysis derives from an insight: a run whose theme counts and quotes it, an embedding, a theme tag.
    func derived(_ app: Application, _ f: Fixture, insight: UUID) async throws {
        let other = try await Residents.insight(app, org: f.councilID, text: "Another view on parks", email: nil)
        let run = AnalysisRun()
        run.$organisation.id = f.councilID; run.title = "Parks"; run.status = "done"; run.scopeQuery = ""; run.seed = 1; run.progress = 1
        run.insightCount = 2; run.unassignedCount = 0; run.privateToOrganisation = true
        try await run.create(on: app.db)
        let theme = DiscoveredTheme()
        theme.$run.id = run.id!; theme.position = 0; theme.label = "parks"; theme.keyPhrases = "parks"; theme.size = 2; theme.people = 2
        theme.positive = 0; theme.neutral = 2; theme.negative = 0; theme.meanSentiment = 0
        theme.representativeIDs = [insight, other].map(\.uuidString).joined(separator: ","); theme.signature = "{}"; theme.pinned = false
        try await theme.create(on: app.db)
        for i in [insight, other] {
            let m = ThemeMember()
            m.runID = run.id!; m.$theme.id = theme.id!; m.$insight.id = i
            try await m.create(on: app.db)
        }
        let tag = InsightTheme()
        tag.$insight.id = insight; tag.$theme.id = try #require(try await Theme.query(on: app.db).first()).id!
        try await tag.create(on: app.db)
        let sql = try #require(app.db as? any SQLDatabase)
        try await sql.insert(into: InsightEmbeddings.schema).columns("insight_id", "model", "text_hash", "vector", "embedded_at")
            .values(SQLBind(insight), SQLBind("test"), SQLBind("x"), SQLBind(Data([1, 2])), SQLBind(Date())).run()
    }
}
