import Fluent
import Foundation
import Testing
import VaporTesting

@testable import Chorus
import ChorusCore

/// The residents' front door (`/`) and email updates, through HTTP as a resident with no account.
@Suite struct FrontDoorHTTPTests {
    struct Borough {
        let quayside: UUID, oldTown: UUID
        let transport: UUID, buses: UUID, parks: UUID
    }

    func borough(_ app: Application) async throws -> Borough {
        func place(_ code: String, _ name: String, _ districts: String) async throws -> UUID {
            let p = Place()
            p.code = code; p.name = name; p.kind = PlaceKind.ward.rawValue; p.postcodeDistricts = districts
            try await p.create(on: app.db)
            return p.id!
        }
        func theme(_ name: String, parent: UUID? = nil) async throws -> UUID {
            let t = Theme()
            t.name = name; t.$parent.id = parent
            try await t.create(on: app.db)
            return t.id!
        }
        let transport = try await theme("Transport")
        return Borough(
            quayside: try await place("E05099001", "Quayside", "HS1"), oldTown: try await place("E05099002", "Old Town", "HS2"),
            transport: transport, buses: try await theme("Buses", parent: transport), parks: try await theme("Parks"))
    }

    @discardableResult
    func activity(
        _ app: Application, _ f: Fixture, _ title: String, wards: [UUID], themes: [UUID], start: Int, end: Int?, isPublic: Bool = true,
        status: ActivityStatus = .open
    ) async throws -> UUID {
        let a = Activity()
        let today = Day(Date()).ordinal
        a.title = title; a.purpose = "p"; a.$organisation.id = f.councilID; a.boroughWide = wards.isEmpty; a.methods = ",survey,"
        a.ladderLevel = "consult"; a.status = status.rawValue; a.startDay = today + start; a.endDay = end.map { today + $0 }
        a.isPublic = isPublic; a.publicSummary = "Summary of \(title)"
        try await a.create(on: app.db)
        for w in wards {
            let l = ActivityPlace()
            l.$activity.id = a.id!; l.$place.id = w
            try await l.create(on: app.db)
        }
        for t in themes {
            let l = ActivityTheme()
            l.$activity.id = a.id!; l.$theme.id = t
            try await l.create(on: app.db)
        }
        return a.id!
    }

    @discardableResult
    func publishedReport(_ app: Application, activity: UUID, title: String, daysAgo: Int = 0) async throws -> UUID {
        let r = FeedbackReport()
        r.$activity.id = activity; r.title = title; r.whatWeAsked = "a"; r.whatYouSaid = "s"; r.whatWeDid = "d"
        r.status = FeedbackStatus.published.rawValue; r.publishedDay = Day(Date()).ordinal - daysAgo
        try await r.create(on: app.db)
        return r.id!
    }

    @Test func aResidentFindsTheirWardByPostcodeAndSeesWhatIsOpenThereFirst() async throws {
        try await TestApp.run { app, f in
            let b = try await borough(app)
            try await activity(app, f, "Later: bus timetable drop-in", wards: [b.quayside], themes: [b.buses], start: 10, end: 10)
            try await activity(app, f, "Open: park survey", wards: [b.quayside], themes: [b.parks], start: -3, end: 20)
            try await activity(app, f, "Elsewhere: Old Town walk", wards: [b.oldTown], themes: [b.parks], start: -1, end: 5)
            try await activity(app, f, "Private: staff only", wards: [b.quayside], themes: [], start: -1, end: 5, isPublic: false)
            let closed = try await activity(app, f, "Closed: bins", wards: [b.quayside], themes: [], start: -60, end: -30, status: .closed)
            try await publishedReport(app, activity: closed, title: "What you said about bins")

            let first = try await Browser(app).get("/")
            #expect(first.status == .ok)
            let page = first.body.string
            #expect(page.contains("Find your ward") && page.contains("name=\"postcode\"") && page.contains("href=\"/?ward=E05099001\""))
            #expect(page.contains("Staff sign in"), "staff can still find the way in")
            #expect(page.contains("action=\"/updates\""), "the email updates form")
            #expect(page.contains("/whats-on/borough.ics"), "the borough calendar")

            let ward = try await Browser(app).get("/?postcode=hs1%202ab").body.string
            #expect(ward.contains("Showing Quayside."))
            #expect(ward.contains("What's happening in Quayside"))
            let open = try #require(ward.range(of: "Open: park survey")), later = try #require(ward.range(of: "Later: bus timetable drop-in"))
            #expect(open.lowerBound < later.lowerBound, "open now comes before what starts later")
            #expect(ward.contains("Open now, closes "), "with its closing date")
            #expect(ward.contains("Starts "))
            #expect(!ward.contains("Elsewhere: Old Town walk") && !ward.contains("Private: staff only") && !ward.contains("Closed: bins"))
            #expect(ward.contains("What you said about bins"), "the latest report for the ward")
            #expect(ward.contains("href=\"/whats-on/E05099001.ics\""), "the ward's calendar")
            #expect(ward.contains("<option selected value=\"E05099001\">"), "updates default to the ward")
        }
    }

    @Test func aPostcodeOutsideTheBoroughOrNonsenseNamesTheFieldInTheResidentsLanguage() async throws {
        try await TestApp.run { app, _ in
            _ = try await borough(app)
            let outside = try await Browser(app).get("/?postcode=ZZ9%209ZZ")
            #expect(outside.status.code == 400)
            #expect(outside.body.string.contains("We could not find a ward for ZZ9") && outside.body.string.contains("href=\"#f-postcode\""))
            let nonsense = try await Browser(app).get("/?postcode=%22%3E%3Cscript%3E")
            #expect(nonsense.status.code == 400 && nonsense.body.string.contains("Enter a real postcode"))
            #expect(!nonsense.body.string.contains("<script>"), "what was typed is escaped")
            let urdu = try await Browser(app).get("/?ward=E05000000", headers: [("Accept-Language", "ur")])
            #expect(urdu.status.code == 400 && urdu.body.string.contains("فہرست میں سے ایک وارڈ منتخب کریں"))
            #expect(urdu.body.string.contains("اپنا وارڈ تلاش کریں"))
        }
    }

    @Test func emailUpdatesAreConfirmedByTheEmailedLinkBeforeAnythingElseIsSent() async throws {
        try await TestApp.run { app, _ in
            let b = try await borough(app)
            let resident = Browser(app)
            _ = try await resident.get("/")
            let bad = try await resident.post(SiteURL.Updates.subscribe, ["email": "not an email", "ward": "E0509", "theme": "nope"])
            #expect(bad.status.code == 400)
            for field in ["email", "ward", "theme"] { #expect(bad.body.string.contains("href=\"#f-\(field)\"")) }
            #expect(try await UpdateSubscription.query(on: app.db).count() == 0)
            #expect(try await OutboxEmail.query(on: app.db).count() == 0)

            let ok = try await resident.post(
                SiteURL.Updates.subscribe, ["email": " Resident@Example.org ", "ward": "E05099001", "theme": b.transport.uuidString])
            #expect(ok.status == .ok && ok.body.string.contains("Check your email"))
            let mail = try #require(try await OutboxEmail.query(on: app.db).first())
            #expect(mail.toAddress == "resident@example.org" && mail.kind == SubscriptionService.confirmKind)
            #expect(mail.body.contains("Transport in Quayside"))
            // Asking again at once sends no second email, and the page says the same thing.
            let again = try await resident.post(
                SiteURL.Updates.subscribe, ["email": "resident@example.org", "ward": "E05099001", "theme": b.transport.uuidString])
            #expect(again.body.string.contains("Check your email"))
            #expect(try await OutboxEmail.query(on: app.db).count() == 1)

            let link = try #require(mail.body.split(separator: "\n").first { $0.contains("/updates/confirm/") }).trimmingCharacters(in: .whitespaces)
            let path = String(link[try #require(link.range(of: "/updates/confirm/")).lowerBound...])
            let forged = try await Browser(app).get(path.dropLast(3) + "abc")
            #expect(forged.status == .notFound && forged.body.string.contains("This link does not work"))
            let page = try await Browser(app).get(path)
            #expect(page.body.string.contains("Start my updates") && page.body.string.contains("Transport in Quayside"))
            #expect(try await UpdateSubscription.query(on: app.db).first()?.confirmedAt == nil, "opening the link (a mail scanner) confirms nothing")
            let done = try await Browser(app).post(path, [:], csrf: false)
            #expect(done.status == .ok && done.body.string.contains("You will get email updates"))
            #expect(try await UpdateSubscription.query(on: app.db).first()?.confirmedAt != nil)
        }
    }

    @Test func followersHearOnceOfNewReportsAndActivitiesInTheirWardAndUnderTheirTheme() async throws {
        try await TestApp.run { app, f in
            let b = try await borough(app)
            let mail = MailContext(baseURL: "http://chorus.test", secret: app.sessionSecret)
            func follower(_ email: String, ward: UUID?, theme: UUID?, language: String = "en", confirmed: Bool = true) async throws {
                let s = UpdateSubscription()
                s.email = email; s.placeID = ward; s.themeID = theme; s.language = language; s.confirmedAt = confirmed ? Date() : nil
                try await s.create(on: app.db)
            }
            try await follower("quayside@example.org", ward: b.quayside, theme: nil)
            try await follower("transport@example.org", ward: nil, theme: b.transport, language: "ur")
            try await follower("oldtown@example.org", ward: b.oldTown, theme: nil)
            try await follower("pending@example.org", ward: nil, theme: nil, confirmed: false)
            try await follower("both@example.org", ward: b.quayside, theme: nil)
            try await follower("both@example.org", ward: nil, theme: b.buses)

            let busTitle = "Bus \"stops\" <review>\r\nBcc: x@evil.test"
            try await activity(app, f, busTitle, wards: [b.quayside], themes: [b.buses], start: 1, end: 30)
            try await activity(app, f, "Old private plan", wards: [b.quayside], themes: [b.buses], start: 1, end: 30, isPublic: false)
            #expect(try await UpdateAnnouncer.announce(app.db, now: Date(), mail: mail) == 3)
            let emails = try await OutboxEmail.query(on: app.db).all()
            #expect(Set(emails.map(\.toAddress)) == ["quayside@example.org", "transport@example.org", "both@example.org"])
            let urdu = try #require(emails.first { $0.toAddress == "transport@example.org" })
            #expect(urdu.subject.hasPrefix("اپنی رائے دیں"), "in the language they asked in")
            #expect(urdu.body.contains("Transport"), "the footer says what they follow")
            let raw = EmailMessage.rfc5322(
                OutgoingEmail(id: UUID(), to: urdu.toAddress, subject: urdu.subject, body: urdu.body, unsubscribeURL: urdu.unsubscribeURL),
                from: "chorus@test", date: Date())
            let headers = String(raw[..<(raw.range(of: "\r\n\r\n")?.lowerBound ?? raw.endIndex)])
            #expect(!headers.contains("Bcc:"), "a title cannot add a header")
            // A second sweep (or a second server) announces nothing again.
            #expect(try await UpdateAnnouncer.announce(app.db, now: Date(), mail: mail) == 0)

            let closed = try await activity(app, f, "Parks plan", wards: [b.oldTown], themes: [b.parks], start: -40, end: -20, status: .closed)
            try await publishedReport(app, activity: closed, title: "You said, we did: parks")
            let older = try await activity(app, f, "Old plan", wards: [b.oldTown], themes: [b.parks], start: -90, end: -60, status: .closed)
            try await publishedReport(app, activity: older, title: "Too old to announce", daysAgo: 30)
            #expect(try await UpdateAnnouncer.announce(app.db, now: Date(), mail: mail) == 1)
            #expect(
                try await OutboxEmail.query(on: app.db).filter(\.$kind == UpdateAnnouncer.reportKind).all().map(\.toAddress) == [
                    "oldtown@example.org"
                ])

            // Unsubscribing (the link in every email) ends every subscription of the address at the next sweep.
            try await OutboxService.unsubscribe("both@example.org", on: app.db)
            await app.jobSweep.tick(app)
            #expect(try await UpdateSubscription.query(on: app.db).filter(\.$email == "both@example.org").count() == 0)
            #expect(try await UpdateSubscription.query(on: app.db).filter(\.$email == "quayside@example.org").count() == 1)
        }
    }
}
