import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The activity page's thread (plan → insights → analyses → agenda items → decisions → actions → report): each
/// stage's count as the reader may see it (their organisation's wall, the spaces they may see), and the next steps
/// offered only to whoever may take them.
@Suite struct ActivityThreadTests {
    func person(_ app: Application, _ name: String, _ email: String, _ role: Role, _ org: UUID) async throws -> String {
        let p = Person()
        p.name = name; p.email = email; p.role = role.rawValue; p.$organisation.id = org; p.active = true
        p.passwordHash = try Bcrypt.hash(TestApp.password, cost: 4)
        try await p.create(on: app.db)
        return email
    }

    @discardableResult
    func insight(_ app: Application, org: UUID, activity: UUID?, sharing: SharingLevel, text: String = "The park gates close too early") async throws
        -> UUID
    {
        let i = Insight()
        i.$organisation.id = org; i.$activity.id = activity; i.kind = InsightKind.quote.rawValue; i.text = text; i.redactedKinds = ""
        i.heardDay = Day(iso: "2026-10-02")!.ordinal; i.peopleCount = 1; i.sharing = sharing.rawValue; i.feedbackOptIn = false
        try await i.create(on: app.db)
        return i.id!
    }

    /// A council activity registered through the form by the officer.
    func register(_ app: Application, _ officer: Browser, title: String = "Quayside park survey") async throws -> UUID {
        let place = try await Place.query(on: app.db).first()?.id
        let theme = try await Theme.query(on: app.db).first()?.id
        let w = place == nil ? try await RegisterWorld.make(app) : nil
        try await officer.get("/activities/new")
        let res = try await officer.postActivity(
            "/activities",
            [
                ("title", title), ("purpose", "To decide what to fix"), ("theme_ids", (w?.parks ?? theme!).uuidString), ("methods", "survey"),
                ("ladder_level", "consult"), ("status", "open"), ("starts_on", "2026-09-01"), ("ends_on", "2026-10-31"),
                ("place_ids", (w?.quayside ?? place!).uuidString), ("is_public", "true"),
            ])
        #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
        return try #require(try await Activity.query(on: app.db).filter(\.$title == title).first()?.id)
    }

    /// The text of one stage (`thread-<key>`) of the page, up to the next stage.
    func stage(_ html: String, _ key: String) -> String {
        guard let r = html.range(of: "id=\"thread-\(key)\"") else { return "" }
        let rest = html[r.upperBound...]
        let end = rest.range(of: "class=\"thread-stage\"")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @discardableResult
    func run(_ app: Application, org: UUID, scope: String, privateToOrganisation: Bool, title: String) async throws -> UUID {
        let r = AnalysisRun()
        r.title = title; r.scopeQuery = scope; r.$organisation.id = org; r.seed = 1; r.status = AnalysisRun.Status.done.rawValue
        r.progress = 1; r.insightCount = 3; r.unassignedCount = 0; r.privateToOrganisation = privateToOrganisation
        try await r.create(on: app.db)
        return r.id!
    }

    /// A space with one meeting, one item (briefing on `bundle`, if given), one decision linked to `activity`, and actions.
    func decided(
        _ app: Application, space name: String, isPublic: Bool, activity: UUID, bundle: UUID?, actions: [ActionStatus], org: UUID
    ) async throws {
        let s = DecisionSpace()
        s.name = name; s.kind = DecisionSpaceKind.board.rawValue; s.remit = "Parks"; s.isPublic = isPublic
        try await s.create(on: app.db)
        let m = Meeting()
        m.$space.id = s.id!; m.title = name + " meeting"; m.meetingDay = Day(iso: "2026-11-20")!.ordinal
        try await m.create(on: app.db)
        let i = AgendaItem()
        i.$meeting.id = m.id!; i.position = 1; i.title = name + " item"; i.$bundle.id = bundle
        try await i.create(on: app.db)
        let d = Decision()
        d.$agendaItem.id = i.id!; d.$space.id = s.id!; d.text = "Open the gates later"; d.decidedDay = Day(iso: "2026-11-20")!.ordinal
        try await d.create(on: app.db)
        try await DecisionLink(decision: d.id!, kind: .activity, target: activity).create(on: app.db)
        for (n, status) in actions.enumerated() {
            let a = DecisionAction()
            a.$decision.id = d.id!; a.$space.id = s.id!; a.title = "Action \(n)"; a.$organisation.id = org; a.status = status.rawValue
            a.statusDay = d.decidedDay
            try await a.create(on: app.db)
        }
    }

    @Test func eachStageCountsWhatTheReaderMaySeeAndNoMore() async throws {
        try await TestApp.run { app, f in
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            let id = try await register(app, officer)
            // Three shared with the partnership, two the council's own, one the NHS trust's own, one of another activity.
            var shared: [UUID] = []
            for _ in 0..<3 { shared.append(try await insight(app, org: f.councilID, activity: id, sharing: .partnership)) }
            for _ in 0..<2 { try await insight(app, org: f.councilID, activity: id, sharing: .organisation, text: "Council only: the keyholder") }
            try await insight(app, org: f.nhsID, activity: id, sharing: .organisation, text: "NHS only: the clinic")
            try await insight(app, org: f.councilID, activity: nil, sharing: .partnership)
            // A run scoped to the activity that only the council sees, and one every partner sees.
            let councilRun = try await run(
                app, org: f.councilID, scope: "activity=\(id.uuidString)", privateToOrganisation: true, title: "Council-only run")
            try await run(
                app, org: f.councilID, scope: "activity=\(id.uuidString.lowercased())&q=gates", privateToOrganisation: false, title: "Shared run")
            try await run(app, org: f.councilID, scope: "q=gates", privateToOrganisation: false, title: "Unrelated run")
            // A bundle holding one of its insights, briefed on in a public space; a private space nobody here belongs to.
            let bundle = InsightBundle()
            bundle.title = "Park gates"; bundle.$organisation.id = f.councilID
            try await bundle.create(on: app.db)
            try await InsightBundleItem(bundle: bundle.id!, insight: shared[0]).create(on: app.db)
            try await decided(
                app, space: "Parks board", isPublic: true, activity: id, bundle: bundle.id!, actions: [.agreed, .done], org: f.councilID)
            try await decided(app, space: "Closed panel", isPublic: false, activity: id, bundle: nil, actions: [.agreed], org: f.councilID)
            // An item of a public space briefing on the council-only run: on the thread only for those who see the run.
            let space = DecisionSpace()
            space.name = "Runs board"; space.kind = DecisionSpaceKind.board.rawValue; space.remit = "Parks"; space.isPublic = true
            try await space.create(on: app.db)
            let meeting = Meeting()
            meeting.$space.id = space.id!; meeting.title = "Runs meeting"; meeting.meetingDay = Day(iso: "2026-11-27")!.ordinal
            try await meeting.create(on: app.db)
            let item = AgendaItem()
            item.$meeting.id = meeting.id!; item.position = 1; item.title = "Run briefing"; item.analysisRunID = councilRun
            try await item.create(on: app.db)

            let mine = try await officer.get(SiteURL.Register.show(id)).body.string
            #expect(stage(mine, "insights").contains("5 insights heard during this activity"), "\(stage(mine, "insights"))")
            #expect(stage(mine, "analyses").contains("2 analysis runs") && mine.contains("Council-only run") && !mine.contains("Unrelated run"))
            #expect(stage(mine, "agenda").contains("2 agenda items took up") && mine.contains("Parks board item") && mine.contains("Run briefing"))
            #expect(!mine.contains("Closed panel"))
            #expect(stage(mine, "decisions").contains("1 decision"))
            #expect(stage(mine, "actions").contains("2 actions: 1 agreed, 1 done"), "\(stage(mine, "actions"))")
            #expect(stage(mine, "report").contains("Not started"))

            // The NHS trust's viewer: the shared three and their own one; never the council's own two or its private run.
            let viewer = Browser(app)
            try await viewer.signIn(f.viewer)
            let theirs = try await viewer.get(SiteURL.Register.show(id)).body.string
            #expect(stage(theirs, "insights").contains("4 insights heard during this activity"), "\(stage(theirs, "insights"))")
            #expect(stage(theirs, "analyses").contains("1 analysis run ") && !theirs.contains("Council-only run") && theirs.contains("Shared run"))
            #expect(!theirs.contains("Council only: the keyholder"))
            #expect(stage(theirs, "agenda").contains("1 agenda item took up") && !theirs.contains("Run briefing"))

            // The insights list the stage links to finds the same ones for the reader.
            let listed = try await officer.get(SiteURL.with(SiteURL.Insights.list, ["activity": id.uuidString]))
            #expect(listed.status.code == 200 && listed.body.string.contains("Council only: the keyholder"))
            #expect(!listed.body.string.contains("NHS only: the clinic"))
        }
    }

    @Test func nextStepsAreOfferedOnlyToThoseWhoMayTakeThem() async throws {
        try await TestApp.run { app, f in
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            let id = try await register(app, officer)
            try await insight(app, org: f.councilID, activity: id, sharing: .partnership)

            let page = try await officer.get(SiteURL.Register.show(id)).body.string
            let record = "href=\"/insights/new?activity=\(id.uuidString)\""
            #expect(stage(page, "plan").contains("Plan this activity"))
            #expect(stage(page, "insights").contains(record) && stage(page, "insights").contains("Import insights"))
            #expect(
                stage(page, "analyses").contains("action=\"\(SiteURL.Analysis.create)\"")
                    && stage(page, "analyses").contains("activity=\(id.uuidString)"))
            #expect(stage(page, "agenda").contains("Take to a decision space"))
            // Officers do not write reports: the communications team does.
            #expect(!stage(page, "report").contains("Start the report"))

            let viewer = Browser(app)
            try await viewer.signIn(f.viewer)
            let seen = try await viewer.get(SiteURL.Register.show(id)).body.string
            #expect(seen.contains("id=\"thread\""))
            for step in [
                "Plan this activity", "Record an insight for this activity", "Import insights", ">Analyse<", "Take to a decision space",
                "Start the report",
            ] {
                #expect(!seen.contains(step), "a viewer is offered \(step)")
            }

            // The council's communications officer starts the report from here; the NHS trust's may not.
            let comms = Browser(app)
            try await comms.signIn(try await person(app, "Cal Comms", "comms@council.test", .comms, f.councilID))
            let forComms = try await comms.get(SiteURL.Register.show(id)).body.string
            #expect(stage(forComms, "report").contains("action=\"\(SiteURL.Feedback.create(id))\"") && forComms.contains("Start the report"))
            let nhsComms = Browser(app)
            try await nhsComms.signIn(try await person(app, "Nia Comms", "comms@nhs.test", .comms, f.nhsID))
            #expect(!(try await nhsComms.get(SiteURL.Register.show(id)).body.string).contains("Start the report"))

            // The button starts the report (the activity is still open); its status then shows and the stage links to it.
            let started = try await comms.post(SiteURL.Feedback.create(id), [:])
            #expect(started.status == .seeOther, "\(started.body.string.prefix(300))")
            let r = try #require(try await FeedbackReport.query(on: app.db).filter(\.$activity.$id == id).first())
            #expect(started.headers.first(name: .location) == SiteURL.Feedback.edit(r.id!))
            let withReport = stage(try await comms.get(SiteURL.Register.show(id)).body.string, "report")
            #expect(withReport.contains("Draft") && withReport.contains(SiteURL.Feedback.edit(r.id!)) && !withReport.contains("Start the report"))
        }
    }

    @Test func anOfficerSeesTheirActivitysHistoryButNotTheWholeLog() async throws {
        try await TestApp.run { app, f in
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            let id = try await register(app, officer, title: "Library <hours> \"survey\"")
            let other = try await register(app, officer, title: "Another activity")
            let page = try await officer.get(SiteURL.Register.show(id)).body.string
            #expect(page.contains("href=\"\(SiteURL.Audit.activityHistory(id))\""))
            let history = try await officer.get(SiteURL.Audit.activityHistory(id))
            #expect(history.status.code == 200)
            let body = history.body.string
            #expect(body.contains("Change history: Library &lt;hours&gt;") && !body.contains("<hours>"))
            #expect(body.contains("Oscar Officer") && !body.contains("Another activity"))
            _ = other
            // Still not the whole log.
            #expect(try await officer.get(SiteURL.audit).status.code == 403)
            // Someone who may not edit the activity does not see its history.
            let viewer = Browser(app)
            try await viewer.signIn(f.viewer)
            #expect(try await viewer.get(SiteURL.Audit.activityHistory(id)).status.code == 403)
            #expect(try await officer.get(SiteURL.Audit.activityHistory(UUID())).status.code == 404)
        }
    }

    @Test func anAgendaItemOnASavedSearchOfTheActivityIsOnItsThread() async throws {
        try await TestApp.run { app, f in
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            let id = try await register(app, officer)
            try await insight(app, org: f.councilID, activity: id, sharing: .partnership)
            // A saved search (no hand-picked items) on this activity, and one on another activity.
            for (title, activity) in [("Activity search", id), ("Another search", UUID())] {
                let b = InsightBundle()
                b.title = title; b.$organisation.id = f.councilID; b.query = "q=gates&activity=\(activity.uuidString)"
                try await b.create(on: app.db)
                let s = DecisionSpace()
                s.name = title + " board"; s.kind = DecisionSpaceKind.board.rawValue; s.remit = "Parks"; s.isPublic = true
                try await s.create(on: app.db)
                let m = Meeting()
                m.$space.id = s.id!; m.title = "Meeting"; m.meetingDay = Day(iso: "2026-11-20")!.ordinal
                try await m.create(on: app.db)
                let i = AgendaItem()
                i.$meeting.id = m.id!; i.position = 1; i.title = title + " item"; i.$bundle.id = b.id!
                try await i.create(on: app.db)
            }
            let agenda = stage(try await officer.get(SiteURL.Register.show(id)).body.string, "agenda")
            #expect(agenda.contains("1 agenda item took up") && agenda.contains("Activity search item"), "\(agenda)")
            #expect(!agenda.contains("Another search item"), "\(agenda)")
        }
    }
}
