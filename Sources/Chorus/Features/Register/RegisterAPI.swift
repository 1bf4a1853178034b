import Vapor
import Fluent
import ChorusCore

/// /api/v1/activities: CRUD, search and overlaps.
enum RegisterAPI {
    static func register(_ api: any RoutesBuilder, docs: APIDocs) {
        docs.addSchema("Activity", RegisterService.outputSchema)
        docs.addSchema("ActivityInput", inputSchema(partial: false))
        docs.addSchema("ActivityPatch", inputSchema(partial: true))
        docs.addSchema(
            "Overlap",
            .object(
                [
                    "activity": .ref("Activity"), "shared_place_ids": .array(.string(format: "uuid")), "borough_wide": .boolean,
                    "shared_theme_ids": .array(.string(format: "uuid")), "shared_audience_ids": .array(.string(format: "uuid")),
                    "days_concurrent": .integer(minimum: 0), "gap_days": .integer(minimum: 0),
                    "lead_name": .string(nullable: true), "lead_email": .string(nullable: true),
                ],
                required: [
                    "activity", "shared_place_ids", "borough_wide", "shared_theme_ids", "shared_audience_ids", "days_concurrent", "gap_days",
                    "lead_name", "lead_email",
                ]))
        let list = Schema.object(
            [
                "items": .array(.ref("Activity")), "page": .integer(minimum: 1), "size": .integer(minimum: 1),
                "total": .integer(minimum: 0),
            ], required: ["items", "page", "size", "total"])
        var query: [(name: String, schema: Schema, description: String)] = RegisterQueries.filterSpecs.map {
            ($0.name, $0.schema(nullable: false), $0.description)
        }
        query += [
            ("page", .integer(minimum: 1), "Page number, from 1"), ("size", .integer(minimum: 1, maximum: PageWindow.maxSize), "Items per page"),
        ]

        docs.route(api, .GET, "/activities", summary: "Search the register", tag: "activities", response: list, query: query) { req in
            let filter = try RegisterQueries.filter(req.queryValues, viewer: try req.requireUser())
            let total = try await RegisterQueries.query(req.db, filter).count()
            let p = req.pageRequest
            let items = try await RegisterQueries.query(req.db, filter).sort(\.$startDay, .descending).sort(\.$title)
                .range(p.offset..<(p.offset + p.size)).all()
            return try APIResponse.json(APIListBody(items: try await RegisterService.dtos(items, req.db), page: p.page, size: p.size, total: total))
        }
        docs.route(api, .GET, "/activities/{id}", summary: "One activity", tag: "activities", response: .ref("Activity")) { req in
            let user = try req.requireUser()
            let a = try await RegisterService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            return try APIResponse.json(try await RegisterService.dto(a, req.db))
        }
        docs.route(
            api, .POST, "/activities", summary: "Register an activity (officers: for their organisation)", tag: "activities",
            request: .ref("ActivityInput"), response: .ref("Activity"), success: .created
        ) { req in
            let user = try req.requireUser()
            guard user.role.canRegisterEngagement else { throw Abort(.forbidden, reason: "Only officers and partnership admins register activities") }
            let input = try Input.json(req, specs: RegisterService.specs)
            let a = try await APIWrite.run(input, specs: RegisterService.specs, contradictions: { contradictions($0, partial: false) }) {
                try await RegisterService.create(input, user: user, on: req.db)
            }
            return try APIResponse.json(try await RegisterService.dto(a, req.db), status: .created)
        }
        docs.route(
            api, .PATCH, "/activities/{id}", summary: "Change an activity (only the fields sent)", tag: "activities",
            request: .ref("ActivityPatch"), response: .ref("Activity")
        ) { req in
            let user = try req.requireUser()
            let id = req.parameters.get("id", as: UUID.self)
            try RegisterService.requireEditor(user, try await RegisterService.find(id, req.db))
            let input = try Input.json(req, specs: RegisterService.specs)
            let a = try await APIWrite.run(input, specs: RegisterService.specs, partial: true, contradictions: { contradictions($0, partial: true) })
            {
                try await RegisterService.update(id, input, partial: true, user: user, on: req.db)
            }
            return try APIResponse.json(try await RegisterService.dto(a, req.db))
        }
        docs.route(api, .DELETE, "/activities/{id}", summary: "Delete an activity", tag: "activities", response: nil, success: .noContent) { req in
            try await RegisterService.delete(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), on: req.db)
            return Response(status: .noContent)
        }
        docs.route(
            api, .GET, "/activities/{id}/overlaps", summary: "Activities that overlap this one, most overlapping first", tag: "activities",
            response: .array(.ref("Overlap")),
            query: [("limit", .integer(minimum: 1, maximum: 200), "How many to return, closest first (default 20)")]
        ) { req in
            let user = try req.requireUser()
            let a = try await RegisterService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            var limit = 20
            if let raw = req.queryValues["limit"] {
                guard let n = Int(raw), (1...200).contains(n) else {
                    throw ValidationFailure([FieldError("limit", "limit must be a whole number from 1 to 200")])
                }
                limit = n
            }
            let found = try await CoordinationService.overlaps(
                of: a, windowDays: req.application.chorusConfig.overlapWindowDays,
                limit: limit, on: req.db)
            let rows = found.rows
            let dtos = try await RegisterService.dtos(rows.map(\.activity), req.db)
            struct Item: Encodable {
                let activity: [String: OutValue]; let shared_place_ids: [String]; let borough_wide: Bool; let shared_theme_ids: [String]
                let shared_audience_ids: [String]; let days_concurrent: Int; let gap_days: Int; let lead_name: OutValue; let lead_email: OutValue
            }
            var items: [Item] = []
            for (r, dto) in zip(rows, dtos) {
                items.append(
                    Item(
                        activity: dto, shared_place_ids: r.overlap.sharedPlaces.map(\.uuidString).sorted(),
                        borough_wide: r.overlap.placeOverlapIsBoroughWide, shared_theme_ids: r.overlap.sharedThemes.map(\.uuidString).sorted(),
                        shared_audience_ids: r.overlap.sharedAudiences.map(\.uuidString).sorted(), days_concurrent: r.overlap.daysConcurrent,
                        gap_days: r.overlap.gapDays, lead_name: .opt(r.leadName), lead_email: .opt(r.leadEmail)))
            }
            return try APIResponse.json(items)
        }
    }

    /// The body of a POST (`partial: false`) or PATCH: the fields of `RegisterService.specs`, and one rule across two of
    /// them: places, unless borough-wide (a PATCH that sends `place_ids` sends at least one, unless `borough_wide` is
    /// true). `ends_on` must not be before `starts_on` (JSON Schema cannot compare two fields; the server answers 400).
    static func inputSchema(partial: Bool) -> Schema {
        var props = Dictionary(uniqueKeysWithValues: RegisterService.specs.map { ($0.name, $0.schema(nullable: !$0.required)) })
        // Examples in order: the end on or after the start.
        props["starts_on"] = .examples(props["starts_on"]!, ["2026-11-23"])
        props["ends_on"] = .examples(props["ends_on"]!, ["2027-02-14"])
        let required = partial ? [] : RegisterService.specs.filter(\.required).map(\.name).filter { $0 != "organisation_id" }
        var boroughWide = props, withPlaces = props
        boroughWide["borough_wide"] = .constant(true)
        withPlaces["place_ids"] = .array(.string(format: "uuid"), minItems: 1)
        return .anyOf([
            .object(boroughWide, required: required + ["borough_wide"]),
            .object(withPlaces, required: partial ? required : required + ["place_ids"]),
        ])
    }

    /// Fields a body gets wrong on its own, whatever is stored (for `APIWrite`): no places and not borough-wide. A PATCH
    /// that leaves either out keeps the stored value, so only one sending both can contradict itself.
    static func contradictions(_ input: Input, partial: Bool) -> [String] {
        let places = input.values["place_ids"], borough = input.values["borough_wide"]
        if partial { return places == "" && borough == "false" ? ["place_ids"] : [] }
        return (places ?? "").isEmpty && borough != "true" ? ["place_ids"] : []
    }
}
