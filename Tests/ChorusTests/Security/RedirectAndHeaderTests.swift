import Foundation
import Testing
import VaporTesting
@testable import Chorus
import ChorusCore

/// Issue 15 (2, 9): `back` can neither leave the site nor add a header; responses are not cached.
@Suite struct RedirectAndHeaderTests {
    @Test func backMustBeAPlainPathOnThisSite() {
        for bad in [
            "/\r\nSet-Cookie: x=1", "/\nX: 1", "/\t/evil.example", "/ /evil.example", "/\\evil.example", "//evil.example",
            "/%0d%0a\r\n", "https://evil.example", "/\u{0}x", "/ünïcode", "/\"><x", " /x", "javascript:alert(1)",
        ] {
            #expect(SiteURL.safeBack(bad) == "/", "\(bad.debugDescription) was accepted")
        }
        for good in ["/", "/admin/places?q=a", "/insights?q=parks%20and%20play&page=2", "/whats-on?postcode=HS1%201AA", "/%2F%2Fx"] {
            #expect(SiteURL.safeBack(good) == good)
        }
    }

    @Test func aLanguageSwitchCannotSetACookieOrLeaveTheSite() async throws {
        try await TestApp.run { app, _ in
            let b = Browser(app)
            let injected = try await b.get("/language/en?back=/%0D%0ASet-Cookie:%20chorus_session=attacker;%20Path=/%0D%0AX-Injected:%201")
            #expect(injected.status == .seeOther)
            #expect(injected.headers.first(name: .location) == "/")
            #expect(!injected.headers[.setCookie].contains { $0.contains("attacker") })
            #expect(injected.headers.first(name: "X-Injected") == nil)
            let tab = try await b.get("/language/en?back=/%09/evil.example")
            #expect(tab.headers.first(name: .location) == "/")
            let fine = try await b.get("/language/ur?back=%2Finsights%3Fq%3Dparks")
            #expect(fine.headers.first(name: .location) == "/insights?q=parks")
        }
    }

    @Test func aHeaderValueWithALineBreakIsDroppedBeforeItIsSent() async throws {
        try await TestApp.run { app, _ in
            app.get("test-header") { _ -> Response in
                let res = Response(status: .seeOther)
                res.headers.replaceOrAdd(name: .location, value: "/x\r\nSet-Cookie: a=b")
                res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"a\nb.csv\"")
                res.headers.replaceOrAdd(name: "X-Fine", value: "yes")
                return res
            }
            let res = try await app.testing().sendRequest(.GET, "/test-header")
            #expect(res.headers.first(name: .location) == "/")
            #expect(res.headers.first(name: .contentDisposition) == nil)
            #expect(res.headers.first(name: "X-Fine") == "yes")
            #expect(!res.headers.contains { $0.value.contains("\n") || $0.value.contains("\r") })
        }
    }

    @Test func pagesCSVAndAPIAnswersAreNotStoredByCachesAndBaseIsRefused() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            for path in ["/admin/people.csv", "/activities.csv", "/insights.csv", "/admin/audit.csv", "/"] {
                let res = try await b.get(path)
                #expect(res.status == .ok, "\(path)")
                #expect(res.headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
            let api = try await APIClient.forUser(app, f.admin)
            for path in ["/api/v1/me", "/api/v1/people", "/api/v1/insights"] {
                #expect(try await api.send(.GET, path).headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
            let csp = try await b.get("/").headers.first(name: "Content-Security-Policy") ?? ""
            #expect(csp.contains("base-uri 'none'") && csp.contains("form-action 'self'"))
            #expect(try await b.get("/assets/chorus.css").headers.first(name: .cacheControl)?.contains("max-age") == true)
        }
    }

    @Test func apiBodiesAreLimitedTo1MBExceptTheInsightBatch() async throws {
        try await TestApp.run { app, f in
            let api = try await APIClient.forUser(app, f.admin)
            let big = #"{"name":""# + String(repeating: "a", count: 1_100_000) + #"","type":"vcse"}"#
            #expect(try await api.send(.POST, "/api/v1/organisations", json: big).status == .payloadTooLarge)
        }
    }
}
