import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

@Suite struct AuthTests {
    @Test func wrongPasswordIsRefusedWithAMessageAndNoSession() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            let res = try await b.signIn(f.admin, password: "not the password")
            #expect(res.status == .unauthorized)
            #expect(res.body.string.contains("The email address or password is not right"))
            #expect(res.body.string.contains("There is a problem"))
            #expect(b.cookies[StaffSessions.cookieName] == nil)
            #expect(try await b.get("/admin/places").status == .seeOther)
        }
    }

    @Test func signInSetsAnHttpOnlySameSiteSessionStoredInTheDatabase() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            let res = try await b.signIn(f.admin)
            #expect(res.status == .seeOther)
            let cookie = res.headers[.setCookie].first { $0.hasPrefix(StaffSessions.cookieName + "=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            #expect(try await StaffSession.query(on: app.db).count() == 1)
            let home = try await b.get("/")
            #expect(home.body.string.contains("Signed in as <bdi>Ada Admin</bdi> of <bdi>Test Council</bdi>"))
            // Sign out ends the session in the database, not just in the browser.
            try await b.post("/sign-out", [:])
            #expect(try await StaffSession.query(on: app.db).count() == 0)
            #expect(try await b.get("/admin/places").status == .seeOther)
        }
    }

    @Test func failedSignInsAreThrottledPerAccount() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            for _ in 0..<5 { #expect(try await b.signIn(f.officer, password: "guess").status == .unauthorized) }
            // Even the right password is refused while the account is locked.
            let locked = try await b.signIn(f.officer)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.string.contains("Too many failed attempts"))
            // Another account from the same address is not locked by five failures.
            #expect(try await b.signIn(f.admin).status == .seeOther)
        }
    }

    @Test func deactivatedPeopleCannotSignInAndLoseTheirSessions() async throws {
        try await TestApp.run { app, f in
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            #expect(try await officer.get("/account/tokens").status == .ok)
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            let person = try await Person.query(on: app.db).filter(\.$email == f.officer).first()!
            try await admin.get("/admin/people/\(person.id!.uuidString)/edit")
            #expect(try await admin.post("/admin/people/\(person.id!.uuidString)/deactivate", [:]).status == .seeOther)
            #expect(try await officer.get("/account/tokens").status == .seeOther)
            #expect(try await Browser(app).signIn(f.officer).status == .unauthorized)
            let events = try await AuditEvent.query(on: app.db).filter(\.$action == "deactivate").all()
            #expect(events.count == 1 && events[0].entityID == person.id)
        }
    }

    @Test func secureCookieFollowsAnHttpsBaseURL() throws {
        let https = try AppConfig.fromEnvironment(["CHORUS_BASE_URL": "https://chorus.example.org"])
        #expect(https.secureCookies)
        #expect(!(try AppConfig.fromEnvironment([:])).secureCookies)
        let cookie = StaffSessions.cookie("x", secure: true)
        #expect(cookie.isSecure && cookie.isHTTPOnly && cookie.sameSite == .lax)
    }

    @Test func backLinksCannotRedirectOffSite() {
        #expect(SiteURL.safeBack("//evil.example/x") == "/")
        #expect(SiteURL.safeBack("https://evil.example") == "/")
        #expect(SiteURL.safeBack("/admin/places?q=a") == "/admin/places?q=a")
    }
}

@Suite struct CSRFAndAccessTests {
    @Test func formWithoutTheCSRFTokenIs403AndChangesNothing() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            try await b.get("/admin/places/new")
            let before = try await Place.query(on: app.db).count()
            let res = try await b.post("/admin/places", ["code": "E05000001", "name": "Forged", "kind": "ward"], csrf: false)
            #expect(res.status == .forbidden)
            #expect(res.body.string.contains("This form has expired"))
            let wrong = try await b.post("/admin/places", ["code": "E05000001", "name": "Forged", "kind": "ward", "_csrf": "nope"], csrf: false)
            #expect(wrong.status == .forbidden)
            #expect(try await Place.query(on: app.db).count() == before)
        }
    }

    @Test func signInItselfNeedsTheCSRFToken() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            let res = try await b.post("/sign-in", ["email": f.admin, "password": TestApp.password], csrf: false)
            #expect(res.status == .forbidden)
        }
    }

    @Test func viewerCannotReachAdminPagesOrWriteThroughTheAPI() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.viewer)
            for path in ["/admin/places", "/admin/people", "/admin/organisations/new", "/admin/audit", "/admin/audit.csv", "/admin/places/import"] {
                let res = try await b.get(path)
                #expect(res.status == .forbidden, "\(path)")
            }
            #expect(try await b.get("/admin/places").body.string.contains("You do not have access to this page"))
            let api = try await APIClient.forUser(app, f.viewer)
            #expect(try await api.send(.GET, "/api/v1/places").status == .ok)
            #expect(try await api.send(.POST, "/api/v1/places", json: #"{"code":"E05000001","name":"X","kind":"ward"}"#).status == .forbidden)
            #expect(try await api.send(.GET, "/api/v1/audit-events").status == .forbidden)
        }
    }

    @Test func anonymousVisitorsAreSentToSignInAndBack() async throws {
        try await TestApp.run { app, _ in
            let res = try await Browser(app).get("/admin/places?q=x")
            #expect(res.status == .seeOther)
            let location = res.headers.first(name: .location) ?? ""
            #expect(location.hasPrefix("/sign-in?"))
            #expect(URLComponents(string: location)?.queryItems?.first { $0.name == "back" }?.value == "/admin/places?q=x")
        }
    }
}
