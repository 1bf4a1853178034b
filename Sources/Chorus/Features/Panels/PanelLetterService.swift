import Vapor
import Fluent
import ChorusCore

/// Recruitment by letter lottery: an address list is imported (appended in file order), households are drawn at
/// random with a recorded seed (`PanelLetterLottery`: only households no earlier draw took), and each drawn household's
/// letter carries its code, with which up to the panel's number of people per household join online.
enum PanelLetterService {
    static let entity = "panel_lottery"

    struct Overview: Sendable, Equatable {
        let addresses: Int
        let undrawn: Int
        let draws: [Draw]
    }

    struct Draw: Sendable, Equatable { let id: UUID; let seed: String; let households: Int; let by: String; let at: Date; let registered: Int }

    struct Letter: Sendable, Equatable { let address: String; let postcode: String; let code: String }

    static func overview(_ panel: Panel, _ db: any Database) async throws -> Overview {
        let total = try await PanelHousehold.query(on: db).filter(\.$panelID == panel.id!).count()
        let undrawn = try await PanelHousehold.query(on: db).filter(\.$panelID == panel.id!).filter(\.$lotteryID == nil).count()
        var draws: [Draw] = []
        for d in try await PanelLotteryDraw.query(on: db).filter(\.$panelID == panel.id!).sort(\.$createdAt, .descending).all() {
            let ids = try await PanelHousehold.query(on: db).filter(\.$lotteryID == d.id!).all(\.$id)
            let registered = ids.isEmpty ? 0 : try await PanelMember.query(on: db).filter(\.$householdID ~~ ids).count()
            draws.append(Draw(id: d.id!, seed: d.seed, households: d.householdsDrawn, by: d.drawnByName, at: d.createdAt, registered: registered))
        }
        return Overview(addresses: total, undrawn: undrawn, draws: draws)
    }

    /// Appends the addresses of a CSV to the panel's list, all or nothing.
    static func importAddresses(_ panel: Panel, csv: String, user: CurrentUser, now: Date = Date(), on db: any Database) async throws -> Int {
        let rows: [PanelAddress]
        do { rows = try PanelAddressList.parse(csv) } catch { throw ValidationFailure([error]) }
        let known = Set(try await PanelHousehold.query(on: db).filter(\.$panelID == panel.id!).filter(\.$uprn != nil).all(\.$uprn).compactMap { $0 })
        if let clash = rows.first(where: { $0.uprn.map(known.contains) ?? false }) {
            throw ValidationFailure([FieldError("file", "Nothing was imported: uprn \(clash.uprn!) is already on this panel's list")])
        }
        try await db.transaction { tx in
            let start = (try await PanelHousehold.query(on: tx).filter(\.$panelID == panel.id!).max(\.$position) ?? -1) + 1
            for (i, r) in rows.enumerated() {
                let h = PanelHousehold()
                h.panelID = panel.id!
                h.position = start + i
                h.uprn = r.uprn
                h.address = r.address
                h.postcode = r.postcode
                h.code = PanelCodes.householdCode()
                h.createdAt = now
                try await h.create(on: tx)
            }
            try await AuditService.record(
                tx, actor: user.actor, action: .importFile, entity: entity, id: panel.id, label: "\(panel.name): \(rows.count) addresses")
        }
        return rows.count
    }

    /// Draws `count` households from those not yet drawn, in list order, with the seed typed or a new one.
    static func draw(_ panel: Panel, _ input: Input, user: CurrentUser, now: Date = Date(), on db: any Database) async throws -> PanelLotteryDraw {
        var v = Validator()
        let count = v.integer("count", input["count"], label: "Households to draw", range: 1...100_000, required: true)
        let seed = PanelLetterLottery.seed(typed: input["seed"])
        if seed == nil { v.add("seed", "Leave it empty for a new seed, or enter a whole number") }
        try v.check()
        guard let seed, let count else { throw ValidationFailure(v.errors) }  // each was named above when missing
        let undrawn = try await PanelHousehold.query(on: db).filter(\.$panelID == panel.id!).filter(\.$lotteryID == nil).sort(\.$position).all()
        if undrawn.isEmpty {
            throw ValidationFailure([FieldError("count", "Every household on the list has been drawn: import more addresses first")])
        }
        let picks = PanelLetterLottery.draw(total: undrawn.count, count: count, seed: seed)
        let d = PanelLotteryDraw()
        d.panelID = panel.id!
        d.seed = String(seed)
        d.householdsDrawn = picks.count
        d.drawnByName = user.actor.name
        d.createdAt = now
        try await db.transaction { tx in
            try await d.create(on: tx)
            let ids = picks.map { undrawn[$0].id! }
            try await PanelHousehold.query(on: tx).filter(\.$id ~~ ids).set(\.$lotteryID, to: d.id).update()
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: d.id, label: "\(panel.name): \(picks.count) households drawn",
                after: ["seed": d.seed, "from": String(undrawn.count)])
        }
        return d
    }

    /// The letters of one draw, in list order.
    static func letters(_ panel: Panel, draw id: UUID?, _ db: any Database) async throws -> [Letter] {
        guard let id, let d = try await PanelLotteryDraw.find(id, on: db), d.panelID == panel.id else { throw Abort(.notFound) }
        return try await PanelHousehold.query(on: db).filter(\.$lotteryID == d.id!).sort(\.$position).all().map {
            Letter(address: $0.address, postcode: $0.postcode, code: $0.code)
        }
    }
}
