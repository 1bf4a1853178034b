import Vapor
import Fluent
import ChorusCore

/// "What's happening near me": open and upcoming public activities by ward or postcode, and iCalendar feeds.
/// No sign-in; works without JavaScript. Only activities marked public and not drafts appear, and only their
/// public fields (no staff names or emails).
enum PublicController {
    typealias URLs = SiteURL.Register.Route

    static func routes(_ r: FeatureRoutes) {
        r.publicPages.get(URLs.nearMe, use: nearMe)
        // Also the feeds, `/whats-on/<code>.ics` and `/whats-on/borough.ics`: Vapor matches whole path segments, so
        // "<code>.ics" cannot be a pattern of its own; this handler tells a feed by its suffix, as it always has.
        r.publicPages.get(URLs.publicActivity, use: activityOrFeed)
    }

    @Sendable static func nearMe(_ req: Request) async throws -> Response {
        let page = try await RegisterPages.nearMe(req.queryValues, window: req.pageRequest, today: Day(Date()), req.db)
        return PublicViews.nearMe(page, req.page).response(req.page)
    }

    @Sendable static func activityOrFeed(_ req: Request) async throws -> Response {
        // "borough.ics" and "<code>.ics" are feeds; anything else must be a public activity id.
        let param = req.parameters.get("id") ?? ""
        if param.hasSuffix(".ics") { return try await feed(req, code: String(param.dropLast(4))) }
        guard let summary = try await RegisterPages.publicActivity(param, req.db) else { throw Abort(.notFound) }
        let notice = try await PrivacyNotices.forActivity(summary.id, organisation: summary.organisationName, req.db)
        let surveys = try await SurveyService.publicSurveys(activity: summary.id, today: Day(Date()), language: req.language, req.db)
        let venue = try await DirectoryReads.publicVenue(of: summary.id, req.db)
        return PublicViews.activity(summary, notice: notice, surveys: surveys, venue: venue, req.page).response(req.page)
    }

    /// An iCalendar feed of public activities for one ward (with borough-wide ones) or the whole borough.
    static func feed(_ req: Request, code: String) async throws -> Response {
        guard
            let calendar = try await RegisterPages.feed(
                code: code, today: Day(Date()), boroughName: req.t("public.feed_borough"),
                wardName: { req.t("public.feed_ward", $0) }, boroughWide: req.t("activity.borough_wide_short"),
                baseURL: req.application.chorusConfig.baseURL, req.db)
        else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(code.lowercased()).ics\"")
        return Response(status: .ok, headers: headers, body: .init(string: calendar))
    }
}
