import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Wards, themes and audiences for register tests.
struct RegisterWorld {
    let quayside: UUID, oldTown: UUID, climate: UUID, parks: UUID, young: UUID, older: UUID

    static func make(_ app: Application) async throws -> RegisterWorld {
        func place(_ code: String, _ name: String, _ pop: Int, _ districts: String) async throws -> UUID {
            let p = Place()
            p.code = code; p.name = name; p.kind = "ward"; p.population = pop; p.postcodeDistricts = districts
            try await p.create(on: app.db)
            return p.id!
        }
        func theme(_ name: String) async throws -> UUID { let t = Theme(); t.name = name; try await t.create(on: app.db); return t.id! }
        func audience(_ name: String) async throws -> UUID {
            let a = Audience(); a.name = name; a.kind = "identity"; try await a.create(on: app.db); return a.id!
        }
        return RegisterWorld(
            quayside: try await place("E05000001", "Quayside", 4000, "HS1"), oldTown: try await place("E05000002", "Old Town", 2000, "HS2, HS3"),
            climate: try await theme("Climate change"), parks: try await theme("Parks"),
            young: try await audience("Young people"), older: try await audience("Older people"))
    }
}

extension Browser {
    /// Submits the register form (repeated names for checkbox groups).
    func postActivity(_ path: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        var body = fields.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }
        body.append("_csrf=\(Browser.encode(csrf))")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body.joined(separator: "&")))
        return res
    }
}

@Suite struct RegisterHTTPTests {
    func activity(
        _ w: RegisterWorld, title: String, place: UUID?, theme: UUID, audience: UUID?, start: String, end: String,
        status: String = "planned", isPublic: Bool = true, org: UUID? = nil
    ) -> [(String, String)] {
        var f: [(String, String)] = [
            ("title", title), ("purpose", "To decide " + title), ("theme_ids", theme.uuidString), ("methods", "survey"),
            ("methods", "drop_in"), ("ladder_level", "consult"), ("status", status), ("starts_on", start), ("ends_on", end),
        ]
        if let place { f.append(("place_ids", place.uuidString)) } else { f.append(("borough_wide", "true")) }
        if let audience { f.append(("audience_ids", audience.uuidString)) }
        if isPublic { f.append(("is_public", "true")) }
        if let org { f.append(("organisation_id", org.uuidString)) }
        return f
    }

    @Test func anOfficerRegistersAnActivityAndSeesTheOverlapNamingTheOtherLead() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            try await officer.get("/activities/new")
            let first = try await officer.postActivity(
                "/activities",
                activity(
                    w, title: "Play parks survey", place: w.quayside, theme: w.parks,
                    audience: w.young, start: "2026-03-01", end: "2026-03-31"))
            #expect(first.status == .seeOther)
            let stored = try #require(try await Activity.query(on: app.db).first())
            #expect(stored.methodList == ["survey", "drop_in"] && stored.$organisation.id == f.councilID)

            // An admin registers a similar activity for the NHS trust two weeks later in the same ward.
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            try await admin.get("/activities/new")
            let second = try await admin.postActivity(
                "/activities",
                activity(
                    w, title: "Young people's green spaces", place: w.quayside, theme: w.parks,
                    audience: w.young, start: "2026-04-14", end: "2026-04-30", org: f.nhsID))
            #expect(second.status == .seeOther)
            let page = try await admin.get(second.headers.first(name: .location)!.components(separatedBy: "#")[0]).body.string
            #expect(page.contains("1 overlapping activity: join up"))
            #expect(page.contains("Play parks survey") && page.contains("officer@council.test") && page.contains("14 days apart"))

            // A different ward, or a date outside the window, is not an overlap.
            try await admin.get("/activities/new")
            let third = try await admin.postActivity(
                "/activities",
                activity(
                    w, title: "Old Town parks", place: w.oldTown, theme: w.parks,
                    audience: w.young, start: "2026-03-10", end: "2026-03-20"))
            let thirdPage = try await admin.get(third.headers.first(name: .location)!.components(separatedBy: "#")[0]).body.string
            #expect(thirdPage.contains("No other activity shares a place, theme and audience within 28 days"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity == "activity").filter(\.$action == "create").count() == 3)
        }
    }

    @Test func badDatesUnknownWardsAndMissingChoicesAreNamedAndNothingIsSaved() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            try await b.get("/activities/new")
            let res = try await b.postActivity(
                "/activities",
                [
                    ("title", "X"), ("purpose", "Y"), ("place_ids", UUID().uuidString),
                    ("ladder_level", "consult"), ("status", "planned"), ("starts_on", "2026-05-10"),
                    ("ends_on", "2026-05-01"), ("expected_reach", "-5"),
                ])
            #expect(res.status == .badRequest)
            let html = res.body.string
            for (anchor, text) in [
                ("#f-ends-on", "The end date must be the same as or after the start date"),
                ("#f-place-ids", "no longer exist"), ("#f-theme-ids", "Select at least one theme"),
                ("#f-methods", "Select at least one method"), ("#f-expected-reach", "Expected reach must be between"),
            ] {
                #expect(html.contains("href=\"\(anchor)\""), "\(anchor)")
                #expect(html.contains(text), "\(text)")
            }
            let bad = try await b.postActivity(
                "/activities",
                activity(
                    w, title: "Z", place: w.quayside, theme: w.parks, audience: nil,
                    start: "2026-02-30", end: ""))
            #expect(bad.status == .badRequest && bad.body.string.contains("Enter the start date as a real date"))
            #expect(try await Activity.query(on: app.db).count() == 0)
            #expect(try await ActivityPlace.query(on: app.db).count() == 0)
        }
    }

    @Test func officersEditOnlyTheirOwnOrganisationsActivitiesAndViewersOnlyRead() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            try await admin.get("/activities/new")
            let nhs = try await admin.postActivity(
                "/activities",
                activity(
                    w, title: "NHS listening", place: w.quayside, theme: w.climate,
                    audience: nil, start: "2026-01-01", end: "2026-01-31", org: f.nhsID))
            let id = String(nhs.headers.first(name: .location)!.dropFirst("/activities/".count).prefix(36))
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            #expect(try await officer.get("/activities/\(id)").status == .ok)
            #expect(try await officer.get("/activities/\(id)/edit").status == .forbidden)
            try await officer.get("/activities/new")
            #expect(
                try await officer.postActivity(
                    "/activities/\(id)",
                    activity(
                        w, title: "Hijack", place: w.quayside, theme: w.climate,
                        audience: nil, start: "2026-01-01", end: "2026-01-31")
                ).status == .forbidden)
            let forOther = try await officer.postActivity(
                "/activities",
                activity(
                    w, title: "For NHS", place: w.quayside, theme: w.climate,
                    audience: nil, start: "2026-01-01", end: "2026-01-31", org: f.nhsID))
            #expect(forOther.status == .badRequest && forOther.body.string.contains("You can only register activities for Test Council"))
            #expect(try await admin.get("/activities/\(id)/edit").status == .ok)
            let viewer = Browser(app)
            try await viewer.signIn(f.viewer)
            #expect(try await viewer.get("/activities").status == .ok)
            #expect(try await viewer.get("/activities/new").status == .forbidden)
            let api = try await APIClient.forUser(app, f.viewer)
            #expect(try await api.send(.POST, "/api/v1/activities", json: "{}").status == .forbidden)
        }
    }

    @Test func theListFiltersPaginatesAndExportsAndDraftsStayInTheirOrganisation() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            try await b.get("/activities/new")
            for i in 1...27 {
                try await b.postActivity(
                    "/activities",
                    activity(
                        w, title: String(format: "Climate %02d", i), place: i % 2 == 0 ? w.quayside : w.oldTown,
                        theme: w.climate, audience: nil, start: "2026-0\(1 + i % 9)-01", end: "2026-0\(1 + i % 9)-20"))
            }
            try await b.postActivity(
                "/activities",
                activity(
                    w, title: "Borough parks", place: nil, theme: w.parks, audience: nil,
                    start: "2026-06-01", end: "2026-06-30"))
            try await b.postActivity(
                "/activities",
                activity(
                    w, title: "Secret draft", place: w.quayside, theme: w.parks, audience: nil,
                    start: "2026-06-01", end: "2026-06-30", status: "draft"))
            let all = try await b.get("/activities").body.string
            #expect(all.contains("Showing 1 to 25 of 29"))
            let quayside = try await b.get("/activities?ward=\(w.quayside.uuidString)").body.string
            #expect(quayside.contains("of 15") && quayside.contains("Borough parks"), "13 in Quayside + the borough-wide one + the draft")
            let parks = try await b.get("/activities?theme=\(w.parks.uuidString)&status=planned").body.string
            #expect(parks.contains("Borough parks") && !parks.contains("Climate 01") && !parks.contains("Secret draft"))
            let june = try await b.get("/activities?from=2026-06-01&to=2026-06-30").body.string
            #expect(june.contains("Borough parks") && !june.contains("Climate 09"))
            #expect(try await b.get("/activities?from=June").status == .badRequest)
            let csv = try CSV.parse(try await b.get("/activities.csv?theme=\(w.parks.uuidString)").body.string)
            #expect(csv[0] == RegisterQueries.csvColumns && csv.count == 3)
            #expect(csv.contains { $0[1] == "Borough parks" && $0[6] == "yes" && $0[10] == "survey; drop_in" })
            // Another organisation does not see the draft anywhere.
            let viewer = Browser(app)
            try await viewer.signIn(f.viewer)
            #expect(!(try await viewer.get("/activities?q=secret").body.string.contains("Secret draft")))
            let draft = try await Activity.query(on: app.db).filter(\.$title == "Secret draft").first()!
            #expect(try await viewer.get("/activities/\(draft.id!.uuidString)").status == .notFound)
        }
    }

    @Test func residentsSeePublicActivitiesByWardOrPostcodeAndInCalendarFeeds() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            try await b.get("/activities/new")
            let today = Day(Date())
            let soon = today.adding(days: 10).description, later = today.adding(days: 40).description
            try await b.postActivity(
                "/activities", activity(w, title: "Open parks survey", place: w.quayside, theme: w.parks, audience: nil, start: soon, end: later))
            try await b.postActivity(
                "/activities",
                activity(
                    w, title: "Internal only", place: w.quayside, theme: w.parks, audience: nil,
                    start: soon, end: later, isPublic: false))
            try await b.postActivity(
                "/activities", activity(w, title: "Everyone's climate plan", place: nil, theme: w.climate, audience: nil, start: soon, end: later))
            let resident = Browser(app)
            let page = try await resident.get("/whats-on?postcode=hs1%204xy")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("What's happening in Quayside") && html.contains("Open parks survey") && html.contains("Everyone's climate plan"))
            #expect(!html.contains("Internal only") && !html.contains("officer@council.test"))
            #expect(try await resident.get("/whats-on?postcode=ZZ9").status == .badRequest)
            #expect(try await resident.get("/whats-on?postcode=not a postcode").body.string.contains("Enter a real postcode"))

            let ics = try await resident.get("/whats-on/E05000001.ics")
            #expect(ics.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            let lines = ICalendar.unfold(ics.body.string)
            #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
            let summaries = lines.filter { $0.hasPrefix("SUMMARY:") }
            #expect(Set(summaries) == ["SUMMARY:Open parks survey", "SUMMARY:Everyone's climate plan"])
            #expect(lines.contains("DTSTART;VALUE=DATE:" + soon.replacingOccurrences(of: "-", with: "")))
            #expect(lines.contains("DTEND;VALUE=DATE:" + today.adding(days: 41).description.replacingOccurrences(of: "-", with: "")))
            #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == lines.filter { $0.hasPrefix("UID:") }.count)
            let borough = ICalendar.unfold(try await resident.get("/whats-on/borough.ics").body.string)
            #expect(borough.filter { $0 == "BEGIN:VEVENT" }.count == 2)
            #expect(try await resident.get("/whats-on/E09999999.ics").status == .notFound)
        }
    }

    @Test func theAPIRegistersSearchesPatchesAndReportsOverlaps() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let api = try await APIClient.forUser(app, f.officer)
            let body =
                #"{"title":"API survey","purpose":"Test","place_ids":["\#(w.quayside.uuidString)"],"theme_ids":["\#(w.parks.uuidString)"],"methods":["survey"],"ladder_level":"involve","status":"planned","starts_on":"2026-09-01","ends_on":"2026-09-30"}"#
            let created = try await api.send(.POST, "/api/v1/activities", json: body)
            #expect(created.status == .created)
            let a = try api.object(created)
            #expect(a["place_ids"] as? [String] == [w.quayside.uuidString] && a["organisation_id"] as? String == f.councilID.uuidString)
            #expect(a["borough_wide"] as? Bool == false && a["ends_on"] as? String == "2026-09-30")
            let second = try api.object(
                try await api.send(.POST, "/api/v1/activities", json: body.replacingOccurrences(of: "API survey", with: "API twin")))
            let overlaps = try await api.send(.GET, "/api/v1/activities/\(second["id"] as! String)/overlaps")
            let list = try JSONSerialization.jsonObject(with: Data(overlaps.body.string.utf8)) as? [[String: Any]]
            #expect(list?.count == 1 && (list?.first?["activity"] as? [String: Any])?["title"] as? String == "API survey")
            let patched = try api.object(try await api.send(.PATCH, "/api/v1/activities/\(a["id"] as! String)", json: #"{"status":"open"}"#))
            #expect(patched["status"] as? String == "open" && patched["title"] as? String == "API survey")
            let bad = try await api.send(.POST, "/api/v1/activities", json: #"{"title":"X","place_ids":"\#(w.quayside.uuidString)"}"#)
            #expect(bad.status == .badRequest && bad.body.string.contains("place_ids must be an array of strings"))
            let search = try api.object(try await api.send(.GET, "/api/v1/activities?q=twin"))
            #expect(search["total"] as? Int == 1)
        }
    }

    @Test func overlapsFollowPlaceThemeAudienceAndWindowRulesClosestFirst() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let api = try await APIClient.forUser(app, f.admin)
            func create(
                _ title: String, places: [UUID], theme: UUID, audiences: [UUID], start: String, end: String,
                status: String = "planned"
            ) async throws -> String {
                let body: [String: Any] = [
                    "title": title, "purpose": "Test", "place_ids": places.map(\.uuidString), "borough_wide": places.isEmpty,
                    "theme_ids": [theme.uuidString], "audience_ids": audiences.map(\.uuidString), "methods": ["survey"],
                    "ladder_level": "consult", "status": status, "starts_on": start, "ends_on": end,
                ]
                let res = try await api.send(
                    .POST, "/api/v1/activities", json: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
                #expect(res.status == .created, "\(title): \(res.body.string)")
                return try api.object(res)["id"] as? String ?? ""
            }
            func overlaps(_ id: String, _ query: String = "") async throws -> [[String: Any]] {
                let res = try await api.send(.GET, "/api/v1/activities/\(id)/overlaps\(query)")
                return try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [[String: Any]] ?? []
            }
            func title(_ o: [String: Any]) -> String { (o["activity"] as? [String: Any])?["title"] as? String ?? "" }
            let a = try await create(
                "Quayside play parks", places: [w.quayside], theme: w.parks, audiences: [w.young], start: "2026-03-01", end: "2026-03-31")
            let borough = try await create("Borough parks", places: [], theme: w.parks, audiences: [], start: "2026-03-10", end: "2026-03-20")
            let oldTown = try await create(
                "Old Town parks", places: [w.oldTown], theme: w.parks, audiences: [w.young], start: "2026-03-01", end: "2026-03-31")
            let older = try await create(
                "Older people's parks", places: [w.quayside], theme: w.parks, audiences: [w.older], start: "2026-03-01", end: "2026-03-31")
            _ = try await create(
                "Quayside climate", places: [w.quayside], theme: w.climate, audiences: [w.young], start: "2026-03-01", end: "2026-03-31")
            _ = try await create(
                "Draft parks", places: [w.quayside], theme: w.parks, audiences: [w.young], start: "2026-03-01", end: "2026-03-31", status: "draft")
            _ = try await create("April parks", places: [w.quayside], theme: w.parks, audiences: [w.young], start: "2026-04-20", end: "2026-04-30")
            _ = try await create("May parks", places: [w.quayside], theme: w.parks, audiences: [w.young], start: "2026-04-30", end: "2026-05-31")

            // A ward activity: another ward, another audience, another theme, a draft and one 30 days later do not
            // overlap. Same place, theme and audience 20 days later ranks above borough-wide with no audience.
            let ofA = try await overlaps(a)
            #expect(ofA.map(title) == ["April parks", "Borough parks"])
            #expect(
                ofA.first?["gap_days"] as? Int == 20 && ofA.first?["days_concurrent"] as? Int == 0 && ofA.first?["borough_wide"] as? Bool == false)
            #expect(ofA.first?["shared_place_ids"] as? [String] == [w.quayside.uuidString])
            let viaBorough = try #require(ofA.last)
            #expect(viaBorough["borough_wide"] as? Bool == true && viaBorough["shared_place_ids"] as? [String] == [w.quayside.uuidString])
            #expect(viaBorough["shared_audience_ids"] as? [String] == [w.young.uuidString] && viaBorough["days_concurrent"] as? Int == 11)
            #expect(viaBorough["lead_email"] as? String == f.admin)

            // Borough-wide with no audience: every place and audience; equal scores are ordered by id.
            let ofBorough = try await overlaps(borough)
            #expect(Set(ofBorough.map(title)) == ["Quayside play parks", "Old Town parks", "Older people's parks"])
            let byID = [a, oldTown, older].sorted()
            #expect(ofBorough.map { ($0["activity"] as? [String: Any])?["id"] as? String ?? "" } == byID)
            #expect(
                try await overlaps(borough, "?limit=2").map { ($0["activity"] as? [String: Any])?["id"] as? String ?? "" } == Array(byID.prefix(2)))
            #expect(try await api.send(.GET, "/api/v1/activities/\(borough)/overlaps?limit=0").status == .badRequest)

            let b = Browser(app)
            try await b.signIn(f.admin)
            let page = try await b.get("/activities/\(borough)").body.string
            #expect(page.contains("3 overlapping activities") && page.contains("Old Town parks") && page.contains(f.admin))
        }
    }

    @Test func placesThemesAudiencesAndOrganisationsInUseCannotBeDeleted() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.admin)
            try await b.get("/activities/new")
            try await b.postActivity(
                "/activities",
                activity(
                    w, title: "In use", place: w.quayside, theme: w.parks, audience: w.young,
                    start: "2026-01-01", end: "2026-01-02"))
            let api = try await APIClient.forUser(app, f.admin)
            for path in ["places/\(w.quayside.uuidString)", "themes/\(w.parks.uuidString)", "audiences/\(w.young.uuidString)"] {
                let res = try await api.send(.DELETE, "/api/v1/" + path)
                #expect(res.status == .conflict, "\(path)")
                #expect(res.body.string.contains("is used by 1 activity in the register"), "\(path)")
            }
            let unused = try await api.send(.DELETE, "/api/v1/audiences/\(w.older.uuidString)")
            #expect(unused.status == .noContent)
            try await b.get("/admin/places/\(w.quayside.uuidString)/edit")
            let page = try await b.post("/admin/places/\(w.quayside.uuidString)/delete", [:])
            #expect(page.status == .badRequest && page.body.string.contains("Quayside is used by 1 activity in the register"))
        }
    }

    @Test func fatigueCountsAsksPerThousandResidentsAndMarksBusyWards() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            try await b.get("/activities/new")
            let today = Day(Date())
            for i in 0..<5 {
                try await b.postActivity(
                    "/activities",
                    activity(
                        w, title: "Ask \(i)", place: w.oldTown, theme: w.climate, audience: nil,
                        start: today.description, end: today.description))
            }
            let page = try await b.get("/activities/fatigue").body.string
            // Old Town: 5 asks / 2,000 residents = 2.50 per 1,000, above the default threshold of 1.00.
            #expect(page.contains("2.50") && page.contains("above threshold"))
            #expect(page.contains("Quayside"))
            let ward = try await b.get("/wards/E05000002").body.string
            #expect(ward.contains("Old Town ward") && ward.contains("Ask 0"))
        }
    }

    @Test func anOfficerAddsANewAudienceFromTheActivityFormOnceInAnyLetterCase() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let form = try await b.get("/activities/new").body.string
            #expect(form.contains("name=\"new_audience\"") && form.contains("Add another audience"))
            var fields = activity(
                w, title: "Renters' survey", place: w.quayside, theme: w.parks, audience: w.young, start: "2026-03-01", end: "2026-03-31")
            fields.append(("new_audience", "  Private renters "))
            let saved = try await b.postActivity("/activities", fields)
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(300))")
            let renters = try #require(try await Audience.query(on: app.db).filter(\.$name == "Private renters").first())
            #expect(renters.kind == AudienceKind.interest.rawValue)
            let a = try #require(try await Activity.query(on: app.db).filter(\.$title == "Renters' survey").first())
            let linked = try await ActivityAudience.query(on: app.db).filter(\.$activity.$id == a.id!).all().map { $0.$audience.id }
            #expect(Set(linked) == [w.young, renters.id!])
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entity == "audience").filter(\.$entityID == renters.id!).all()
            #expect(audit.count == 1 && audit[0].action == "create" && audit[0].actorName.hasPrefix("Oscar Officer"))
            #expect(try await b.get(SiteURL.Register.show(a.id!)).body.string.contains("Private renters"))

            // The same name in other letters is refused, naming the field, and nothing is saved.
            let activities = try await Activity.query(on: app.db).count()
            var again = activity(
                w, title: "Second renters' survey", place: w.quayside, theme: w.parks, audience: nil, start: "2026-04-01", end: "2026-04-30")
            again.append(("new_audience", "PRIVATE renters"))
            let refused = try await b.postActivity("/activities", again)
            #expect(refused.status.code == 400)
            #expect(refused.body.string.contains("An audience called Private renters already exists"))
            #expect(refused.body.string.contains("href=\"#f-new-audience\""))
            #expect(try await Activity.query(on: app.db).count() == activities)
            #expect(try await Audience.query(on: app.db).count() == 3)

            // A bad kind or a name on two lines is refused too; hostile text is stored as typed and escaped on the page.
            var badKind = again
            badKind.removeLast()
            badKind += [("new_audience", "Boat dwellers"), ("new_audience_kind", "secret")]
            #expect(try await b.postActivity("/activities", badKind).body.string.contains("Kind of new audience must be one of"))
            var twoLines = again
            twoLines.removeLast()
            twoLines.append(("new_audience", "Boat\r\ndwellers"))
            #expect(try await b.postActivity("/activities", twoLines).body.string.contains("New audience must be on one line"))
            #expect(try await Audience.query(on: app.db).count() == 3)
            var hostile = again
            hostile.removeLast()
            hostile.append(("new_audience", "=HYPERLINK(\"x\") <b>'renters'</b>"))
            #expect(try await b.postActivity("/activities", hostile).status == .seeOther)
            let second = try #require(try await Activity.query(on: app.db).filter(\.$title == "Second renters' survey").first())
            let page = try await b.get(SiteURL.Register.show(second.id!)).body.string
            #expect(page.contains("=HYPERLINK(") && page.contains("&lt;b&gt;") && !page.contains("<b>'renters'</b>"), "\(page)")
        }
    }

    @Test func aViewerCannotAddAnAudienceThroughTheForm() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.viewer)
            try await b.get("/")
            var fields = activity(w, title: "Sneaky", place: w.quayside, theme: w.parks, audience: nil, start: "2026-03-01", end: "2026-03-31")
            fields.append(("new_audience", "Private renters"))
            #expect(try await b.postActivity("/activities", fields).status.code == 403)
            #expect(try await Audience.query(on: app.db).count() == 2)
        }
    }

    @Test func theAPIDescriptionIsLinkedForStaffNotResidents() async throws {
        try await TestApp.run { app, f in
            let resident = Browser(app)
            for path in ["/", "/whats-on", SiteURL.Feedback.publicList] {
                let page = try await resident.get(path)
                #expect(page.status.code == 200 && !page.body.string.contains(SiteURL.openAPI), "\(path)")
            }
            let staff = Browser(app)
            try await staff.signIn(f.viewer)
            #expect(try await staff.get("/activities").body.string.contains("href=\"\(SiteURL.openAPI)\""))
        }
    }

    @Test func expectedReachOfOnePersonIsSingular() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            try await b.get("/activities/new")
            var one = activity(w, title: "One visit", place: w.quayside, theme: w.parks, audience: nil, start: "2026-03-01", end: "2026-03-01")
            one.append(("expected_reach", "1"))
            try await b.postActivity("/activities", one)
            var many = activity(w, title: "Many visits", place: w.quayside, theme: w.parks, audience: nil, start: "2026-03-01", end: "2026-03-01")
            many.append(("expected_reach", "1200"))
            try await b.postActivity("/activities", many)
            let a = try #require(try await Activity.query(on: app.db).filter(\.$title == "One visit").first())
            let page = try await b.get(SiteURL.Register.show(a.id!)).body.string
            #expect(page.contains("1 person") && !page.contains("1 people"))
            let m = try #require(try await Activity.query(on: app.db).filter(\.$title == "Many visits").first())
            #expect(try await b.get(SiteURL.Register.show(m.id!)).body.string.contains("1,200 people"))
        }
    }
}
