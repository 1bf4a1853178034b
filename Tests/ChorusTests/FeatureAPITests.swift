import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Issue 16.7, an API for every feature: plans, insight bundles, analyses, decision spaces, meetings, decisions, actions
/// and "You said, we did" reports, through HTTP with personal tokens. Each answer is compared with what the staff page
/// shows, and the walls are tried as another organisation's staff would: an organisation-level insight never appears in
/// another organisation's bundle or analysis, a private space's meetings, decisions and actions are 404 to non-members,
/// a PATCH by someone not allowed changes nothing, and bad input gets a 400 naming the field.
@Suite struct FeatureAPITests {
    func json(_ res: TestingHTTPResponse) -> [String: Any] {
        guard let o = (try? JSONSerialization.jsonObject(with: Data(res.body.string.utf8))) as? [String: Any] else {
            Issue.record("not a JSON object: \(res.status) \(res.body.string.prefix(300))")
            return [:]
        }
        return o
    }
    func items(_ res: TestingHTTPResponse) -> [[String: Any]] { json(res)["items"] as? [[String: Any]] ?? [] }
    func ids(_ res: TestingHTTPResponse) -> Set<String> { Set(items(res).compactMap { $0["id"] as? String }) }
    /// The field a 400 names first.
    func field(_ res: TestingHTTPResponse) -> String? {
        ((json(res)["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.first?["field"] as? String
    }

    // MARK: - The document

    @Test func everyFeatureIsInTheOpenAPIDocumentWithStrictParameters() async throws {
        try await TestApp.run { app, _ in
            let res = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            let doc = json(res)
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            for (path, method) in [
                ("/api/v1/activities/{id}/plan", "get"), ("/api/v1/insight-bundles", "get"), ("/api/v1/insight-bundles/{id}", "get"),
                ("/api/v1/analysis-runs", "get"), ("/api/v1/analysis-runs/{id}", "get"), ("/api/v1/analysis-runs/{id}/themes", "get"),
                ("/api/v1/analysis-runs/{id}/themes/{theme}/members", "get"), ("/api/v1/decision-spaces", "get"),
                ("/api/v1/decision-spaces/{id}", "get"), ("/api/v1/decision-spaces/{id}/meetings", "get"), ("/api/v1/meetings/{id}", "get"),
                ("/api/v1/decisions/{id}", "get"), ("/api/v1/actions", "get"), ("/api/v1/actions/{id}", "get"), ("/api/v1/actions/{id}", "patch"),
                ("/api/v1/feedback-reports", "get"), ("/api/v1/feedback-reports/{id}", "get"),
            ] {
                #expect(paths[path]?[method] != nil, "\(method) \(path)")
            }
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            // Derived from the DTO declarations: every property required, optionals nullable, nested objects by reference.
            let action = try #require(schemas["Action"])
            #expect(Set(action["required"] as? [String] ?? []) == Set((action["properties"] as? [String: Any] ?? [:]).keys))
            #expect(((action["properties"] as? [String: Any])?["due_on"] as? [String: Any])?["type"] as? [String] == ["string", "null"])
            #expect(
                ((action["properties"] as? [String: Any])?["status"] as? [String: Any])?["enum"] as? [String] == ActionStatus.allCases.map(\.rawValue)
            )
            #expect(action["additionalProperties"] as? Bool == false)
            let page = try #require(schemas["ActionPage"]?["properties"] as? [String: [String: Any]])
            #expect(page["items"]?["items"] as? [String: String] == ["$ref": "#/components/schemas/Action"])
            // The update body refuses what the server refuses.
            let update = try #require(schemas["ActionUpdate"]?["anyOf"] as? [[String: Any]])
            #expect(update.count == 3 && update.allSatisfy { $0["additionalProperties"] as? Bool == false })
            #expect(update.map { $0["required"] as? [String] ?? [] } == [["status"], ["note"], ["due_on"]], "a status, a note or a due date")
            #expect(((update[0]["properties"] as? [String: Any])?["status"] as? [String: Any])?["type"] as? [String] == ["string"])
            // Query parameters with their types, enums and ranges.
            let params = try #require((paths["/api/v1/actions"]?["get"] as? [String: Any])?["parameters"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: params.map { ($0["name"] as? String ?? "", $0["schema"] as? [String: Any] ?? [:]) })
            #expect(byName["owner"]?["enum"] as? [String] == ["me"])
            #expect(byName["space"]?["format"] as? String == "uuid")
            #expect(byName["size"]?["maximum"] as? Int == 200 && byName["size"]?["minimum"] as? Int == 1)
        }
    }

    @Test func aWriteAtOddsWithStoredRecordsIs409AndABodyWrongOnItsOwnIs400() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let api = try await APIClient.forUser(app, f.admin)
            func expect(
                _ method: HTTPMethod, _ path: String, _ body: String, _ status: HTTPResponseStatus, _ named: String,
                sourceLocation: SourceLocation = #_sourceLocation
            ) async throws {
                let res = try await api.send(method, path, json: body)
                #expect(
                    res.status == status && field(res) == named, "\(body): \(res.status) \(res.body.string.prefix(300))",
                    sourceLocation: sourceLocation)
            }
            // Stored records: a name or code already used, an unknown parent, a cycle.
            try await expect(.POST, "/api/v1/themes", #"{"name":"Parks"}"#, .conflict, "name")
            try await expect(.POST, "/api/v1/themes", #"{"name":"Play","parent_id":"\#(UUID().uuidString)"}"#, .conflict, "parent_id")
            try await expect(.POST, "/api/v1/places", #"{"code":"E05000001","name":"Again","kind":"ward"}"#, .conflict, "code")
            try await expect(.PATCH, "/api/v1/places/\(w.quayside)", #"{"parent_id":"\#(w.quayside.uuidString)"}"#, .conflict, "parent_id")
            try await expect(.POST, "/api/v1/organisations", #"{"name":"Test Council","type":"council"}"#, .conflict, "name")
            // The body alone: a control character, a website without https://, a bad postcode list.
            try await expect(.POST, "/api/v1/themes", #"{"name":"Tab\u0007led"}"#, .badRequest, "name")
            try await expect(
                .POST, "/api/v1/organisations", #"{"name":"New partner","type":"vcse","website":"www.example.org"}"#, .badRequest, "website")
            try await expect(
                .POST, "/api/v1/places", #"{"code":"E05000009","name":"New","kind":"ward","postcode_districts":"HS1, nowhere"}"#, .badRequest,
                "postcode_districts")
            let themes = try await Theme.query(on: app.db).count(), places = try await Place.query(on: app.db).count()
            #expect(themes == 2 && places == 2, "nothing saved")

            // An activity: unknown themes are a conflict; an end before the start, or no places and not borough-wide, is 400.
            func activity(_ extra: String) -> String {
                #"{"title":"Bus survey","purpose":"Routes","methods":["survey"],"ladder_level":"consult","status":"planned","starts_on":"2027-01-04",\#(extra)}"#
            }
            try await expect(
                .POST, "/api/v1/activities", activity(#""theme_ids":["\#(UUID().uuidString)"],"borough_wide":true"#), .conflict, "theme_ids")
            try await expect(
                .POST, "/api/v1/activities", activity(#""theme_ids":["\#(w.parks.uuidString)"],"borough_wide":true,"ends_on":"2026-12-01""#),
                .badRequest, "ends_on")
            try await expect(.POST, "/api/v1/activities", activity(#""theme_ids":["\#(w.parks.uuidString)"]"#), .badRequest, "place_ids")
            let made = try await api.send(.POST, "/api/v1/activities", json: activity(#""theme_ids":["\#(w.parks.uuidString)"],"borough_wide":true"#))
            #expect(made.status == .created)
            // An insight naming an activity that is not there is a conflict; one dated in the future is 400.
            let insight = #"{"text":"The bus is late","kind":"quote","sharing":"partnership","heard_on":"2026-10-01""#
            try await expect(.POST, "/api/v1/insights", insight + #","activity_id":"\#(UUID().uuidString)"}"#, .conflict, "activity_id")
            try await expect(
                .POST, "/api/v1/insights", #"{"text":"Soon","kind":"quote","sharing":"partnership","heard_on":"2199-01-01"}"#, .badRequest, "heard_on"
            )
            let batch = try await api.send(
                .POST, "/api/v1/insights/batch", json: #"{"insights":[\#(insight)},\#(insight),"place_id":"\#(UUID().uuidString)"}]}"#)
            #expect(batch.status == .conflict && field(batch) == "insights[1].place_id", "\(batch.body.string.prefix(300))")
            #expect(try await Insight.query(on: app.db).count() == 0)
        }
    }

    @Test func everyPatternInTheDocumentCompilesAndSaysWhatTheServerTakes() async throws {
        try await TestApp.run { app, _ in
            let doc = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json").body.string
            var patterns = Set<String>()
            func walk(_ value: Any) {
                if let d = value as? [String: Any] {
                    if let p = d["pattern"] as? String { patterns.insert(p) }
                    d.values.forEach(walk)
                } else if let a = value as? [Any] {
                    a.forEach(walk)
                }
            }
            walk(try JSONSerialization.jsonObject(with: Data(doc.utf8)))
            #expect(patterns.count >= 8)
            for p in patterns { #expect((try? NSRegularExpression(pattern: p)) != nil, "\(p)") }
            // The whole value, as ECMA-262's `$` means (ICU's would also stop before a final line break).
            func matches(_ value: String, _ pattern: String) -> Bool {
                let whole = NSRange(location: 0, length: (value as NSString).length)
                return (try? NSRegularExpression(pattern: pattern))?.firstMatch(in: value, range: whole)?.range == whole
            }
            // What the patterns say agrees with the checks they describe.
            for ok in ["Quayside", "Line one\twith a tab"] { #expect(matches(ok, TextPattern.text(required: true, multiline: false))) }
            for bad in ["", "   ", "Two\nlines", "Bell\u{7}", "Sep\u{2028}"] {
                #expect(!matches(bad, TextPattern.text(required: true, multiline: false)), "\(bad)")
            }
            #expect(
                matches("Two\r\nlines", TextPattern.text(required: true, multiline: true))
                    && !matches("Nul\u{0}", TextPattern.text(required: false, multiline: true)))
            for email in ["ada@council.example", "a.b+c@nhs-trust.org.uk"] {
                #expect(matches(email, TextPattern.email) && Validation.isPlausibleEmail(email))
            }
            for email in ["no-at.example", "a@b", "a@.b.c", "a b@c.d"] { #expect(!matches(email, TextPattern.email), "\(email)") }
            let past = TextPattern.pastDay(today: Day(iso: "2026-12-06")!)
            #expect(
                matches("2025-12-31", past) && matches("1901-01-01", past) && matches("2019-05-05", past) && !matches("2026-01-01", past)
                    && !matches("2031-01-01", past))
            #expect(
                matches("2099-12-31", TextPattern.pastDay(today: Day(iso: "2100-06-01")!))
                    && !matches("2100-01-01", TextPattern.pastDay(today: Day(iso: "2100-06-01")!)))
        }
    }

    // MARK: - Planning

    @Test func aPlanIsWhatItsPageShowsAndAnotherOrganisationsDraftActivityIs404() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let officer = try await Browser.signedIn(app, f.officer)
            try await officer.get("/activities/new")
            for (title, status) in [("Library opening hours", "planned"), ("Secret budget options", "draft")] {
                let res = try await officer.postActivity(
                    "/activities",
                    RegisterHTTPTests().activity(
                        w, title: title, place: w.quayside, theme: w.parks,
                        audience: w.young, start: "2027-01-04", end: "2027-02-01",
                        status: status))
                #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
            }
            let activity = try #require(try await Activity.query(on: app.db).filter(\.$title == "Library opening hours").first()).id!
            let draft = try #require(try await Activity.query(on: app.db).filter(\.$title == "Secret budget options").first()).id!
            try await officer.get(SiteURL.Plan.edit(activity))
            let saved = try await officer.postActivity(
                SiteURL.Plan.edit(activity),
                [
                    ("purpose", "Decide the winter opening hours"), ("decision", "Which evenings the library opens"),
                    ("decision_maker", "Cabinet member"),
                    ("decision_date", "2027-03-01"), ("dpia_personal_data", "no"),
                ])
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(300))")

            let api = try await APIClient.forUser(app, f.officer)
            let res = try await api.send(.GET, "/api/v1/activities/\(activity.uuidString)/plan")
            #expect(res.status == .ok, "\(res.body.string.prefix(300))")
            let plan = json(res)
            let html = try await officer.get(SiteURL.Plan.show(activity)).body.string
            #expect(plan["status"] as? String == "draft" && html.contains("id=\"plan-status\">Draft"))
            #expect(plan["saved"] as? Bool == true && plan["can_edit"] as? Bool == true)
            let ladder = try #require(plan["ladder"] as? [String: Any])
            let recommended = try #require(LadderLevel(rawValue: ladder["recommended"] as? String ?? ""))
            // The plan follows the activity's level and says it beside the recommendation (issue 17.7).
            let activityLevel = try #require(LadderLevel(rawValue: ladder["activity_level"] as? String ?? ""))
            #expect(html.contains(HTMLEscape.text(ladder["summary"] as? String ?? "-")))
            #expect(html.contains("advisor recommends \(recommended.label.lowercased())") || activityLevel == recommended)
            #expect(ladder["chosen"] is NSNull && ladder["level"] as? String == activityLevel.rawValue)
            let sections = try #require(plan["sections"] as? [[String: Any]])
            #expect(sections.map { $0["section"] as? String } == PlanSection.allCases.map(\.rawValue))
            let purpose = try #require((sections[0]["fields"] as? [[String: Any]])?.first)
            #expect(purpose["value"] as? String == "Decide the winter opening hours" && html.contains("Decide the winter opening hours"))
            let missing = sections.flatMap { ($0["fields"] as? [[String: Any]]) ?? [] }.filter { $0["missing"] as? Bool == true }
            #expect(!missing.isEmpty && missing.allSatisfy { $0["value"] is NSNull })
            let checks = try #require(plan["checks"] as? [String: Any])
            #expect((checks["data_protection_impact"] as? [String: Any])?["outcome"] as? String == ScreeningOutcome.notNeeded.rawValue)
            #expect(((plan["warnings"] as? [[String: Any]])?.count ?? 0 > 0) == html.contains("id=\"warnings\""))
            #expect((plan["sign_off"] as? [String: Any])?["reviewers"] as? [Any] != nil)

            // Another organisation's viewer reads the plan of a registered activity, read-only, but not of a draft one.
            let viewer = try await APIClient.forUser(app, f.viewer)
            let theirs = try await viewer.send(.GET, "/api/v1/activities/\(activity.uuidString)/plan")
            #expect(theirs.status == .ok && (json(theirs))["can_edit"] as? Bool == false)
            #expect(try await viewer.send(.GET, "/api/v1/activities/\(draft.uuidString)/plan").status == .notFound)
            #expect(try await Browser.signedIn(app, f.viewer).get(SiteURL.Plan.show(draft)).status == .notFound, "as the page")
            #expect(try await viewer.send(.GET, "/api/v1/activities/\(UUID().uuidString)/plan").status == .notFound)
            #expect(try await viewer.send(.GET, "/api/v1/activities/not-a-uuid/plan").status == .notFound)
            #expect(try await APIClient(app: app, token: nil).send(.GET, "/api/v1/activities/\(activity.uuidString)/plan").status == .unauthorized)
        }
    }

    // MARK: - Insight bundles

    @Test func aBundleListsOnlyTheInsightsTheCallersWallLetsThrough() async throws {
        try await TestApp.run { app, f in
            let a = AnalysisHTTPTests()
            let nhsAnalyst = try await a.nhsAnalyst(app, f)
            let secret = try await a.insight(
                app, org: f.nhsID, text: "Ward 7 waiting list letter \(AnalysisHTTPTests.secret)", sharing: .organisation)
            let shared = try await a.insight(app, org: f.nhsID, text: "Clinic parking is hard", sharing: .partnership)
            let own = try await a.insight(app, org: f.councilID, text: "Council parking permits are slow", sharing: .organisation)
            let analyst = try await Browser.signedIn(app, nhsAnalyst)
            try await analyst.get(SiteURL.Insights.list)
            let made = try await analyst.postActivity(
                SiteURL.Insights.addToBundle,
                [
                    ("new_title", "Parking and waiting"), ("insight_ids", secret.uuidString),
                    ("insight_ids", shared.uuidString),
                ])
            #expect(made.status == .seeOther, "\(made.body.string.prefix(300))")
            let selection = try #require(try await InsightBundle.query(on: app.db).filter(\.$title == "Parking and waiting").first())
            let search = try await analyst.postActivity(SiteURL.Insights.bundles, [("title", "Everything about parking"), ("query", "q=parking")])
            #expect(search.status == .seeOther)
            let saved = try #require(try await InsightBundle.query(on: app.db).filter(\.$title == "Everything about parking").first())

            // The NHS sees both of its insights in its selection; the council (another organisation) only the shared one.
            let nhs = try await APIClient.forUser(app, nhsAnalyst)
            let mine = json(try await nhs.send(.GET, "/api/v1/insight-bundles/\(selection.id!.uuidString)"))
            #expect(Set(mine["insight_ids"] as? [String] ?? []) == [secret.uuidString, shared.uuidString] && mine["total"] as? Int == 2)
            #expect(mine["kind"] as? String == "selection" && mine["query"] is NSNull && mine["can_edit"] as? Bool == true)
            let council = try await APIClient.forUser(app, f.officer)
            let res = try await council.send(.GET, "/api/v1/insight-bundles/\(selection.id!.uuidString)")
            #expect(res.status == .ok)
            let theirs = json(res)
            #expect(theirs["insight_ids"] as? [String] == [shared.uuidString] && theirs["total"] as? Int == 1, "\(theirs)")
            #expect(!res.body.string.contains(secret.uuidString) && theirs["can_edit"] as? Bool == false)
            let page = try await Browser.signedIn(app, f.officer).get(SiteURL.Insights.bundle(selection.id!)).body.string
            #expect(!page.contains(AnalysisHTTPTests.secret) && page.contains("Clinic parking is hard"), "as the page shows")

            // A saved search runs through the reader's wall: each organisation counts its own organisation-level insight.
            let searchNHS = json(try await nhs.send(.GET, "/api/v1/insight-bundles/\(saved.id!.uuidString)"))
            #expect(searchNHS["kind"] as? String == "search" && searchNHS["query"] as? String == "q=parking" && searchNHS["insight_ids"] is NSNull)
            #expect(searchNHS["total"] as? Int == 1, "the NHS: its shared clinic insight (the council's permit one is organisation-level)")
            let searchCouncil = json(try await council.send(.GET, "/api/v1/insight-bundles/\(saved.id!.uuidString)"))
            #expect(searchCouncil["total"] as? Int == 2, "the council: the shared one and its own")
            _ = own

            // The list: every bundle to every staff member, with filters checked.
            let list = try await council.send(.GET, "/api/v1/insight-bundles")
            #expect(ids(list) == [selection.id!.uuidString, saved.id!.uuidString] && (json(list))["total"] as? Int == 2)
            #expect(ids(try await council.send(.GET, "/api/v1/insight-bundles?kind=search")) == [saved.id!.uuidString])
            let bad = try await council.send(.GET, "/api/v1/insight-bundles?kind=everything")
            #expect(bad.status == .badRequest && (field(bad)) == "kind")
            let badOrg = try await council.send(.GET, "/api/v1/insight-bundles?organisation=nhs")
            #expect(badOrg.status == .badRequest && (field(badOrg)) == "organisation")
            #expect(try await council.send(.GET, "/api/v1/insight-bundles/\(UUID().uuidString)").status == .notFound)
        }
    }

    // MARK: - Analysis

    @Test func anAnalysisShowsOnlyWhatTheCallersWallLetsThrough() async throws {
        try await TestApp.run { app, f in
            let a = AnalysisHTTPTests()
            try await a.corpus(app, f)
            let nhsAnalyst = try await a.nhsAnalyst(app, f)
            let analyst = try await Browser.signedIn(app, nhsAnalyst)
            let shared = try await a.runAnalysis(analyst, app, title: "Shared insights")
            #expect(shared.statusValue == .done && !shared.privateToOrganisation)
            let officer = try await Browser.signedIn(app, f.officer)
            let councilRun = try await a.runAnalysis(officer, app, title: "Council insights")
            #expect(councilRun.privateToOrganisation)

            let nhs = try await APIClient.forUser(app, nhsAnalyst)
            let council = try await APIClient.forUser(app, f.officer)
            // Runs: the council's private run is 404 to the NHS, in the list and by id, as on the pages.
            #expect(ids(try await nhs.send(.GET, "/api/v1/analysis-runs")) == [shared.id!.uuidString])
            #expect(ids(try await council.send(.GET, "/api/v1/analysis-runs")) == [shared.id!.uuidString, councilRun.id!.uuidString])
            for path in ["", "/themes"] {
                #expect(try await nhs.send(.GET, "/api/v1/analysis-runs/\(councilRun.id!.uuidString)\(path)").status == .notFound, "\(path)")
            }
            let councilTheme = try #require(try await DiscoveredTheme.query(on: app.db).filter(\.$run.$id == councilRun.id!).first())
            #expect(
                try await nhs.send(.GET, "/api/v1/analysis-runs/\(councilRun.id!.uuidString)/themes/\(councilTheme.id!.uuidString)/members").status
                    == .notFound)
            let run = json(try await nhs.send(.GET, "/api/v1/analysis-runs/\(shared.id!.uuidString)"))
            #expect(run["status"] as? String == "done" && run["insight_count"] as? Int == 24 && run["private_to_organisation"] as? Bool == false)
            let overview = try await analyst.get(SiteURL.Analysis.run(shared.id!)).body.string
            #expect(overview.contains("24 insights analysed"))

            // Themes, as the overview lists them.
            let themes = items(try await nhs.send(.GET, "/api/v1/analysis-runs/\(shared.id!.uuidString)/themes"))
            let stored = try await AnalysisService.themes(shared, app.db)
            #expect(themes.map { $0["id"] as? String } == stored.map { $0.id!.uuidString })
            #expect(run["theme_count"] as? Int == stored.count)
            for t in themes { #expect(overview.contains(t["label"] as? String ?? "-"), "\(t["label"] ?? "")") }

            // After the run, the council makes one of the theme's insights organisation-level: the NHS no longer sees it
            // among the members (nor as a representative quote), the council still does.
            let theme = try #require(stored.first)
            let members = try await ThemeMember.query(on: app.db).filter(\.$theme.$id == theme.id!).all().map { $0.$insight.id }
            let hidden = try #require(theme.representatives.first)
            #expect(members.contains(hidden))
            let insight = try #require(try await Insight.find(hidden, on: app.db))
            insight.sharing = SharingLevel.organisation.rawValue
            try await insight.update(on: app.db)
            let path = "/api/v1/analysis-runs/\(shared.id!.uuidString)/themes/\(theme.id!.uuidString)/members?size=200"
            let nhsMembers = try await nhs.send(.GET, path)
            #expect(nhsMembers.status == .ok)
            #expect(!(ids(nhsMembers)).contains(hidden.uuidString) && (json(nhsMembers))["total"] as? Int == members.count - 1)
            #expect(!nhsMembers.body.string.contains(insight.text))
            let nhsThemes = try await nhs.send(.GET, "/api/v1/analysis-runs/\(shared.id!.uuidString)/themes")
            #expect(!nhsThemes.body.string.contains(hidden.uuidString))
            let councilMembers = try await council.send(.GET, path)
            #expect((ids(councilMembers)).contains(hidden.uuidString) && (json(councilMembers))["total"] as? Int == members.count)
            let themePage = try await analyst.get(SiteURL.Analysis.theme(shared.id!, theme.id!) + "?size=200").body.string
            #expect(!themePage.contains(insight.text), "as the theme's page")

            // Paging and bad parameters.
            let first = json(try await council.send(.GET, path.replacingOccurrences(of: "size=200", with: "size=1")))
            #expect((first["items"] as? [Any])?.count == 1 && first["size"] as? Int == 1 && first["total"] as? Int == members.count)
            let bad = try await council.send(.GET, path.replacingOccurrences(of: "size=200", with: "size=lots"))
            #expect(bad.status == .badRequest && (field(bad)) == "size")
            let badStatus = try await council.send(.GET, "/api/v1/analysis-runs?status=finished")
            #expect(badStatus.status == .badRequest && (field(badStatus)) == "status")
            #expect(ids(try await council.send(.GET, "/api/v1/analysis-runs?organisation=\(f.councilID.uuidString)")) == [councilRun.id!.uuidString])
            #expect(
                try await council.send(.GET, "/api/v1/analysis-runs/\(shared.id!.uuidString)/themes/\(councilTheme.id!.uuidString)/members").status
                    == .notFound,
                "a theme of another run")
        }
    }

    // MARK: - Decisions

    struct Trail {
        let space: UUID, meeting: UUID, item: UUID, decision: UUID, action: UUID
    }

    /// A space with a meeting, an item, a decision and an action owned by the council officer, made on the pages.
    func trail(_ app: Application, _ f: Fixture, _ x: DecisionsHTTPTests.World, isPublic: Bool, name: String) async throws -> Trail {
        let d = DecisionsHTTPTests()
        let (space, meeting) = try await d.spaceAndMeeting(app, f, x, isPublic: isPublic, name: name)
        try await x.secretary.get(SiteURL.Decisions.meeting(meeting))
        let item = try d.id(in: try d.location(try await x.secretary.postActivity(SiteURL.Decisions.items(meeting), [("title", "\(name) item")])))
        _ = try await x.secretary.postActivity(SiteURL.Decisions.decisions(item), [("text", "\(name) decided")])
        let decision = try #require(try await Decision.query(on: app.db).filter(\.$agendaItem.$id == item).first()).id!
        let made = try await x.secretary.postActivity(
            SiteURL.Decisions.actions(decision),
            [
                ("title", "\(name) action"), ("owner_id", x.officerID.uuidString),
                ("due_on", "2027-05-01"),
            ])
        #expect(made.status == .seeOther, "\(made.body.string.prefix(300))")
        let action = try #require(try await DecisionAction.query(on: app.db).filter(\.$decision.$id == decision).first()).id!
        return Trail(space: space, meeting: meeting, item: item, decision: decision, action: action)
    }

    @Test func aPrivateSpaceAndEverythingInItIs404ToOtherOrganisations() async throws {
        try await TestApp.run { app, f in
            let x = try await DecisionsHTTPTests().world(app, f, insights: 1)
            let hidden = try await trail(app, f, x, isPublic: false, name: "Wombat case panel")
            let open = try await trail(app, f, x, isPublic: true, name: "Parks board")
            let nhsViewer = try await APIClient.forUser(app, f.viewer)
            let viewerPages = try await Browser.signedIn(app, f.viewer)
            for path in [
                "/decision-spaces/\(hidden.space)", "/decision-spaces/\(hidden.space)/meetings", "/meetings/\(hidden.meeting)",
                "/decisions/\(hidden.decision)", "/actions/\(hidden.action)",
            ] {
                let res = try await nhsViewer.send(.GET, "/api/v1" + path)
                #expect(res.status == .notFound && !res.body.string.contains("Wombat"), "\(path)")
            }
            for path in [SiteURL.Decisions.space(hidden.space), SiteURL.Decisions.meeting(hidden.meeting), SiteURL.Decisions.action(hidden.action)] {
                #expect(try await viewerPages.get(path).status == .notFound, "as the page \(path)")
            }
            #expect(try await nhsViewer.send(.PATCH, "/api/v1/actions/\(hidden.action)", json: #"{"note":"Seen"}"#).status == .notFound)
            for path in ["/decision-spaces", "/actions", "/actions?space=\(hidden.space)"] {
                let res = try await nhsViewer.send(.GET, "/api/v1" + path)
                #expect(res.status == .ok && !res.body.string.contains("Wombat") && !res.body.string.contains(hidden.space.uuidString), "\(path)")
            }
            // The public space is there for everyone, as on its page.
            let spaces = items(try await nhsViewer.send(.GET, "/api/v1/decision-spaces"))
            #expect(spaces.map { $0["id"] as? String } == [open.space.uuidString])
            #expect(spaces.first?["is_member"] as? Bool == false && spaces.first?["is_secretary"] as? Bool == false)
            #expect(ids(try await nhsViewer.send(.GET, "/api/v1/actions")) == [open.action.uuidString])

            // Members see the private space: the secretary through the API, as on the pages.
            let secretary = try await APIClient.forUser(app, "secretary@council.test")
            let space = json(try await secretary.send(.GET, "/api/v1/decision-spaces/\(hidden.space)"))
            #expect(space["name"] as? String == "Wombat case panel" && space["is_public"] as? Bool == false && space["is_secretary"] as? Bool == true)
            let members = try #require(space["members"] as? [[String: Any]])
            #expect(
                members.contains {
                    $0["name"] as? String == "Amina Khan" && $0["role"] as? String == "Community representative" && $0["person_id"] is NSNull
                })
            #expect(members.contains { $0["name"] as? String == "Sam Secretary" && $0["is_secretary"] as? Bool == true })
            #expect(space["meeting_count"] as? Int == 1 && space["organisation_ids"] as? [String] == [f.councilID.uuidString])
            let meetings = items(try await secretary.send(.GET, "/api/v1/decision-spaces/\(hidden.space)/meetings"))
            #expect(meetings.map { $0["id"] as? String } == [hidden.meeting.uuidString] && meetings.first?["meets_on"] as? String == "2026-11-20")
            let meeting = json(try await secretary.send(.GET, "/api/v1/meetings/\(hidden.meeting)"))
            let agenda = try #require(meeting["agenda_items"] as? [[String: Any]])
            #expect(
                agenda.count == 1 && agenda[0]["title"] as? String == "Wombat case panel item"
                    && agenda[0]["decision_ids"] as? [String] == [hidden.decision.uuidString])
            let decision = json(try await secretary.send(.GET, "/api/v1/decisions/\(hidden.decision)"))
            #expect(decision["text"] as? String == "Wombat case panel decided" && decision["decided_on"] as? String == "2026-11-20")
            #expect((decision["actions"] as? [[String: Any]])?.map { $0["id"] as? String } == [hidden.action.uuidString])
            let page = try await x.secretary.get(SiteURL.Decisions.item(hidden.item)).body.string
            #expect(page.contains("Wombat case panel decided") && page.contains("Wombat case panel action"), "as the item's page")
            // The action's owner (not a member) sees the action itself, as on its page, but not the space.
            let owner = try await APIClient.forUser(app, f.officer)
            #expect(try await owner.send(.GET, "/api/v1/actions/\(hidden.action)").status == .ok)
            #expect(try await x.officer.get(SiteURL.Decisions.action(hidden.action)).status == .ok)
            #expect(try await owner.send(.GET, "/api/v1/decision-spaces/\(hidden.space)").status == .notFound)
            #expect(ids(try await owner.send(.GET, "/api/v1/actions?owner=me")) == [hidden.action.uuidString, open.action.uuidString])
        }
    }

    @Test func anActionIsUpdatedByItsOwnerWithThePagesRulesAndByNobodyElse() async throws {
        try await TestApp.run { app, f in
            let x = try await DecisionsHTTPTests().world(app, f, insights: 1)
            let t = try await trail(app, f, x, isPublic: true, name: "Parks board")
            let path = "/api/v1/actions/\(t.action.uuidString)"
            let owner = try await APIClient.forUser(app, f.officer)

            // Read: the action and its page agree.
            let before = json(try await owner.send(.GET, path))
            let action = try #require(before["action"] as? [String: Any])
            #expect(
                action["status"] as? String == "agreed" && action["due_on"] as? String == "2027-05-01"
                    && action["owner_name"] as? String == "Oscar Officer")
            #expect(
                action["can_update"] as? Bool == true && before["decision_text"] as? String == "Parks board decided"
                    && (before["notes"] as? [Any])?.isEmpty == true)
            let html = try await x.officer.get(SiteURL.Decisions.action(t.action)).body.string
            #expect(html.contains("Agreed") && html.contains("1 May 2027") && html.contains("Oscar Officer"))

            // Someone who may read it but not update it (another organisation's viewer) is refused; nothing changes.
            let viewer = try await APIClient.forUser(app, f.viewer)
            #expect((json(try await viewer.send(.GET, path))["action"] as? [String: Any])?["can_update"] as? Bool == false)
            let refused = try await viewer.send(.PATCH, path, json: #"{"status":"done","note":"Finished"}"#)
            #expect(refused.status == .forbidden)
            // The owner may not move the due date (the space's secretaries set it); nothing changes either.
            let due = try await owner.send(.PATCH, path, json: #"{"due_on":"2027-09-01","note":"Later"}"#)
            #expect(due.status == .forbidden)
            #expect(try await DecisionAction.find(t.action, on: app.db)?.status == "agreed")
            #expect(try await DecisionAction.find(t.action, on: app.db)?.dueDay == Day(iso: "2027-05-01")!.ordinal)
            #expect(try await ActionNote.query(on: app.db).count() == 0)

            // Bad input: a 400 naming the field, nothing saved.
            for (body, named) in [
                (#"{"status":"flying"}"#, "status"), (#"{"status":null}"#, "status"), (#"{"colour":"red"}"#, "colour"),
                (#"{"note":12}"#, "note"), (#"{"note":"x","note_on":"2026-02-30"}"#, "note_on"), (#"{"note":"x","note_on":"2999-01-01"}"#, "note_on"),
                (#"{}"#, "note"), (#"{"note":"   "}"#, "note"), (#"{"note":null}"#, "note"), ("[1]", "body"), ("{not json", "body"),
            ] {
                let res = try await owner.send(.PATCH, path, json: body)
                #expect(res.status == .badRequest && (field(res)) == named, "\(body): \(res.status) \(res.body.string.prefix(200))")
            }
            // Well formed, but not allowed from the action's current status: a 409 naming the field, nothing saved.
            for (body, named) in [(#"{"status":"proposed"}"#, "status"), (#"{"status":"not_doing"}"#, "reason"), (#"{"status":"agreed"}"#, "note")] {
                let res = try await owner.send(.PATCH, path, json: body)
                #expect(res.status == .conflict && (field(res)) == named, "\(body): \(res.status) \(res.body.string.prefix(200))")
            }
            #expect(try await ActionNote.query(on: app.db).count() == 0)
            #expect(try await DecisionAction.find(t.action, on: app.db)?.status == "agreed")

            // The owner moves it on with a note; the page shows the same, once, even when the request is retried.
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: owner.token!)
            headers.contentType = .json
            headers.add(name: "Idempotency-Key", value: "progress-1")
            let body = #"{"status":"in_progress","note":"Contractor booked","note_on":"2026-12-01"}"#
            let ok = try await app.testing().sendRequest(.PATCH, path, headers: headers, body: ByteBuffer(string: body))
            #expect(ok.status == .ok, "\(ok.body.string.prefix(300))")
            let again = try await app.testing().sendRequest(.PATCH, path, headers: headers, body: ByteBuffer(string: body))
            #expect(again.status == .ok && again.headers.first(name: "Idempotent-Replayed") == "true" && again.body.string == ok.body.string)
            let after = json(ok)
            #expect((after["action"] as? [String: Any])?["status"] as? String == "in_progress")
            let notes = try #require(after["notes"] as? [[String: Any]])
            #expect(
                notes.count == 1 && notes[0]["text"] as? String == "Contractor booked" && notes[0]["on"] as? String == "2026-12-01"
                    && notes[0]["from_status"] as? String == "agreed" && notes[0]["to_status"] as? String == "in_progress")
            #expect(try await ActionNote.query(on: app.db).count() == 1)
            let page = try await x.officer.get(SiteURL.Decisions.action(t.action)).body.string
            #expect(page.contains("In progress") && page.contains("Contractor booked"))

            // The space's secretary moves the due date.
            let secretary = try await APIClient.forUser(app, "secretary@council.test")
            let moved = try await secretary.send(.PATCH, path, json: #"{"due_on":"2027-09-01"}"#)
            #expect(
                moved.status == .ok && ((json(moved))["action"] as? [String: Any])?["due_on"] as? String == "2027-09-01",
                "\(moved.body.string.prefix(300))")
            #expect(((json(moved))["notes"] as? [[String: Any]])?.last?["text"] as? String == "Due date moved to 1 Sep 2027")
            let badDue = try await secretary.send(.PATCH, path, json: #"{"due_on":"soon"}"#)
            #expect(badDue.status == .badRequest && (field(badDue)) == "due_on")

            // The list, with its filters checked.
            #expect(ids(try await owner.send(.GET, "/api/v1/actions?status=in_progress&space=\(t.space)")) == [t.action.uuidString])
            #expect(ids(try await owner.send(.GET, "/api/v1/actions?status=done")).isEmpty)
            for (query, named) in [("status=finished", "status"), ("space=parks", "space"), ("owner=you", "owner"), ("page=two", "page")] {
                let res = try await owner.send(.GET, "/api/v1/actions?\(query)")
                #expect(res.status == .badRequest && (field(res)) == named, "\(query)")
            }
            #expect(try await owner.send(.PATCH, "/api/v1/actions/\(UUID().uuidString)", json: #"{"note":"x"}"#).status == .notFound)
        }
    }

    // MARK: - "You said, we did"

    @Test func reportsAreTheStaffListsAndDraftsNeverReachResidents() async throws {
        try await TestApp.run { app, f in
            let x = try await DecisionsHTTPTests().world(app, f, insights: 2)
            try await x.comms.get(SiteURL.Feedback.reports)
            let started = try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])
            let draftID = try DecisionsHTTPTests().id(in: try DecisionsHTTPTests().location(started))
            let draft = try #require(try await FeedbackReport.find(draftID, on: app.db))
            let translation = FeedbackTranslation()
            translation.$report.id = draftID; translation.language = "ur"; translation.title = "آپ نے کہا"; translation.whatWeAsked = "سوال"
            translation.whatYouSaid = "جواب"; translation.whatWeDid = "عمل"
            try await translation.create(on: app.db)
            let published = FeedbackReport()
            published.$theme.id = x.w.parks; published.fromDay = Day(iso: "2026-09-01")!.ordinal; published.toDay = Day(iso: "2026-10-31")!.ordinal
            published.title = "Parks this autumn"; published.whatWeAsked = "a"; published.whatYouSaid = "b"; published.whatWeDid = "c"
            published.status = FeedbackStatus.published.rawValue; published.publishedDay = Day(iso: "2026-11-15")!.ordinal
            try await published.create(on: app.db)

            // Another organisation's viewer gets the staff list's reports, as the list page shows them (drafts included:
            // every staff member reads them there), and may change none.
            let viewer = try await APIClient.forUser(app, f.viewer)
            let list = try await viewer.send(.GET, "/api/v1/feedback-reports")
            #expect(ids(list) == [draftID.uuidString, published.id!.uuidString])
            let listPage = try await Browser.signedIn(app, f.viewer).get(SiteURL.Feedback.reports).body.string
            for r in items(list) { #expect(listPage.contains(r["title"] as? String ?? "-")) }
            #expect(items(list).allSatisfy { $0["can_edit"] as? Bool == false })
            let themeRow = try #require(items(list).first { $0["id"] as? String == published.id!.uuidString })
            #expect(
                themeRow["scope"] as? String == "theme" && themeRow["theme_name"] as? String == "Parks" && themeRow["from"] as? String == "2026-09-01"
                    && themeRow["published_on"] as? String == "2026-11-15"
                    && themeRow["public_path"] as? String == SiteURL.Feedback.publicReport(published.id!))
            #expect(ids(try await viewer.send(.GET, "/api/v1/feedback-reports?status=published")) == [published.id!.uuidString])
            #expect(ids(try await viewer.send(.GET, "/api/v1/feedback-reports?scope=activity")) == [draftID.uuidString])
            let bad = try await viewer.send(.GET, "/api/v1/feedback-reports?status=live")
            #expect(bad.status == .badRequest && (field(bad)) == "status")

            // The draft in full, with its translation, as the editor shows it; its comms may change it.
            let comms = try await APIClient.forUser(app, "comms@council.test")
            let one = json(try await comms.send(.GET, "/api/v1/feedback-reports/\(draftID.uuidString)"))
            #expect(one["status"] as? String == "draft" && one["title"] as? String == draft.title && one["what_we_did"] as? String == draft.whatWeDid)
            #expect(
                one["activity_id"] as? String == x.activity.uuidString && one["activity_title"] as? String == "Quayside park survey"
                    && one["public_path"] is NSNull)
            #expect(one["can_edit"] as? Bool == true)
            let translations = try #require(one["translations"] as? [[String: Any]])
            #expect(translations.count == 1 && translations[0]["language"] as? String == "ur" && translations[0]["title"] as? String == "آپ نے کہا")
            let editor = try await x.comms.get(SiteURL.Feedback.edit(draftID)).body.string
            #expect(editor.contains("id=\"report-status\">Draft"))

            // Residents never see a draft: not on the public list, not by id; and the API needs a token.
            let publicList = try await Browser(app).get(SiteURL.Feedback.publicList).body.string
            #expect(publicList.contains("Parks this autumn") && !publicList.contains(draft.title))
            #expect(try await Browser(app).get(SiteURL.Feedback.publicReport(draftID)).status == .notFound)
            #expect(try await APIClient(app: app, token: nil).send(.GET, "/api/v1/feedback-reports").status == .unauthorized)
            #expect(try await viewer.send(.GET, "/api/v1/feedback-reports/\(UUID().uuidString)").status == .notFound)
        }
    }
}
