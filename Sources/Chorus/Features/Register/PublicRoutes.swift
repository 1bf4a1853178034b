import Vapor
import Fluent
import ChorusCore

/// "What's happening near me": open and upcoming public activities by ward or postcode, and iCalendar feeds.
/// No sign-in; works without JavaScript. Only activities marked public and not drafts appear, and only their
/// public fields (no staff names or emails).
enum PublicRoutes {
    static func register(html: any RoutesBuilder) {
        let w = html.grouped("whats-on")
        w.get { req in
            let q = req.queryValues
            let wards = try await Place.query(on: req.db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$name).all()
            var ward: Place? = nil
            var error: FieldError? = nil
            if let code = q["ward"] {
                ward = wards.first { $0.code == code.uppercased() }
                if ward == nil { error = FieldError("ward", req.t("public.unknown_ward")) }
            } else if let postcode = q["postcode"] {
                if let outward = Postcode.outward(postcode) {
                    ward = wards.first { Postcode.districts($0.postcodeDistricts ?? "").contains(outward) }
                    if ward == nil { error = FieldError("postcode", req.t("public.postcode_not_here", outward)) }
                } else {
                    error = FieldError("postcode", req.t("public.postcode_invalid"))
                }
            }
            if let ward {
                var filter = try RegisterQueries.filter([:], viewer: nil)
                filter.ward = ward.id
                filter.from = Day(Date())
                let page = try await RegisterQueries.page(req.db, filter, req.pageRequest, newestFirst: false)
                return PublicViews.nearMe(req, wards: wards, ward: ward, page: page, error: nil)
            }
            return PublicViews.nearMe(req, wards: wards, ward: nil, page: nil, error: error)
        }
        w.get(":id") { req in
            // "borough.ics" and "<code>.ics" are feeds; anything else must be a public activity id.
            let param = req.parameters.get("id") ?? ""
            if param.hasSuffix(".ics") { return try await feed(req, code: String(param.dropLast(4))) }
            guard let id = UUID(uuidString: param), let a = try await Activity.find(id, on: req.db), a.isPublic,
                  a.status != ActivityStatus.draft.rawValue else { throw Abort(.notFound) }
            let summary = try await RegisterQueries.summaries([a], req.db)[0]
            return PublicViews.activity(req, summary)
        }
    }

    /// An iCalendar feed of public activities for one ward (with borough-wide ones) or the whole borough.
    static func feed(_ req: Request, code: String) async throws -> Response {
        var filter = try RegisterQueries.filter([:], viewer: nil)
        filter.from = Day(Date()).adding(days: -90)
        let name: String
        if code.lowercased() == "borough" {
            name = req.t("public.feed_borough")
        } else {
            guard let place = try await Place.query(on: req.db).filter(\.$code == code.uppercased()).first() else { throw Abort(.notFound) }
            filter.ward = place.id
            name = req.t("public.feed_ward", place.name)
        }
        let items = try await RegisterQueries.query(req.db, filter).sort(\.$startDay).limit(2000).all()
        let summaries = try await RegisterQueries.summaries(items, req.db)
        let base = req.application.chorusConfig.baseURL.absoluteString.trimmingSuffix("/")
        let host = req.application.chorusConfig.baseURL.host ?? "chorus"
        let events = zip(items, summaries).map { a, s in
            ICalendar.Event(uid: "\(s.id.uuidString.lowercased())@\(host)", summary: s.title, description: s.publicSummary ?? "",
                            location: s.boroughWide ? req.t("activity.borough_wide_short") : s.places.joined(separator: ", "),
                            url: base + SiteURL.Register.publicActivity(s.id), start: s.start, end: s.end,
                            lastModified: a.updatedAt ?? a.createdAt ?? Date())
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(code.lowercased()).ics\"")
        return Response(status: .ok, headers: headers, body: .init(string: ICalendar.feed(name: name, events: events)))
    }
}
