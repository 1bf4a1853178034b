import Vapor
import Fluent
import ChorusCore

/// Volunteering offers and shared resources: a partner offers volunteering days, skills, time-bank hours, equipment or
/// a room; a partner's staff request it for a group in the directory; the offering partner agrees or declines and
/// records what was given (`OfferRequestStatus`). The offer's page suggests the groups it suits (`DirectoryMatch` on
/// its wards and themes) and a group's page the open offers that suit it. Every change is in the audit trail.
enum DirectoryOffers {
    static let entity = "directory_offer"

    static let specs: [FieldSpec] = [
        FieldSpec(name: "kind", kind: .choice(OfferKind.allCases.map(\.rawValue)), required: true, description: "What is offered"),
        FieldSpec(name: "title", kind: .string(maxLength: 200), required: true, description: "A short title"),
        FieldSpec(name: "description", kind: .string(maxLength: 2000), required: true, description: "What it is and how to use it", multiline: true),
        FieldSpec(name: "amount", kind: .integer(min: 1, max: 100_000), required: false, description: "How much is offered, in the kind's unit"),
        FieldSpec(name: "organisation_id", kind: .uuid, required: false, description: "The partner offering it (yours if empty)"),
        FieldSpec(name: "borough_wide", kind: .boolean, required: false, description: "Offered across the whole borough"),
        FieldSpec(name: "place_ids", kind: .uuidList, required: false, description: "Wards it is offered in"),
        FieldSpec(name: "theme_ids", kind: .uuidList, required: false, description: "Themes it suits"),
        FieldSpec(name: "available_from", kind: .date, required: false, description: "First day it is available (YYYY-MM-DD)"),
        FieldSpec(name: "available_to", kind: .date, required: false, description: "Last day it is available (YYYY-MM-DD)"),
    ]

    static let requestSpecs: [FieldSpec] = [
        FieldSpec(name: "entry_id", kind: .uuid, required: true, description: "The group it is for"),
        FieldSpec(name: "purpose", kind: .string(maxLength: 1000), required: true, description: "What the group would use it for", multiline: true),
        FieldSpec(name: "wanted_on", kind: .date, required: false, description: "When it is wanted (YYYY-MM-DD)"),
        FieldSpec(name: "amount", kind: .integer(min: 1, max: 100_000), required: false, description: "How much, in the offer's unit"),
    ]

    /// An offer as plain values.
    struct Offer: Sendable {
        let id: UUID
        let kind: OfferKind
        let title: String
        let description: String
        let amount: Int?
        let organisation: DirectoryItem.Named
        let boroughWide: Bool
        let wards: [DirectoryItem.Named]
        let themes: [DirectoryItem.Named]
        let from: Day?
        let to: Day?
        let open: Bool
        /// Requests by status, and the amount given in all.
        let requests: [OfferRequestStatus: Int]
        let given: Int

        var reach: DirectoryReach { DirectoryReach(wards: Set(wards.map(\.id)), themes: Set(themes.map(\.id)), boroughWide: boroughWide) }
    }

    /// A request as plain values.
    struct RequestRow: Sendable {
        let id: UUID
        let offer: DirectoryItem.Named
        let kind: OfferKind
        let group: DirectoryItem.Named
        let requester: String
        let requesterOrganisation: UUID
        let purpose: String
        let wanted: Day?
        let amount: Int?
        let status: OfferRequestStatus
        let givenAmount: Int?
        let givenDay: Day?
        let note: String?
        let createdAt: Date?
    }

    static func canRespond(_ user: CurrentUser, offeredBy organisation: UUID) -> Bool {
        user.role.canAdministerPartnership || (user.role.canKeepDirectory && user.organisationID == organisation)
    }

    // MARK: Offers

    static func create(_ input: Input, user: CurrentUser, today: Day = Day(Date()), on db: any Database) async throws -> UUID {
        guard user.role.canKeepDirectory else { throw Abort(.forbidden, reason: "Only officers, champions and partnership admins offer resources") }
        var v = Validator()
        let kind = v.choice("kind", input["kind"], label: "What is offered", as: OfferKind.self)
        let title = v.required("title", input["title"], label: "Title", max: 200)
        let description = v.required("description", input["description"], label: "Description", max: 2000, multiline: true)
        let amount = v.integer("amount", input["amount"], label: "Amount", range: 1...100_000)
        var organisation = user.organisationID
        if let raw = v.optional("organisation_id", input["organisation_id"], label: "Offered by", max: 36) {
            if let id = UUID(uuidString: raw), try await Organisation.find(id, on: db) != nil, canRespond(user, offeredBy: id) {
                organisation = id
            } else {
                v.add("organisation_id", "You can offer resources for \(user.organisationName) only")
            }
        }
        let boroughWide = Input.isTrue(input["borough_wide"])
        let places = try await v.existing(Place.self, input.list("place_ids"), field: "place_ids", label: "wards", db)
        let themes = try await v.existing(Theme.self, input.list("theme_ids"), field: "theme_ids", label: "themes", db)
        if !boroughWide && places.isEmpty && v.message(for: "place_ids") == nil {
            v.add("place_ids", "Choose at least one ward, or say it is offered across the whole borough")
        }
        let from = DirectoryService.day(&v, "available_from", input["available_from"], label: "Available from")
        let to = DirectoryService.day(&v, "available_to", input["available_to"], label: "Available until")
        if let from, let to, to < from { v.add("available_to", "Available until must be on or after available from") }
        if let to, to < today, v.message(for: "available_to") == nil { v.add("available_to", "Available until cannot be in the past") }
        try v.check()
        let offeredBy = organisation
        return try await db.transaction { tx in
            let o = DirectoryOffer()
            o.$organisation.id = offeredBy
            o.kind = kind!.rawValue
            o.title = title
            o.description = description
            o.amount = amount
            o.boroughWide = boroughWide
            o.placeIDs = DirectoryEntry.encodeList(boroughWide ? [] : places.map(\.uuidString))
            o.themeIDs = DirectoryEntry.encodeList(themes.map(\.uuidString))
            o.availableFromDay = from?.ordinal
            o.availableToDay = to?.ordinal
            o.open = true
            o.createdBy = user.id
            try await o.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: o.id, label: title,
                after: [
                    "kind": o.kind, "title": title, "description": description, "amount": amount.map(String.init) ?? "",
                    "borough_wide": boroughWide ? "true" : "false",
                ])
            return o.id!
        }
    }

    /// Closes an offer to new requests, or opens it again.
    static func setOpen(_ id: UUID?, open: Bool, user: CurrentUser, on db: any Database) async throws {
        let o = try await model(id, db)
        guard canRespond(user, offeredBy: o.$organisation.id) else { throw Abort(.forbidden, reason: "Only the offering partner changes this offer") }
        guard o.open != open else { return }
        try await db.transaction { tx in
            o.open = open
            try await o.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: o.id, label: o.title, before: ["open": open ? "false" : "true"],
                after: ["open": open ? "true" : "false"])
        }
    }

    static func model(_ id: UUID?, _ db: any Database) async throws -> DirectoryOffer {
        guard let id, let o = try await DirectoryOffer.find(id, on: db) else { throw Abort(.notFound) }
        return o
    }

    /// Offers matching the filters (kind, ward, theme; open ones unless `all`), newest first, as plain values.
    static func offers(_ q: [String: String], _ db: any Database) async throws -> [Offer] {
        let query = DirectoryOffer.query(on: db)
        if let kind = q["kind"].flatMap(OfferKind.init(rawValue:)) { query.filter(\.$kind == kind.rawValue) }
        if q["status"] != "all" { query.filter(\.$open == (q["status"] != "closed")) }
        if let ward = q["ward"].flatMap(UUID.init(uuidString:)) {
            query.group(.or) { g in
                g.filter(\.$boroughWide == true).filter(\.$placeIDs, .custom("LIKE"), "%,\(ward.uuidString),%")
            }
        }
        if let theme = q["theme"].flatMap(UUID.init(uuidString:)) { query.filter(\.$themeIDs, .custom("LIKE"), "%,\(theme.uuidString),%") }
        return try await values(try await query.sort(\.$createdAt, .descending).limit(500).all(), db)
    }

    static func offer(_ id: UUID?, _ db: any Database) async throws -> Offer { try await values([try await model(id, db)], db)[0] }

    private static func ids(_ list: String) -> [UUID] { DirectoryEntry.decodeList(list).compactMap(UUID.init(uuidString:)) }

    private static func values(_ offers: [DirectoryOffer], _ db: any Database) async throws -> [Offer] {
        guard !offers.isEmpty else { return [] }
        let places = try await NameLookup.names(Place.self, offers.flatMap { ids($0.placeIDs) }, db) { $0.name }
        let themes = try await TaxonomyReads.names(offers.flatMap { ids($0.themeIDs) }, db)
        let organisations = try await OrganisationsReads.names(offers.map(\.$organisation.id), db)
        var requests: [DirectoryOfferRequest] = []
        for chunk in offers.compactMap(\.id).chunked(500) {
            requests += try await DirectoryOfferRequest.query(on: db).filter(\.$offer.$id ~~ chunk).all()
        }
        let byOffer = Dictionary(grouping: requests, by: { $0.$offer.id })
        func named(_ list: String, _ names: [UUID: String]) -> [DirectoryItem.Named] {
            ids(list).compactMap { id in names[id].map { DirectoryItem.Named(id: id, name: $0) } }.sorted { $0.name < $1.name }
        }
        return offers.map { o in
            let mine = byOffer[o.id!] ?? []
            var counts: [OfferRequestStatus: Int] = [:]
            for r in mine { counts[OfferRequestStatus(rawValue: r.status) ?? .requested, default: 0] += 1 }
            return Offer(
                id: o.id!, kind: OfferKind(rawValue: o.kind) ?? .skills, title: o.title, description: o.description, amount: o.amount,
                organisation: .init(id: o.$organisation.id, name: organisations[o.$organisation.id] ?? "—"), boroughWide: o.boroughWide,
                wards: named(o.placeIDs, places), themes: named(o.themeIDs, themes), from: o.availableFromDay.map(Day.init(ordinal:)),
                to: o.availableToDay.map(Day.init(ordinal:)), open: o.open, requests: counts, given: mine.compactMap(\.givenAmount).reduce(0, +))
        }
    }

    // MARK: Requests

    /// A partner's staff ask for an open offer on a group's behalf.
    static func request(_ offerID: UUID?, _ input: Input, user: CurrentUser, today: Day = Day(Date()), on db: any Database) async throws -> UUID {
        guard user.role.canKeepDirectory else { throw Abort(.forbidden, reason: "Only officers, champions and partnership admins request offers") }
        let o = try await model(offerID, db)
        var v = Validator()
        if !o.open { v.add("entry_id", "This offer is closed to new requests") }
        var found: DirectoryEntry? = nil
        if let raw = v.optional("entry_id", input["entry_id"], label: "Group", max: 36) {
            if let id = UUID(uuidString: raw) { found = try await DirectoryEntry.find(id, on: db) }
            if found?.kind != DirectoryKind.group.rawValue { v.add("entry_id", "Choose a group from the directory") }
        } else if v.message(for: "entry_id") == nil {
            v.add("entry_id", "Choose the group it is for")
        }
        let purpose = v.required("purpose", input["purpose"], label: "What it is for", max: 1000, multiline: true)
        let wanted = DirectoryService.day(&v, "wanted_on", input["wanted_on"], label: "Wanted on")
        if let wanted, wanted < today { v.add("wanted_on", "Wanted on cannot be in the past") }
        let amount = v.integer("amount", input["amount"], label: "Amount", range: 1...100_000)
        try v.check()
        guard let group = found else { throw Abort(.notFound) }
        return try await db.transaction { tx in
            let r = DirectoryOfferRequest()
            r.$offer.id = o.id!
            r.$entry.id = group.id!
            r.requestedBy = user.id
            r.requesterOrganisation = user.organisationID
            r.purpose = purpose
            r.wantedDay = wanted?.ordinal
            r.amount = amount
            r.status = OfferRequestStatus.requested.rawValue
            try await r.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: o.id, label: o.title,
                after: ["request": "\(group.name): \(purpose)", "request_status": r.status])
            return r.id!
        }
    }

    /// Agree, decline, record as given (with the amount given) or withdraw a request.
    static func respond(
        _ requestID: UUID?, _ action: OfferRequestStatus.Action, _ input: Input, user: CurrentUser, today: Day = Day(Date()), on db: any Database
    ) async throws {
        guard let requestID, let r = try await DirectoryOfferRequest.find(requestID, on: db) else { throw Abort(.notFound) }
        let o = try await model(r.$offer.id, db)
        let allowed =
            OfferRequestStatus.isOfferersAction(action)
            ? canRespond(user, offeredBy: o.$organisation.id)
            : user.role.canAdministerPartnership || (user.role.canKeepDirectory && user.organisationID == r.requesterOrganisation)
        guard allowed else {
            throw Abort(
                .forbidden,
                reason: OfferRequestStatus.isOfferersAction(action)
                    ? "Only the offering partner agrees, declines or records what was given" : "Only the requesting partner withdraws a request")
        }
        let current = OfferRequestStatus(rawValue: r.status) ?? .requested
        guard let next = current.after(action) else {
            throw Abort(.conflict, reason: "This request is \(current.rawValue): it cannot be \(action.rawValue)d now")
        }
        var v = Validator()
        let note = v.optional("note", input["note"], label: "Note", max: 1000, multiline: true)
        var given: Int? = nil
        if action == .give {
            given = v.integer("given_amount", input["given_amount"], label: "Amount given", range: 1...100_000)
            if given == nil && v.message(for: "given_amount") == nil {
                v.add("given_amount", "Enter how much was given, in \(OfferKind(rawValue: o.kind)?.unit.rawValue ?? "units")")
            }
        }
        try v.check()
        let amountGiven = given
        try await db.transaction { tx in
            r.status = next.rawValue
            if let note { r.note = note }
            if let amountGiven {
                r.givenAmount = amountGiven
                r.givenDay = today.ordinal
            }
            try await r.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: o.id, label: o.title, before: ["request_status": current.rawValue],
                after: ["request_status": next.rawValue, "given_amount": amountGiven.map(String.init) ?? "", "note": note ?? ""])
        }
    }

    /// What has been given through every offer, by unit: the requests with an amount given and their offers' kinds
    /// (not the whole record with its names).
    static func givenTotals(_ db: any Database) async throws -> [OfferUnit: Int] {
        let given = try await DirectoryOfferRequest.query(on: db).filter(\.$givenAmount != nil).all()
        guard !given.isEmpty else { return [:] }
        var kinds: [UUID: OfferKind] = [:]
        for chunk in Array(Set(given.map(\.$offer.id))).chunked(500) {
            for o in try await DirectoryOffer.query(on: db).filter(\.$id ~~ chunk).all() { kinds[o.id!] = OfferKind(rawValue: o.kind) }
        }
        return OfferTotals.given(given.compactMap { r in kinds[r.$offer.id].map { (kind: $0, amount: r.givenAmount ?? 0) } })
    }

    /// Requests for one offer, or every request (the record), newest first.
    static func requests(offer: UUID? = nil, _ db: any Database) async throws -> [RequestRow] {
        let q = DirectoryOfferRequest.query(on: db).sort(\.$createdAt, .descending)
        if let offer { q.filter(\.$offer.$id == offer) }
        let rows = try await q.limit(5000).all()
        guard !rows.isEmpty else { return [] }
        var offers: [DirectoryOffer] = []
        for chunk in Array(Set(rows.map(\.$offer.id))).chunked(500) { offers += try await DirectoryOffer.query(on: db).filter(\.$id ~~ chunk).all() }
        let offerByID = Dictionary(offers.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let groups = try await NameLookup.names(DirectoryEntry.self, rows.map(\.$entry.id), db) { $0.name }
        let organisations = try await OrganisationsReads.names(rows.map(\.requesterOrganisation), db)
        return rows.compactMap { r in
            guard let o = offerByID[r.$offer.id] else { return nil }
            return RequestRow(
                id: r.id!, offer: .init(id: o.id!, name: o.title), kind: OfferKind(rawValue: o.kind) ?? .skills,
                group: .init(id: r.$entry.id, name: groups[r.$entry.id] ?? "—"), requester: organisations[r.requesterOrganisation] ?? "—",
                requesterOrganisation: r.requesterOrganisation, purpose: r.purpose, wanted: r.wantedDay.map(Day.init(ordinal:)), amount: r.amount,
                status: OfferRequestStatus(rawValue: r.status) ?? .requested, givenAmount: r.givenAmount,
                givenDay: r.givenDay.map(Day.init(ordinal:)),
                note: r.note, createdAt: r.createdAt)
        }
    }

    /// Open offers that suit a group: a place and a theme in common (`DirectoryMatch`), best first.
    static func suiting(_ group: DirectoryItem, _ db: any Database) async throws -> [Offer] {
        let open = try await offers([:], db)
        let ranked = DirectoryMatch.rank(open.map { (id: $0.id, reach: $0.reach) }, for: group.reach, limit: 5)
        let byID = Dictionary(open.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ranked.compactMap { byID[$0.id] }
    }

    /// The record as CSV: every request with its offer, group, outcome and amount given.
    static func csv(_ requests: [RequestRow]) -> String {
        CSV.write(
            header: [
                "offer", "kind", "unit", "group", "requested_by", "purpose", "wanted_on", "amount", "status", "given_amount", "given_on", "note",
                "requested_at",
            ],
            rows: requests.map { r in
                [
                    r.offer.name, r.kind.rawValue, r.kind.unit.rawValue, r.group.name, r.requester, r.purpose, r.wanted?.description ?? "",
                    r.amount.map(String.init) ?? "", r.status.rawValue, r.givenAmount.map(String.init) ?? "", r.givenDay?.description ?? "",
                    r.note ?? "", r.createdAt.map { ISO8601DateFormatter().string(from: $0) } ?? "",
                ]
            })
    }
}
