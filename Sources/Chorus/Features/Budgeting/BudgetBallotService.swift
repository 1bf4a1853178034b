import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Ballots: one current ballot per voter, changed in place until voting closes. A signed-in resident votes on the
/// web (or with staff beside them: an assisted ballot records both); staff key in a paper ballot for a voter named
/// with their postcode, and the same name and postcode cannot vote twice. Every ballot gets a receipt reference the
/// voter can look up on the results page.
enum BudgetBallotService {
    static let entity = "budget_ballot"

    enum Channel: String, Sendable { case web, paper, assisted }

    /// A pot as a voter sees it: its projects and its money.
    struct PotBallot: Sendable {
        let pot: BudgetPot
        let projects: [BudgetProposal]
        var ballotPot: BallotPot {
            BallotPot(budget: pot.budgetPence, costs: Dictionary(uniqueKeysWithValues: projects.map { ($0.reference, $0.costPence) }))
        }
    }

    /// The pots a voter living in `ward` votes in: the round-wide pots, and their ward's; each with its projects.
    static func pots(_ roundID: UUID, ward: UUID?, _ db: any Database) async throws -> [PotBallot] {
        let pots = try await BudgetRoundService.pots(roundID, db).filter { $0.placeID == nil || $0.placeID == ward }
        let projects = try await BudgetProposalService.onBallot(roundID, db)
        return pots.map { pot in PotBallot(pot: pot, projects: projects.filter { $0.potID == pot.id }) }
    }

    /// The form's field for one project: checkboxes named `choice` (approval, knapsack), else a number per project.
    static func field(_ kind: BallotKind, _ reference: String) -> String {
        switch kind {
        case .approval, .knapsack: return "choice"
        case .cumulative: return "points_" + reference
        case .ranked: return "rank_" + reference
        }
    }

    /// The error field of one project's control: `Form.fieldID` of it is the control's id, `f-choice-<reference>`.
    static func errorField(_ reference: String) -> String { "choice-" + reference }

    /// A ballot form read: the choices (proposal reference -> value) and, per pot, what breaks the round's rules.
    struct Read: Sendable {
        var choices: [String: Int]
        var problems: [(pot: BudgetPot, problem: BallotProblem)]
        /// Numbers that were not numbers, by project reference.
        var unreadable: [String]
    }

    static func read(_ input: Input, pots: [PotBallot], rules: BallotRules) -> Read {
        var choices: [String: Int] = [:]
        var unreadable: [String] = []
        let ticked = Set(input.list("choice"))
        for p in pots.flatMap(\.projects) {
            switch rules.kind {
            case .approval, .knapsack:
                if ticked.contains(p.reference) { choices[p.reference] = 1 }
            case .cumulative, .ranked:
                let raw = (input[field(rules.kind, p.reference)] ?? "").trimmingCharacters(in: .whitespaces)
                if raw.isEmpty { continue }
                if let n = Int(raw), n >= 0 { if n > 0 { choices[p.reference] = n } } else { unreadable.append(p.reference) }
            }
        }
        var problems: [(BudgetPot, BallotProblem)] = []
        // A pot with nothing chosen is one the voter sat out: its limits apply only to a pot they voted in.
        for pot in pots {
            let mine = choices.filter { c in pot.projects.contains { $0.reference == c.key } }
            guard !mine.isEmpty else { continue }
            problems += BallotCheck.problems(mine, in: pot.ballotPot, rules: rules).map { (pot.pot, $0) }
        }
        return Read(choices: choices, problems: problems, unreadable: unreadable)
    }

    /// A read ballot's problems as form errors in the reader's language: a number that is not one on its project's
    /// control (`choice-<reference>`, whose id the error summary links to), a broken limit on its pot (`pot-<n>`, the
    /// pot's fieldset), naming the limit.
    static func errors(_ read: Read, pots: [PotBallot], rules: BallotRules, language: UILanguage) -> [FieldError] {
        read.unreadable.map { FieldError(errorField($0), Catalogue.text("pb.whole_number", language)) }
            + read.problems.map { pot, problem in
                let n = pots.firstIndex { $0.pot.id == pot.id } ?? 0
                return FieldError("pot-\(n + 1)", BudgetWording.problem(problem, pot: pot.name, projects: pots[n].projects, language))
            }
    }

    static func decode(_ json: String) -> [String: Int] { StoredJSON.decode(json) ?? [:] }

    // MARK: - Web ballots

    static func current(_ roundID: UUID, resident: UUID, _ db: any Database) async throws -> BudgetBallot? {
        try await BudgetBallot.query(on: db).filter(\.$roundID == roundID).filter(\.$residentID == resident).first()
    }

    /// What a voter sends: their choices (already checked), or a deliberate blank ballot.
    struct Cast: Sendable {
        let choices: [String: Int]
        let blank: Bool
        let placeID: UUID?
        let ageDeclared: Bool
    }

    /// Stores a resident's ballot, replacing their earlier one, and emails them its receipt (one email, rewritten while
    /// it waits, however often they press). Twenty presses at once still leave one ballot: an insert that meets the
    /// (round, resident) unique index (another tab's ballot committed first) is stored again, which updates that one.
    /// The retry is a new transaction: on PostgreSQL the failed insert aborts the one it ran in ("current transaction
    /// is aborted"), so nothing more can be done there (before this, 4 and then 7 of 20 presses at once got a 500 in the load bench; BudgetRoundHTTPTests covers it).
    static func cast(
        _ c: Cast, round: BudgetRoundService.Info, resident: CurrentResident, language: UILanguage, _ db: any Database
    ) async throws -> String {
        do {
            return try await store(c, round: round, resident: resident, language: language, db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return try await store(c, round: round, resident: resident, language: language, db)
        }
    }

    private static func store(
        _ c: Cast, round: BudgetRoundService.Info, resident: CurrentResident, language: UILanguage, _ db: any Database
    ) async throws -> String {
        let now = Date()
        let channel: Channel = resident.actingStaff == nil ? .web : .assisted
        @Sendable func fill(_ b: BudgetBallot) {
            b.choices = StoredJSON.encode(c.blank ? [:] : c.choices)
            b.blank = c.blank
            b.placeID = c.placeID
            b.ageDeclared = c.ageDeclared
            b.channel = channel.rawValue
            b.keyedByID = resident.actingStaff?.id
            b.keyedByName = resident.actingStaff?.name
            b.updatedAt = now
        }
        return try await db.transaction { tx in
            let ballot: BudgetBallot
            if let existing = try await current(round.id, resident: resident.id, tx) {
                fill(existing)
                try await existing.update(on: tx)
                ballot = existing
            } else {
                let b = BudgetBallot()
                b.roundID = round.id
                b.reference = BudgetCodes.ballotReference()
                b.residentID = resident.id
                b.createdAt = now
                fill(b)
                // Sent at the same moment from another tab, this meets the unique index and `cast` stores it again.
                try await b.create(on: tx)
                ballot = b
            }
            try await AuditService.record(
                tx, actor: resident.actor, action: .update, entity: entity, id: ballot.id, label: ballot.reference,
                after: ["round": round.title, "channel": channel.rawValue, "blank": c.blank ? "yes" : "no"])
            if let email = resident.email {
                try await OutboxService.queueTransactionalLatest(
                    to: email, subject: Catalogue.format(Catalogue.text("pb.receipt_subject", language), [round.title]),
                    body: try await receipt(ballot, round: round, language: language, tx), kind: "pb_receipt", reference: ballot.id!,
                    why: Catalogue.text("pb.receipt_why", language), on: tx)
            }
            return ballot.reference
        }
    }

    /// The receipt email: the reference, what was chosen, and how to check it was counted.
    static func receipt(_ b: BudgetBallot, round: BudgetRoundService.Info, language: UILanguage, _ db: any Database) async throws -> String {
        func t(_ key: String, _ args: String...) -> String { Catalogue.format(Catalogue.text(key, language), args) }
        let chosen = decode(b.choices)
        let titles = Dictionary(
            try await BudgetProposal.query(on: db).filter(\.$roundID == round.id).filter(\.$reference ~~ Array(chosen.keys)).all()
                .map { ($0.reference, $0.title) }, uniquingKeysWith: { a, _ in a })
        var lines = [t("pb.receipt_intro", round.title), "", t("pb.receipt_reference", b.reference), ""]
        if b.blank {
            lines.append(t("pb.receipt_blank"))
        } else {
            lines.append(t("pb.receipt_choices"))
            for (ref, value) in chosen.sorted(by: { $0.key < $1.key }) {
                let title = (titles[ref] ?? ref).replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
                lines.append("- " + title + (round.rules.kind == .cumulative ? " (\(value))" : round.rules.kind == .ranked ? " (#\(value))" : ""))
            }
        }
        lines += ["", round.votingCloses.map { t("pb.receipt_change_until", $0.description) } ?? t("pb.receipt_change"), t("pb.receipt_check")]
        return lines.joined(separator: "\n")
    }

    // MARK: - Paper and assisted ballots keyed in by staff

    enum KeyedIn: Sendable {
        case stored(reference: String)
        /// This name and postcode already have a ballot in the round.
        case alreadyVoted(reference: String)
    }

    /// Stores a paper ballot for a voter named with their postcode. The same person (by `BudgetCodes.voterIdentity`,
    /// keyed with the server secret and the round) cannot vote twice: the second is refused with the first's reference.
    static func keyIn(
        _ c: Cast, name: String, postcode: String, round: BudgetRoundService.Info, user: CurrentUser, secret: String, _ db: any Database
    ) async throws -> KeyedIn {
        let key = Tokens.hmac(BudgetCodes.voterIdentity(name: name, postcode: postcode), key: secret + "|pb-voter|" + round.id.uuidString)
        if let existing = try await BudgetBallot.query(on: db).filter(\.$roundID == round.id).filter(\.$voterKey == key).first() {
            return .alreadyVoted(reference: existing.reference)
        }
        let b = BudgetBallot()
        b.roundID = round.id
        b.reference = BudgetCodes.ballotReference()
        b.voterName = name
        b.voterPostcode = postcode.uppercased()
        b.voterKey = key
        b.placeID = c.placeID
        b.choices = StoredJSON.encode(c.blank ? [:] : c.choices)
        b.blank = c.blank
        b.ageDeclared = c.ageDeclared
        b.channel = Channel.paper.rawValue
        b.keyedByID = user.id
        b.keyedByName = user.name
        b.createdAt = Date()
        b.updatedAt = b.createdAt
        do {
            try await db.transaction { tx in
                try await b.create(on: tx)
                try await AuditService.record(
                    tx, actor: user.actor, action: .create, entity: entity, id: b.id, label: b.reference,
                    after: ["round": round.title, "channel": "paper", "blank": c.blank ? "yes" : "no"])
            }
        } catch {
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                let other = try await BudgetBallot.query(on: db).filter(\.$roundID == round.id).filter(\.$voterKey == key).first()
            else { throw error }
            return .alreadyVoted(reference: other.reference)
        }
        return .stored(reference: b.reference)
    }

    /// Marks a ballot as checked in person by staff (the voter showed who and where they are), audited. Nil when no
    /// ballot of the round has the reference.
    static func verify(_ typed: String, round: BudgetRoundService.Info, user: CurrentUser, _ db: any Database) async throws -> String? {
        guard let reference = BudgetCodes.normaliseBallotReference(typed),
            let b = try await BudgetBallot.query(on: db).filter(\.$roundID == round.id).filter(\.$reference == reference).first()
        else { return nil }
        b.verifiedByName = user.name
        b.verifiedAt = Date()
        try await db.transaction { tx in
            try await b.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: b.id, label: b.reference, after: ["verified_in_person": "yes"])
        }
        return reference
    }

    static func verifiedCount(_ roundID: UUID, _ db: any Database) async throws -> Int {
        try await BudgetBallot.query(on: db).filter(\.$roundID == roundID).filter(\.$verifiedAt != nil).count()
    }

    struct Tally: Sendable { let placeID: UUID?, channel: String, blank: Bool, count: Int }

    /// A round's ballots counted by ward, channel and blankness, in the database (a city's round has tens of thousands).
    static func tally(_ roundID: UUID, _ db: any Database) async throws -> [Tally] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.select().column("place_id").column("channel").column("blank")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(BudgetBallot.schema).where("round_id", .equal, roundID)
            .groupBy("place_id").groupBy("channel").groupBy("blank").all()
        return try rows.map {
            Tally(
                placeID: try $0.decode(column: "place_id", as: UUID?.self), channel: try $0.decode(column: "channel", as: String.self),
                blank: try $0.decode(column: "blank", as: Bool.self), count: try $0.decode(column: "n", as: Int.self))
        }
    }

    /// Whether a receipt reference is a ballot of this round (counted, once results are published).
    static func exists(_ reference: String, round: UUID, _ db: any Database) async throws -> Bool {
        try await BudgetBallot.query(on: db).filter(\.$roundID == round).filter(\.$reference == reference).count() > 0
    }
}
