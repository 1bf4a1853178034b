import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The insight store through HTTP: capture with redaction preview, the sharing walls as another organisation's
/// staff would probe them, search on both databases, the batch API with idempotency keys, bundles and re-tagging.
@Suite struct InsightHTTPTests {
    static let secretWord = "zebracrossingpetition"

    /// Adds an officer at the NHS trust, so organisation B can record too.
    func nhsOfficer(_ app: Application, _ f: Fixture) async throws -> String {
        let p = Person()
        p.name = "Nia NHS"; p.email = "officer@nhs.test"; p.role = Role.officer.rawValue; p.$organisation.id = f.nhsID; p.active = true
        p.passwordHash = try Bcrypt.hash(TestApp.password, cost: 4)
        try await p.create(on: app.db)
        return p.email
    }

    func form(_ w: RegisterWorld, text: String, sharing: String = "partnership", extra: [(String, String)] = []) -> [(String, String)] {
        [
            ("text", text), ("kind", "quote"), ("heard_on", "2026-11-01"), ("sharing", sharing), ("place_id", w.quayside.uuidString),
            ("theme_ids", w.parks.uuidString), ("people_count", "1"),
        ] + extra
    }

    @Test func recordingShowsWhatRedactionTakesOutBeforeSavingAndKeepsTheOriginalInsideTheOrganisation() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            try await officer.get("/insights/new")
            let text = "My name is Joan Smith, email joan.smith@example.com, and the swings in the park are broken"
            let preview = try await officer.postActivity("/insights", form(w, text: text))
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("Check what will be taken out"))
            #expect(preview.body.string.contains("joan.smith@example.com"), "the recorder sees what is taken out")
            #expect(try await Insight.query(on: app.db).count() == 0, "nothing is saved before the recorder confirms")
            let hash = Tokens.hash(text)
            let saved = try await officer.postActivity("/insights", form(w, text: text, extra: [("previewed", hash)]))
            #expect(saved.status == .seeOther)
            let stored = try #require(try await Insight.query(on: app.db).first())
            #expect(!stored.text.contains("joan.smith@example.com") && !stored.text.contains("Joan Smith"))
            #expect(stored.text.contains("swings in the park"))
            #expect(stored.originalText == text)
            #expect(Set(stored.redactedKindList).isSuperset(of: ["name", "email"]))
            let page = try await officer.get(SiteURL.Insights.show(stored.id!))
            #expect(page.body.string.contains("Original text (your organisation only)") && page.body.string.contains("joan.smith@example.com"))

            // Another organisation sees the redacted text only, in the page and the API.
            let viewer = Browser(app)
            try await viewer.signIn(f.viewer)
            let other = try await viewer.get(SiteURL.Insights.show(stored.id!))
            #expect(other.status == .ok && other.body.string.contains("swings in the park"))
            #expect(!other.body.string.contains("joan.smith@example.com") && !other.body.string.contains("Original text"))
            let api = try await APIClient.forUser(app, f.viewer)
            let one = try api.object(try await api.send(.GET, "/api/v1/insights/\(stored.id!.uuidString)"))
            #expect(one["original_text"] is NSNull && one["contact_email"] is NSNull)
            #expect((one["text"] as? String)?.contains("joan.smith") == false)
        }
    }

    @Test func nothingToRedactSavesAtOnceAndTheDraftIsCleared() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            try await officer.get("/insights/new")
            let res = try await officer.postActivity("/insights", form(w, text: "The bus to the hospital only runs twice a day"))
            #expect(res.status == .seeOther)
            let location = try #require(res.headers.first(name: .location))
            let page = try await officer.get(location)
            // The saved page marks the draft for clearing AND loads the script that clears it.
            #expect(page.body.string.contains("data-clear-draft"))
            #expect(page.body.string.contains("src=\"\(SiteURL.Insights.draftScript)?v=session\""))
            #expect(try await Insight.query(on: app.db).count() == 1)
            let script = try await officer.get(SiteURL.Insights.draftScript)
            let js = script.body.string
            #expect(script.status == .ok && js.contains("sessionStorage") && js.contains("data-clear-draft"))
            #expect(js.contains("localStorage.removeItem(key)") && !js.contains("localStorage.setItem"), "drafts are never kept beyond the session")
            // Another person's form carries another draft owner, so a draft is never restored to someone else.
            let form = try await officer.get("/insights/new")
            let other = try await Browser.signedIn(app, f.admin)
            let otherForm = try await other.get("/insights/new")
            func owner(_ html: String) -> String? {
                html.range(of: "data-draft-owner=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) }
            }
            #expect(owner(form.body.string)?.count == 36 && owner(form.body.string) != owner(otherForm.body.string))
        }
    }

    /// Signing out tells the browser to clear the site's storage, drafts included.
    @Test func signingOutClearsTheSitesStorage() async throws {
        try await TestApp.run { app, f in
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            try await officer.get("/insights/new")
            let out = try await officer.postActivity(SiteURL.signOut, [])
            #expect(out.status == .seeOther)
            #expect(out.headers.first(name: "Clear-Site-Data") == "\"storage\"")
        }
    }

    func activity(
        _ app: Application, _ title: String, org: UUID, status: String = "open", start: Int = 20_400
    ) async throws -> UUID {
        let a = Activity()
        a.title = title; a.purpose = "To hear about " + title; a.$organisation.id = org; a.boroughWide = true; a.methods = ",survey,"
        a.ladderLevel = "consult"; a.status = status; a.startDay = start; a.isPublic = true
        try await a.create(on: app.db)
        return a.id!
    }

    /// "Heard during" is a typeahead picker: its suggestions are unique labels, a label (any case and spacing) or an
    /// id saves the activity, anything else names the field, shows what was typed and saves nothing; another
    /// organisation's draft is neither offered nor accepted.
    @Test func heardDuringIsAPickerThatResolvesALabelAndNamesTheFieldOtherwise() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let walk = try await activity(app, "Park walk", org: f.councilID, start: Day(iso: "2026-06-01")!.ordinal)
            let walk2 = try await activity(app, "Park walk", org: f.councilID, start: Day(iso: "2026-06-01")!.ordinal)
            let other = try await activity(app, "Park walk", org: f.nhsID, start: Day(iso: "2026-06-09")!.ordinal)
            let nhsDraft = try await activity(app, "Secret ward review", org: f.nhsID, status: "draft")
            let ownDraft = try await activity(app, "Our draft listening day", org: f.councilID, status: "draft")
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            let page = try await officer.get("/insights/new")
            let html = page.body.string
            #expect(html.contains("<label class=\"label\" for=\"f-activity\">Heard during</label>"))
            #expect(html.contains("list=\"f-activity-list\"") && html.contains("<datalist id=\"f-activity-list\">"))
            #expect(html.contains("value=\"Park walk — Test NHS Trust, 9 Jun 2026\""))
            #expect(
                html.contains("value=\"Park walk — Test Council, 1 Jun 2026\"") && html.contains("value=\"Park walk — Test Council, 1 Jun 2026 (2)\"")
            )
            #expect(html.contains("Our draft listening day (draft)") && !html.contains("Secret ward review"), "own drafts only")
            #expect(!html.contains("<select id=\"f-activity"), "no 290-item select")

            func save(_ fields: [(String, String)]) async throws -> TestingHTTPResponse {
                try await officer.postActivity("/insights", form(w, text: "The bins were not collected") + fields)
            }
            // Unknown, ambiguous (a bare title several share), and another organisation's draft: named, nothing saved.
            let unknown = try await save([("activity", "Atlantis open day <b>")])
            #expect(unknown.status == .badRequest)
            #expect(unknown.body.string.contains("href=\"#f-activity\""))
            #expect(unknown.body.string.contains("Heard during: no activity is called \"Atlantis open day &lt;b&gt;\""))
            #expect(unknown.body.string.contains("value=\"Atlantis open day &lt;b&gt;\""), "what was typed is shown again")
            let ambiguous = try await save([("activity", "park walk")])
            #expect(ambiguous.status == .badRequest && ambiguous.body.string.contains("3 activity choices are called"))
            let draft = try await save([("activity_id", nhsDraft.uuidString)])
            #expect(draft.status == .badRequest && draft.body.string.contains("href=\"#f-activity\""))
            #expect(try await save([("activity", nhsDraft.uuidString)]).status == .badRequest)
            #expect(try await Insight.query(on: app.db).count() == 0)

            // A suggestion typed in another case and spacing, the old id field, and an own draft all save.
            #expect(try await save([("activity", "  PARK WALK — test council, 1 jun 2026 (2) ")]).status == .seeOther)
            #expect(try await save([("activity_id", other.uuidString)]).status == .seeOther)
            #expect(try await save([("activity", "Our draft listening day")]).status == .seeOther)
            #expect(try await save([("activity", "")]).status == .seeOther)
            let saved = try await Insight.query(on: app.db).all().map { $0.$activity.id }
            #expect(saved.filter { $0 == walk || $0 == walk2 }.count == 1)
            #expect(saved.contains(other) && saved.contains(ownDraft) && saved.contains(nil))
            // The API takes the id too, and refuses another organisation's draft as unknown.
            let api = try await APIClient.forUser(app, f.officer)
            let refused = try await api.send(
                .POST, "/api/v1/insights",
                json: """
                    {"text":"x","kind":"quote","heard_on":"2026-10-02","sharing":"partnership","activity_id":"\(nhsDraft.uuidString)"}
                    """)
            #expect(refused.status.code == 409, "\(refused.status) \(refused.body.string)")
            #expect(refused.body.string.contains("activity_id"))
        }
    }

    /// A city's register: the page carries the newest `suggestionLimit` suggestions, and an older activity still
    /// resolves when typed in full.
    @Test func aPageCarriesAtMostTheSuggestionLimit() {
        let ids = (0..<(Picker.suggestionLimit + 200)).map { _ in UUID() }
        let choices = PickerChoices(ids.enumerated().map { (id: $1, label: "Activity number \($0)") })
        let html = Picker.datalist("activities-list", choices).render()
        #expect(html.components(separatedBy: "<option ").count - 1 == Picker.suggestionLimit)
        #expect(!html.contains("Activity number \(Picker.suggestionLimit)\""))
        #expect(choices.resolve("activity number \(Picker.suggestionLimit + 100)") == .picked(ids[Picker.suggestionLimit + 100]))
    }

    /// The picker as another form reuses it for several records: one shared list, unique ids, each picker labelled,
    /// the chosen record shown by its label, what was typed shown again, hostile text escaped.
    @Test func severalPickersShareOneListOfSuggestions() {
        let (a, b) = (UUID(), UUID())
        let choices = PickerChoices([(id: a, label: "Harbour walk \"<x>\""), (id: b, label: "Library day")])
        let html = [
            Picker.datalist("activities-list", choices),
            Picker.field(
                "activity", label: "Activity 1", choices: choices, selected: a.uuidString, typed: nil, error: nil, list: "activities-list"),
            Picker.field(
                "activity", label: "Activity 2", choices: choices, selected: nil, typed: "Atlantis", error: "Activity 2: no activity",
                id: "f-activity-2", list: "activities-list"),
        ].map { $0.render() }.joined()
        #expect(html.components(separatedBy: "<datalist").count == 2, "one list for both")
        #expect(html.contains("<option value=\"Harbour walk &quot;&lt;x&gt;&quot;\"></option>"))
        #expect(html.contains("<label class=\"label\" for=\"f-activity\">Activity 1</label>"))
        #expect(html.contains("<label class=\"label\" for=\"f-activity-2\">Activity 2</label>"))
        #expect(
            html.contains(
                "id=\"f-activity\" list=\"activities-list\" name=\"activity\" spellcheck=\"false\" type=\"text\" value=\"Harbour walk &quot;&lt;x&gt;&quot;\""
            ))
        #expect(html.contains("aria-describedby=\"f-activity-2-error\" aria-invalid=\"true\""))
        #expect(html.contains("value=\"Atlantis\""))
    }

    /// `/insights/new?activity=<id>` (the activity page's "Record an insight for this activity") preselects it.
    @Test func anActivityLinkPreselectsHeardDuringAndTheListFiltersByActivity() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let walk = try await activity(app, "Harbour walk", org: f.councilID, start: Day(iso: "2026-06-01")!.ordinal)
            let quiet = try await activity(app, "Quiet consultation", org: f.councilID)
            let nhsDraft = try await activity(app, "Secret ward review", org: f.nhsID, status: "draft")
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            #expect(SiteURL.Insights.new(activity: walk) == "/insights/new?activity=\(walk.uuidString)")
            let page = try await officer.get(SiteURL.Insights.new(activity: walk))
            #expect(
                page.body.string.contains("name=\"activity\" spellcheck=\"false\" type=\"text\" value=\"Harbour walk — Test Council, 1 Jun 2026\""))
            let hidden = try await officer.get(SiteURL.Insights.new(activity: nhsDraft))
            #expect(hidden.status == .ok && !hidden.body.string.contains("Secret ward review"))

            #expect(
                try await officer.postActivity("/insights", form(w, text: "More benches by the harbour") + [("activity_id", walk.uuidString)])
                    .status == .seeOther)
            #expect(try await officer.postActivity("/insights", form(w, text: "Street lights are out")).status == .seeOther)
            // The NHS trust's organisation-only insight on its draft: the council's list never names that draft.
            let nhs = try await Browser.signedIn(app, try await nhsOfficer(app, f))
            _ = try await nhs.get("/insights/new")
            #expect(
                try await nhs.postActivity(
                    "/insights", form(w, text: "Private note", sharing: "organisation") + [("activity_id", nhsDraft.uuidString)]
                )
                .status == .seeOther)

            let list = try await officer.get("/insights")
            let html = list.body.string
            #expect(html.contains("<select class=\"select\" id=\"f-activity\" name=\"activity\">"))
            #expect(html.contains("<option value=\"\(walk.uuidString)\">Harbour walk (1 Jun 2026)</option>"))
            #expect(!html.contains(quiet.uuidString), "only activities with insights are offered")
            #expect(!html.contains("Secret ward review"))
            let filtered = try await officer.get("/insights?activity=\(walk.uuidString)")
            #expect(filtered.body.string.contains("More benches by the harbour") && !filtered.body.string.contains("Street lights are out"))
            #expect(filtered.body.string.contains("<option selected value=\"\(walk.uuidString)\">"))
            let none = try await officer.get("/insights?activity=\(quiet.uuidString)")
            #expect(none.body.string.contains("<option selected value=\"\(quiet.uuidString)\">"), "the filter in use stays visible")
        }
    }

    @Test func badCaptureInputNamesTheFieldAndSavesNothing() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            try await officer.get("/insights/new")
            let cases: [([(String, String)], String, String)] = [
                ([("text", "  "), ("kind", "quote"), ("heard_on", "2026-11-01"), ("sharing", "partnership")], "f-text", "Enter what was said"),
                (form(w, text: "Fine").filter { $0.0 != "heard_on" } + [("heard_on", "2099-01-01")], "f-heard-on", "cannot be in the future"),
                (form(w, text: "Fine").filter { $0.0 != "heard_on" } + [("heard_on", "31/02/2026")], "f-heard-on", "real date"),
                (form(w, text: "Fine").filter { $0.0 != "place_id" } + [("postcode", "ZZ99 9ZZ")], "f-postcode", "No ward in the borough"),
                (form(w, text: "Fine") + [("postcode", "12345")], "f-postcode", "Enter a real postcode"),
                (form(w, text: "Fine") + [("feedback_opt_in", "true")], "f-contact-email", "so they can hear back"),
                (form(w, text: "Fine") + [("ethnic_group", "martian")], "f-ethnic-group", "choose one of the listed answers"),
                (form(w, text: "Fine").filter { $0.0 != "sharing" } + [("sharing", "everyone")], "f-sharing", "must be one of"),
                (form(w, text: "Fine") + [("theme_ids", UUID().uuidString)], "f-theme-ids", "from the list"),
            ]
            for (fields, anchor, message) in cases {
                let res = try await officer.postActivity("/insights", fields)
                #expect(res.status == .badRequest, "\(anchor)")
                #expect(res.body.string.contains("href=\"#\(anchor)\""), "\(anchor): error summary links to the field")
                #expect(res.body.string.contains(message), "\(anchor): \(message)")
            }
            #expect(try await Insight.query(on: app.db).count() == 0)
            // A viewer may not record.
            let viewer = Browser(app)
            try await viewer.signIn(f.viewer)
            #expect(try await viewer.get("/insights/new").status == .forbidden)
        }
    }

    @Test func aPostcodeFindsTheWardKeepsOnlyTheSectorAndIsTakenOutOfTheText() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let api = try await APIClient.forUser(app, f.officer)
            let res = try await api.send(
                .POST, "/api/v1/insights",
                json: """
                    {"text":"Flooding again at the corner near HS2 4QT after every storm","kind":"observation","heard_on":"2026-10-02",
                     "sharing":"partnership","postcode":"hs2 4qt"}
                    """)
            #expect(res.status == .created, "\(res.body.string)")
            let body = try api.object(res)
            #expect(body["place_id"] as? String == w.oldTown.uuidString)
            #expect(body["postcode_sector"] as? String == "HS2 4")
            #expect((body["text"] as? String)?.contains("HS2 4QT") == false)
        }
    }

    /// Organisation B probes every way in for organisation A's organisation-level insight and finds nothing.
    @Test func organisationLevelInsightsNeverReachAnotherOrganisation() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let council = try await APIClient.forUser(app, f.officer)
            let created = try await council.send(
                .POST, "/api/v1/insights",
                json: """
                    {"text":"Residents told us about the \(Self.secretWord) in confidence","kind":"quote","heard_on":"2026-11-02",
                     "sharing":"organisation","place_id":"\(w.quayside.uuidString)","theme_ids":["\(w.parks.uuidString)"]}
                    """)
            #expect(created.status == .created)
            let id = try #require(try council.object(created)["id"] as? String)
            let shared = try await council.send(
                .POST, "/api/v1/insights",
                json: """
                    {"text":"Shared comment about parks","kind":"quote","heard_on":"2026-11-02","sharing":"partnership","theme_ids":["\(w.parks.uuidString)"]}
                    """)
            #expect(shared.status == .created)
            // The council's curator bundles both.
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            try await admin.get("/insights")
            let bundled = try await admin.postActivity(
                SiteURL.Insights.addToBundle,
                [
                    ("new_title", "Parks for the board"), ("insight_ids", id),
                    ("insight_ids", try council.object(shared)["id"] as! String),
                ])
            #expect(bundled.status == .seeOther)
            let bundle = try #require(try await InsightBundle.query(on: app.db).first())

            let nhsEmail = try await nhsOfficer(app, f)
            let nhs = Browser(app)
            try await nhs.signIn(nhsEmail)
            let nhsAPI = try await APIClient.forUser(app, nhsEmail)
            // Own organisation sees it.
            #expect(try await Browser.signedIn(app, f.officer).get("/insights?q=\(Self.secretWord)").body.string.contains(Self.secretWord))
            // Lists, search, counts, exports, pages, API, bundles.
            let list = try await nhs.get("/insights?q=\(Self.secretWord)")
            #expect(list.status == .ok && !list.body.string.contains("Residents told us") && list.body.string.contains("Showing 0 to 0 of 0"))
            // A search with a filter is counted and paged by one statement on SQLite: the same wall.
            let inWard = try await nhs.get("/insights?q=\(Self.secretWord)&ward=\(w.quayside.uuidString)")
            #expect(inWard.status == .ok && !inWard.body.string.contains("Residents told us") && inWard.body.string.contains("Showing 0 to 0 of 0"))
            let ownInWard = try await Browser.signedIn(app, f.officer).get("/insights?q=\(Self.secretWord)&ward=\(w.quayside.uuidString)")
            #expect(ownInWard.body.string.contains("Residents told us") && ownInWard.body.string.contains("Showing 1 to 1 of 1"))
            #expect(
                try nhsAPI.object(try await nhsAPI.send(.GET, "/api/v1/insights?q=\(Self.secretWord)&ward=\(w.quayside.uuidString)"))["total"] as? Int
                    == 0)
            let all = try await nhs.get("/insights")
            #expect(!all.body.string.contains(Self.secretWord) && all.body.string.contains("of 1"), "counts exclude it")
            let byTheme = try await nhs.get("/insights?theme=\(w.parks.uuidString)&ward=\(w.quayside.uuidString)")
            #expect(!byTheme.body.string.contains(Self.secretWord))
            // The theme filter is answered from insight_themes' copies of the wall's columns: the same wall.
            let nhsTheme = try await nhs.get("/insights?theme=\(w.parks.uuidString)")
            #expect(!nhsTheme.body.string.contains(Self.secretWord) && nhsTheme.body.string.contains("Showing 1 to 1 of 1"))
            let ownTheme = try await Browser.signedIn(app, f.officer).get("/insights?theme=\(w.parks.uuidString)&ward=\(w.quayside.uuidString)")
            #expect(ownTheme.body.string.contains(Self.secretWord) && ownTheme.body.string.contains("Showing 1 to 1 of 1"))
            #expect(try nhsAPI.object(try await nhsAPI.send(.GET, "/api/v1/insights?theme=\(w.parks.uuidString)"))["total"] as? Int == 1)
            let themeCSV = try await nhs.get("/insights.csv?theme=\(w.parks.uuidString)")
            #expect(
                themeCSV.status == .ok && !themeCSV.body.string.contains(Self.secretWord)
                    && themeCSV.body.string.contains("Shared comment about parks"))
            let csv = try await nhs.get("/insights.csv")
            #expect(csv.status == .ok && !csv.body.string.contains(Self.secretWord) && !csv.body.string.contains(id))
            #expect(try await nhs.get(SiteURL.Insights.show(UUID(uuidString: id)!)).status == .notFound)
            let apiList = try nhsAPI.object(try await nhsAPI.send(.GET, "/api/v1/insights?q=\(Self.secretWord)"))
            #expect(apiList["total"] as? Int == 0)
            let apiAll = try nhsAPI.object(try await nhsAPI.send(.GET, "/api/v1/insights?sharing=organisation"))
            #expect(apiAll["total"] as? Int == 0)
            #expect(try await nhsAPI.send(.GET, "/api/v1/insights/\(id)").status == .notFound)
            let bundlePage = try await nhs.get(SiteURL.Insights.bundle(bundle.id!))
            #expect(
                bundlePage.status == .ok && !bundlePage.body.string.contains(Self.secretWord)
                    && bundlePage.body.string.contains("1 insights you can see"))
            // Nor can B add it to a bundle of its own or tag it.
            try await nhs.get("/insights")
            let sneak = try await nhs.postActivity(SiteURL.Insights.addToBundle, [("new_title", "Mine"), ("insight_ids", id)])
            #expect(sneak.status == .badRequest)
            let tag = try await nhs.postActivity("/insights/\(id)/themes", [("theme_ids", w.climate.uuidString)])
            #expect(tag.status == .notFound)
            // Re-tagging everything B can see leaves A's insight untouched.
            let retag = try await nhs.postActivity(SiteURL.Insights.retag, [("query", ""), ("theme_id", w.climate.uuidString), ("action", "add")])
            #expect(retag.status == .seeOther)
            #expect(
                try await InsightTheme.query(on: app.db).filter(\.$insight.$id == UUID(uuidString: id)!).filter(\.$theme.$id == w.climate).count()
                    == 0)
        }
    }

    /// A theme's insight_themes rows carry copies of the insight's place, day heard, sharing and organisation (so a
    /// theme in a ward comes from one index at a million insights); triggers keep them in step with the insight.
    /// The API's `total` for a list query (-1 when the answer has none).
    func apiTotal(_ client: APIClient, _ query: String) async throws -> Int {
        try client.object(try await client.send(.GET, "/api/v1/insights?" + query))["total"] as? Int ?? -1
    }

    @Test func theThemeFilterFollowsChangesToTheInsight() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let api = try await APIClient.forUser(app, f.officer)
            let created = try await api.send(
                .POST, "/api/v1/insights",
                json: """
                    {"text":"Swings are broken","kind":"quote","heard_on":"2026-10-02","sharing":"partnership",
                     "place_id":"\(w.quayside.uuidString)","theme_ids":["\(w.parks.uuidString)"]}
                    """)
            let id = try #require(try api.object(created)["id"] as? String)
            let nhsAPI = try await APIClient.forUser(app, try await nhsOfficer(app, f))
            let parks = "theme=\(w.parks.uuidString)"
            #expect(try await apiTotal(nhsAPI, parks + "&ward=\(w.quayside.uuidString)") == 1)
            #expect(try await apiTotal(nhsAPI, parks + "&from=2026-10-01&to=2026-10-31") == 1)
            let insight = try #require(try await Insight.find(UUID(uuidString: id), on: app.db))
            insight.$place.id = w.oldTown
            insight.heardDay = try #require(Day(iso: "2026-09-15")).ordinal
            try await insight.save(on: app.db)
            #expect(try await apiTotal(nhsAPI, parks + "&ward=\(w.quayside.uuidString)") == 0)
            #expect(try await apiTotal(nhsAPI, parks + "&ward=\(w.oldTown.uuidString)") == 1)
            #expect(try await apiTotal(nhsAPI, parks + "&from=2026-10-01&to=2026-10-31") == 0)
            #expect(try await apiTotal(nhsAPI, parks + "&from=2026-09-01&to=2026-09-30") == 1)
            insight.sharing = SharingLevel.organisation.rawValue
            try await insight.save(on: app.db)
            #expect(try await apiTotal(nhsAPI, parks) == 0, "the wall applies to the copies")
            #expect(try await apiTotal(api, parks) == 1)
            // Themes set on the insight's page get the copies too.
            let admin = try await Browser.signedIn(app, f.admin)
            try await admin.get(SiteURL.Insights.show(UUID(uuidString: id)!))
            #expect(try await admin.postActivity("/insights/\(id)/themes", [("theme_ids", w.climate.uuidString)]).status == .seeOther)
            #expect(try await apiTotal(api, "theme=\(w.climate.uuidString)&ward=\(w.oldTown.uuidString)&sharing=organisation") == 1)
            #expect(try await apiTotal(api, parks) == 0)
        }
    }

    /// A search with a ward, an organisation or a sharing level is answered by the full-text index's copies of them
    /// (SQLite's `tags`): they follow every change to the insight, and the wall holds in them.
    @Test func searchWithAWardFollowsChangesToTheInsight() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let api = try await APIClient.forUser(app, f.officer)
            let created = try await api.send(
                .POST, "/api/v1/insights",
                json: """
                    {"text":"The swings by the lighthouse are broken","kind":"quote","heard_on":"2026-10-02","sharing":"partnership",
                     "place_id":"\(w.quayside.uuidString)"}
                    """)
            let id = try #require(try api.object(created)["id"] as? String)
            let nhsAPI = try await APIClient.forUser(app, try await nhsOfficer(app, f))
            func total(_ client: APIClient, _ query: String) async throws -> Int { try await apiTotal(client, "q=swings&" + query) }
            let quayside = "ward=\(w.quayside.uuidString)", oldTown = "ward=\(w.oldTown.uuidString)"
            #expect(try await total(nhsAPI, quayside) == 1)
            #expect(try await total(nhsAPI, "organisation=\(f.councilID.uuidString)&sharing=partnership") == 1)
            #expect(try await total(nhsAPI, "organisation=\(f.nhsID.uuidString)") == 0)
            let insight = try #require(try await Insight.find(UUID(uuidString: id), on: app.db))
            insight.$place.id = w.oldTown
            try await insight.save(on: app.db)
            #expect(try await total(nhsAPI, quayside) == 0)
            #expect(try await total(nhsAPI, oldTown) == 1)
            insight.sharing = SharingLevel.organisation.rawValue
            try await insight.save(on: app.db)
            #expect(try await total(nhsAPI, oldTown) == 0, "behind the wall for another organisation")
            #expect(try await total(nhsAPI, "") == 0)
            #expect(try await total(api, oldTown) == 1, "still found by its own organisation")
            #expect(try await total(api, "sharing=organisation") == 1)
            insight.$place.id = nil
            try await insight.save(on: app.db)
            #expect(try await total(api, oldTown) == 0)
            #expect(try await total(api, "") == 1, "an insight with no ward")
            insight.text = "The slide by the lighthouse is broken"
            try await insight.save(on: app.db)
            #expect(try await total(api, "") == 0)
            try await insight.delete(on: app.db)
            #expect(try await apiTotal(api, "q=slide") == 0)
        }
    }

    /// Past 10,000 matches the list and the API say "more than 10,000" rather than count every one; paging on works.
    @Test func countsStopAtTenThousand() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let first = try #require(Day(iso: "2026-01-01"))
            let items = (0..<10_005).map { i in
                InsightService.Clean(
                    id: UUID(), organisationID: f.councilID, recordedBy: nil, activityID: nil, kind: .quote, sharing: .partnership,
                    heard: first.adding(days: i % 300), redaction: PIIRedactor.redact("Comment \(i) about the park"),
                    originalText: "Comment \(i) about the park", placeID: w.quayside, postcodeSector: nil, themeIDs: [w.parks],
                    audienceIDs: [], peopleCount: 1, contactEmail: nil, feedbackOptIn: false, equality: [:], sourceRef: nil)
            }
            try await app.db.transaction { tx in try await InsightService.insert(items, on: tx) }
            let api = try await APIClient.forUser(app, f.officer)
            for query in [
                "", "q=park", "theme=\(w.parks.uuidString)", "ward=\(w.quayside.uuidString)", "q=park&ward=\(w.quayside.uuidString)",
                "q=comment&kind=quote",
            ] {
                let body = try api.object(try await api.send(.GET, "/api/v1/insights?" + query))
                #expect(body["total"] as? Int == 10_000 && body["total_capped"] as? Bool == true, "\(query)")
            }
            let narrow = try api.object(try await api.send(.GET, "/api/v1/insights?q=park&from=2026-01-01&to=2026-01-10"))
            #expect(narrow["total_capped"] as? Bool == false && narrow["total"] as? Int == 340)
            let list = try await Browser.signedIn(app, f.officer).get("/insights?q=park")
            #expect(list.body.string.contains("of more than 10,000") && list.body.string.contains("rel=\"next\""))
            // A page past the cap raises it: its rows, an exact total and no next page.
            let far = try api.object(try await api.send(.GET, "/api/v1/insights?page=401&size=25"))
            #expect((far["items"] as? [Any])?.count == 5 && far["total"] as? Int == 10_005 && far["total_capped"] as? Bool == false)
            // The same with a search and a filter (count and page from one statement), and a page past the end.
            let farWard = try api.object(try await api.send(.GET, "/api/v1/insights?q=park&ward=\(w.quayside.uuidString)&page=401&size=25"))
            #expect((farWard["items"] as? [Any])?.count == 5 && farWard["total"] as? Int == 10_005 && farWard["total_capped"] as? Bool == false)
            let pastEnd = try api.object(try await api.send(.GET, "/api/v1/insights?q=park&ward=\(w.quayside.uuidString)&page=500&size=25"))
            #expect((pastEnd["items"] as? [Any])?.count == 0 && pastEnd["total"] as? Int == 10_005)
            let second = try api.object(try await api.send(.GET, "/api/v1/insights?q=park&ward=\(w.quayside.uuidString)&page=2&size=25"))
            let secondPlain = try api.object(try await api.send(.GET, "/api/v1/insights?q=park&page=2&size=25"))
            #expect(
                ((second["items"] as? [[String: Any]]) ?? []).map { $0["id"] as? String }
                    == ((secondPlain["items"] as? [[String: Any]]) ?? []).map { $0["id"] as? String },
                "the same page whichever way it is found")
            #expect(((second["items"] as? [[String: Any]]) ?? []).count == 25)
        }
    }

    /// A search with a filter, counted and paged by one statement on SQLite, pages exactly as the search alone when
    /// every match was heard the same day (the page's last day is then the last day of the capped window, and the
    /// count and page are asked for separately).
    @Test func aSearchWithAFilterPagesLikeTheSearchAloneWhenOneDayHoldsEveryMatch() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let day = try #require(Day(iso: "2026-02-01"))
            let items = (0..<10_010).map { i in
                InsightService.Clean(
                    id: UUID(), organisationID: f.councilID, recordedBy: nil, activityID: nil, kind: .quote, sharing: .partnership,
                    heard: day, redaction: PIIRedactor.redact("Note \(i) about the allotments"),
                    originalText: "Note \(i) about the allotments", placeID: w.quayside, postcodeSector: nil, themeIDs: [],
                    audienceIDs: [], peopleCount: 1, contactEmail: nil, feedbackOptIn: false, equality: [:], sourceRef: nil)
            }
            try await app.db.transaction { tx in try await InsightService.insert(items, on: tx) }
            let api = try await APIClient.forUser(app, f.officer)
            func ids(_ query: String) async throws -> ([String?], Int?, Bool?) {
                let body = try api.object(try await api.send(.GET, "/api/v1/insights?" + query))
                return (((body["items"] as? [[String: Any]]) ?? []).map { $0["id"] as? String }, body["total"] as? Int, body["total_capped"] as? Bool)
            }
            for page in [1, 2, 400] {
                let withWard = try await ids("q=allotments&ward=\(w.quayside.uuidString)&page=\(page)&size=25")
                let alone = try await ids("q=allotments&page=\(page)&size=25")
                #expect(withWard.0 == alone.0 && withWard.0.count == 25, "page \(page)")
                #expect(withWard.1 == 10_000 && withWard.2 == true)
            }
        }
    }

    @Test func searchMatchesStemmedWordsAndIgnoresQuerySyntax() async throws {
        try await TestApp.run { app, f in
            _ = try await RegisterWorld.make(app)
            let api = try await APIClient.forUser(app, f.officer)
            let texts = [
                "The buses never come on Sundays", "Bins were not collected on our street", "More benches in the park please",
                "The parks need more bins", "Bus stop shelter is broken",
            ]
            let items = texts.map { #"{"text":"\#($0)","kind":"quote","heard_on":"2026-09-01","sharing":"partnership"}"# }.joined(separator: ",")
            #expect(try await api.send(.POST, "/api/v1/insights/batch", json: #"{"insights":[\#(items)]}"#).status == .created)
            func total(_ q: String) async throws -> Int {
                let res = try await api.send(.GET, "/api/v1/insights?q=" + (q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q))
                #expect(res.status == .ok, "\(q): \(res.body.string)")
                return try api.object(res)["total"] as? Int ?? -1
            }
            #expect(try await total("park") == 2, "park matches parks (stemming)")
            #expect(try await total("collecting") == 1, "collecting matches collected (stemming)")
            #expect(try await total("bins parks") == 1, "every word must match")
            #expect(try await total("BUS SHELTER") == 1, "case does not matter")
            #expect(try await total("nothinglikethis") == 0)
            for hostile in ["\"", "bus OR bins", "NEAR(bus bins)", "bus*", "-bins", "'); DROP TABLE insights; --", "&|!:"] {
                _ = try await total(hostile)
            }
            #expect(try await total("&|!:") == 5, "nothing searchable: no text filter")
        }
    }

    @Test func batchAPIIsAllOrNothingAndAnIdempotencyKeyStoresARetriedBatchOnce() async throws {
        try await TestApp.run { app, f in
            _ = try await RegisterWorld.make(app)
            let api = try await APIClient.forUser(app, f.officer)
            func send(_ json: String, key: String?) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: api.token!)
                headers.contentType = .json
                if let key { headers.add(name: "Idempotency-Key", value: key) }
                return try await app.testing().sendRequest(.POST, "/api/v1/insights/batch", headers: headers, body: ByteBuffer(string: json))
            }
            let good = (1...3).map {
                #"{"text":"Comment \#($0) about parking","kind":"survey_answer","heard_on":"2026-08-0\#($0)","sharing":"partnership"}"#
            }
            let batch = #"{"insights":[\#(good.joined(separator: ","))]}"#
            let first = try await send(batch, key: "survey-2026-08")
            #expect(first.status == .created)
            #expect(try api.object(first)["created"] as? Int == 3)
            let retry = try await send(batch, key: "survey-2026-08")
            #expect(retry.status == .created && retry.body.string == first.body.string)
            #expect(retry.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await Insight.query(on: app.db).count() == 3, "a retried batch is not stored twice")
            let reused = try await send(#"{"insights":[\#(good[0])]}"#, key: "survey-2026-08")
            #expect(reused.status == .conflict)

            let bad =
                #"{"insights":[\#(good[0]),{"text":"x","kind":"quote","heard_on":"2026-02-30","sharing":"partnership"},{"text":"y","kind":"shout","heard_on":"2026-01-01","sharing":"partnership"}]}"#
            let rejected = try await send(bad, key: nil)
            #expect(rejected.status == .badRequest)
            #expect(rejected.body.string.contains("insights[1].heard_on") && rejected.body.string.contains("insights[2].kind"))
            #expect(try await Insight.query(on: app.db).count() == 3, "nothing from a batch with errors is stored")
            let tooMany = #"{"insights":[\#(Array(repeating: good[0], count: 1001).joined(separator: ","))]}"#
            let big = try await send(tooMany, key: nil)
            #expect(big.status == .badRequest && big.body.string.contains("at most 1000"))
            for body in ["", "[]", #"{"insights":{}}"#, #"{"insights":[],"extra":1}"#, #"{"insights":[]}"#, #"{"insights":[1]}"#] {
                #expect(try await send(body, key: nil).status == .badRequest, "\(body)")
            }
            // A viewer may not record through the API either.
            let viewer = try await APIClient.forUser(app, f.viewer)
            #expect(try await viewer.send(.POST, "/api/v1/insights", json: good[0]).status == .forbidden)
        }
    }

    @Test func curatorsSaveSearchesAndReTagEverythingASearchFinds() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let api = try await APIClient.forUser(app, f.officer)
            let items = ["Playground needs new swings", "Swings vandalised again", "Library hours too short"]
                .map { #"{"text":"\#($0)","kind":"quote","heard_on":"2026-09-01","sharing":"partnership"}"# }.joined(separator: ",")
            #expect(try await api.send(.POST, "/api/v1/insights/batch", json: #"{"insights":[\#(items)]}"#).status == .created)
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            try await admin.get("/insights?q=swings")
            let retag = try await admin.postActivity(
                SiteURL.Insights.retag, [("query", "q=swings"), ("theme_id", w.parks.uuidString), ("action", "add")])
            #expect(retag.status == .seeOther)
            #expect(try await InsightTheme.query(on: app.db).filter(\.$theme.$id == w.parks).count() == 2)
            let byTheme = try await admin.get("/insights?theme=\(w.parks.uuidString)")
            #expect(byTheme.body.string.contains("of 2"))
            let saved = try await admin.postActivity(SiteURL.Insights.bundles, [("title", "Swings"), ("query", "q=swings")])
            #expect(saved.status == .seeOther)
            let page = try await admin.get(try #require(saved.headers.first(name: .location)))
            #expect(page.body.string.contains("2 insights you can see match it today"))
            let badRetag = try await admin.postActivity(SiteURL.Insights.retag, [("query", "q=swings"), ("theme_id", "nope"), ("action", "add")])
            #expect(badRetag.status == .badRequest)
            let badBundle = try await admin.postActivity(SiteURL.Insights.bundles, [("title", ""), ("query", "q=swings")])
            #expect(badBundle.status == .badRequest)
            let remove = try await admin.postActivity(
                SiteURL.Insights.retag, [("query", "q=vandalised"), ("theme_id", w.parks.uuidString), ("action", "remove")])
            #expect(remove.status == .seeOther)
            #expect(try await InsightTheme.query(on: app.db).filter(\.$theme.$id == w.parks).count() == 1)
        }
    }
}

extension Browser {
    static func signedIn(_ app: Application, _ email: String) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(email)
        return b
    }
}
