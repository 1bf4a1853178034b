import Vapor
import Fluent
import ChorusCore

/// /api/v1/insights: search and read what the caller's organisation may see; record one insight or a batch of up to
/// 1,000 (all or nothing), with an `Idempotency-Key` header so a retried request is answered, not stored twice.
enum InsightAPI {
    static let maxBatch = 1000

    static func register(_ api: any RoutesBuilder, docs: APIDocs) {
        docs.addSchema("Insight", outputSchema)
        docs.addSchema("InsightInput", inputSchema)
        docs.addSchema("InsightBatch", .object(["insights": .array(.ref("InsightInput"), minItems: 1, maxItems: maxBatch)], required: ["insights"]))
        docs.addSchema(
            "InsightBatchResult",
            .object(
                ["created": .integer(minimum: 0), "ids": .array(.string(format: "uuid"))],
                required: ["created", "ids"]))
        let list = Schema.object(
            [
                "items": .array(.ref("Insight")), "page": .integer(minimum: 1), "size": .integer(minimum: 1),
                "total": .integer(minimum: 0, nullable: true), "total_capped": .boolean, "total_suppressed": .boolean,
            ],
            required: ["items", "page", "size", "total", "total_capped", "total_suppressed"])
        var query: [(name: String, schema: Schema, description: String)] = InsightQueries.filterSpecs.map {
            ($0.name, $0.schema(nullable: false), $0.description)
        }
        query += [
            ("page", .integer(minimum: 1), "Page number, from 1"), ("size", .integer(minimum: 1, maximum: PageWindow.maxSize), "Items per page"),
        ]

        docs.route(api, .GET, "/insights", summary: "Search the insights your organisation may see", tag: "insights", response: list, query: query) {
            req in
            let user = try req.requireUser()
            let f = try InsightQueries.filter(req.queryValues, viewer: user)
            let page = try await InsightQueries.page(req.db, f, req.pageRequest)
            let total = InsightQueries.shownTotal(page.total, capped: page.totalIsCapped, f)
            return try APIResponse.json(
                ListBody(
                    items: try await dtos(page.items, viewer: user, req.db), page: page.page, size: page.size,
                    total: total.value, total_capped: page.totalIsCapped, total_suppressed: total.isHidden))
        }
        docs.route(api, .GET, "/insights/{id}", summary: "One insight", tag: "insights", response: .ref("Insight")) { req in
            let user = try req.requireUser()
            let insight = try await InsightService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            return try APIResponse.json(try await dtos([insight], viewer: user, req.db)[0])
        }
        docs.route(
            api, .POST, "/insights", summary: "Record one insight (redacted before it is stored)", tag: "insights",
            request: .ref("InsightInput"), response: .ref("Insight"), success: .created
        ) { req in
            let user = try requireRecorder(req)
            if let replay = try await IdempotencyKey.replay(req, user: user) { return replay }
            let input = try Input.json(req, specs: InsightService.specs)
            let reference = try await InsightService.Reference.load(req.db, user: user)
            let clean = try await APIWrite.run(input, specs: InsightService.specs, dependsOnStore: dependsOnStore) {
                try InsightService.validate(input, user: user, reference: reference, today: Day(Date()))
            }
            return try await IdempotencyKey.store(req, user: user) { db in
                let id = try await InsightService.create(clean, user: user, on: db)
                // The recorder gets back what was stored, even when an admin recorded it for another organisation.
                guard let stored = try await Insight.find(id, on: db) else { throw Abort(.internalServerError) }
                return try APIResponse.json(try await dtos([stored], viewer: user, db)[0], status: .created)
            }
        }.gatesItsOwnWrites()
        docs.route(
            api, .POST, "/insights/batch", summary: "Record up to 1,000 insights at once: all are stored or none", tag: "insights",
            request: .ref("InsightBatch"), response: .ref("InsightBatchResult"), success: .created, maxBody: "16mb"
        ) { req in
            let user = try requireRecorder(req)
            if let replay = try await IdempotencyKey.replay(req, user: user) { return replay }
            // Read and validated outside the write gate: a large batch takes seconds to check, and a rejected one
            // must not hold up everybody else's writes while it is.
            let inputs = try batchInputs(req)
            let reference = try await InsightService.Reference.load(req.db, user: user)
            var cleans: [InsightService.Clean] = []
            var errors: [FieldError] = []
            let today = Day(Date())
            for (i, input) in inputs.enumerated() {
                do {
                    cleans.append(try InsightService.validate(input, user: user, reference: reference, today: today, prefix: "insights[\(i)]."))
                } catch let e as ValidationFailure { errors += e.errors }
            }
            guard errors.isEmpty else {
                throw APIWrite.classify(
                    ValidationFailure(Array(errors.prefix(200))), inputs: inputs, specs: InsightService.specs,
                    dependsOnStore: dependsOnStore, contradictions: { _ in [] })
            }
            let toStore = cleans
            return try await IdempotencyKey.store(req, user: user) { tx in
                try await InsightService.insert(toStore, on: tx)
                try await AuditService.record(
                    tx, actor: user.actor, action: .importFile, entity: InsightService.entity, id: nil,
                    label: "Recorded \(toStore.count) insights through the API")
                struct Result: Encodable { let created: Int; let ids: [String] }
                return try APIResponse.json(Result(created: toStore.count, ids: toStore.map(\.id.uuidString)), status: .created)
            }
        }.gatesItsOwnWrites()
    }

    /// A page of insights. `total_capped`: the count stopped at `total` and more than that match (see docs/insights.md).
    /// `total_suppressed`: filtered by equality answers, 1 to 4 match, and `total` is null (`InsightQueries.shownTotal`).
    struct ListBody: Encodable {
        let items: [[String: OutValue]]
        let page: Int, size: Int, total: Int?
        let total_capped: Bool, total_suppressed: Bool

        enum CodingKeys: String, CodingKey { case items, page, size, total, total_capped, total_suppressed }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(items, forKey: .items)
            try c.encode(page, forKey: .page)
            try c.encode(size, forKey: .size)
            try c.encode(total, forKey: .total)  // an explicit null when suppressed
            try c.encode(total_capped, forKey: .total_capped)
            try c.encode(total_suppressed, forKey: .total_suppressed)
        }
    }

    /// The body of one insight: the fields of `InsightService.specs`, a day heard that is not in the future (the pattern
    /// stops at the end of last year: it cannot follow today), and a contact email whenever the resident asked to hear back.
    static var inputSchema: Schema {
        var props = Dictionary(uniqueKeysWithValues: InsightService.specs.map { ($0.name, $0.schema(nullable: !$0.required)) })
        props["heard_on"] = .string(format: "date", pattern: TextPattern.pastDay())
        let required = InsightService.specs.filter(\.required).map(\.name)
        var hearsBack = props, doesNot = props
        hearsBack["feedback_opt_in"] = .constant(true)
        hearsBack["contact_email"] = InsightService.specs.first { $0.name == "contact_email" }!.schema(nullable: false)
        doesNot["feedback_opt_in"] = .constant(false)
        return .anyOf([.object(hearsBack, required: required + ["feedback_opt_in", "contact_email"]), .object(doesNot, required: required)])
    }

    /// Fields whose refusal, when well formed, depends on stored records (`APIWrite`): ids of other records, and a
    /// postcode whose district no ward has.
    static func dependsOnStore(_ spec: FieldSpec) -> Bool { APIWrite.isReference(spec) || spec.name == "postcode" }

    static func requireRecorder(_ req: Request) throws -> CurrentUser {
        let user = try req.requireUser()
        guard user.role.canRecordInsight else {
            throw Abort(.forbidden, reason: "Only officers, champions, analysts and partnership admins record insights")
        }
        return user
    }

    static func batchInputs(_ req: Request) throws -> [Input] {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw ValidationFailure([FieldError("body", "Send a JSON object {\"insights\": [...]} in the request body")])
        }
        guard let object = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView)) else {
            throw ValidationFailure([FieldError("body", "The request body is not valid JSON")])
        }
        guard case let .object(dict) = object else { throw ValidationFailure([FieldError("body", "The request body must be a JSON object")]) }
        if let extra = dict.keys.sorted().first(where: { $0 != "insights" }) {
            throw ValidationFailure([FieldError(extra, "\(extra) is not a field of a batch (fields: insights)")])
        }
        guard case let .array(items)? = dict["insights"] else {
            throw ValidationFailure([FieldError("insights", "insights must be an array of insight objects")])
        }
        guard !items.isEmpty else { throw ValidationFailure([FieldError("insights", "Send at least one insight")]) }
        guard items.count <= maxBatch else {
            throw ValidationFailure([FieldError("insights", "Send at most \(maxBatch) insights in one batch (this one has \(items.count))")])
        }
        var inputs: [Input] = []
        var errors: [FieldError] = []
        for (i, item) in items.enumerated() {
            guard case let .object(fields) = item else { errors.append(FieldError("insights[\(i)]", "insights[\(i)] must be an object")); continue }
            do { inputs.append(try Input.object(fields, specs: InsightService.specs, prefix: "insights[\(i)].")) } catch { errors += error.errors }
        }
        guard errors.isEmpty else { throw ValidationFailure(Array(errors.prefix(200))) }
        return inputs
    }

    static func dtos(_ items: [Insight], viewer: CurrentUser, _ db: any Database) async throws -> [[String: OutValue]] {
        var themes: [UUID: [String]] = [:], audiences: [UUID: [String]] = [:]
        let ids = items.compactMap(\.id)
        if !ids.isEmpty {
            for x in try await InsightTheme.query(on: db).filter(\.$insight.$id ~~ ids).all() {
                themes[x.$insight.id, default: []].append(x.$theme.id.uuidString)
            }
            for x in try await InsightAudience.query(on: db).filter(\.$insight.$id ~~ ids).all() {
                audiences[x.$insight.id, default: []].append(x.$audience.id.uuidString)
            }
        }
        return items.map { i in
            let own = viewer.wall.seesPersonalData(of: i.$organisation.id)
            var out: [String: OutValue] = [
                "id": .string(i.id!.uuidString), "text": .string(i.text), "kind": .string(i.kind), "sharing": .string(i.sharing),
                "heard_on": .string(Day(ordinal: i.heardDay).description), "organisation_id": .string(i.$organisation.id.uuidString),
                "activity_id": .opt(i.$activity.id?.uuidString), "place_id": .opt(i.$place.id?.uuidString), "postcode_sector": .opt(i.postcodeSector),
                "theme_ids": .strings((themes[i.id!] ?? []).sorted()), "audience_ids": .strings((audiences[i.id!] ?? []).sorted()),
                "people_count": .int(i.peopleCount), "redacted": .strings(i.redactedKindList), "source_ref": .opt(i.sourceRef),
                "original_text": own ? .opt(i.originalText) : .null, "contact_email": own ? .opt(i.contactEmail) : .null,
                "feedback_opt_in": .bool(i.feedbackOptIn),
            ]
            // Equality answers are personal data: null for another organisation's insight, like its contact email.
            for q in EqualityMonitoring.questions { out[q.field] = own ? .opt(i.equality[q.field]) : .null }
            return out
        }
    }

    static var outputSchema: Schema {
        var props: [String: Schema] = [
            "id": .string(format: "uuid"), "text": .string(), "kind": .string(enumValues: InsightKind.allCases.map(\.rawValue)),
            "sharing": .string(enumValues: SharingLevel.allCases.map(\.rawValue)), "heard_on": .string(format: "date"),
            "organisation_id": .string(format: "uuid"), "activity_id": .string(format: "uuid", nullable: true),
            "place_id": .string(format: "uuid", nullable: true), "postcode_sector": .string(nullable: true),
            "theme_ids": .array(.string(format: "uuid")), "audience_ids": .array(.string(format: "uuid")), "people_count": .integer(minimum: 1),
            "redacted": .array(.string(enumValues: PIIKind.allCases.map(\.rawValue))), "source_ref": .string(nullable: true),
            "original_text": .string(nullable: true), "contact_email": .string(nullable: true), "feedback_opt_in": .boolean,
        ]
        for q in EqualityMonitoring.questions { props[q.field] = .string(enumValues: q.options.map(\.code), nullable: true) }
        return .object(props, required: Array(props.keys))
    }
}
