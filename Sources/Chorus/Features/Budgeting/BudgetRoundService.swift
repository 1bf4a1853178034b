import Vapor
import Fluent
import ChorusCore

/// Staff's use cases for a participatory budgeting round: make one for a register activity, set its ballot and
/// outcome rules, its phases' public text and its pots, and move it on a phase at a time. The rules, the seed and
/// the pots are fixed once voting opens (a ballot is cast against them). Every write is audited in its transaction.
/// Other features reach rounds only through `BudgetRoundService.Info` and the reads in `BudgetReads`.
enum BudgetRoundService {
    static let entity = "budget_round"

    /// A round as pages need it, its JSON decoded.
    struct Info: Sendable {
        let id: UUID
        let activityID: UUID
        let organisationID: UUID
        let title: String
        let intro: String
        let phase: BudgetPhase
        let settings: BudgetRoundSettings
        let rules: BallotRules
        let rule: BudgetRule
        let seed: String
        let votingCloses: Day?
        let outcome: [BudgetRoundCount.PotResult]?
        let resultsPublishedAt: Date?

        init(_ r: BudgetRound) {
            id = r.id!; activityID = r.activityID; organisationID = r.$organisation.id; title = r.title; intro = r.intro
            phase = BudgetPhase(rawValue: r.phase) ?? .draft
            settings = StoredJSON.decode(r.settings) ?? BudgetRoundSettings()
            rules = StoredJSON.decode(r.ballotRules) ?? BallotRules(kind: .approval)
            rule = BudgetRule(rawValue: r.outcomeRule) ?? .greedy
            seed = r.tieSeed
            votingCloses = r.votingClosesDay.map(Day.init(ordinal:))
            outcome = r.outcome.flatMap { StoredJSON.decode($0) }
            resultsPublishedAt = r.resultsPublishedAt
        }

        /// Taking ballots on this day: in the voting phase and not past the closing date.
        func acceptsBallots(on day: Day) -> Bool { phase.acceptsBallots && (votingCloses.map { day <= $0 } ?? true) }
    }

    // MARK: - Finding

    static func find(_ id: UUID?, _ db: any Database) async throws -> BudgetRound {
        guard let id, let r = try await BudgetRound.find(id, on: db) else { throw Abort(.notFound) }
        return r
    }

    /// A round this member of staff may see: a draft only within its organisation (and to partnership admins).
    static func findForStaff(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> BudgetRound {
        let r = try await find(id, db)
        if r.phase == BudgetPhase.draft.rawValue && r.$organisation.id != user.organisationID && !user.role.canAdministerPartnership {
            throw Abort(.notFound)
        }
        return r
    }

    /// Partnership admins run every round; officers their own organisation's.
    static func canEdit(_ user: CurrentUser, _ r: BudgetRound) -> Bool { RegisterService.canEdit(user, organisationID: r.$organisation.id) }

    static func requireEditor(_ user: CurrentUser, _ r: BudgetRound) throws { guard canEdit(user, r) else { throw Abort(.forbidden) } }

    struct Row: Sendable {
        let info: Info
        let proposals: Int
        let ballots: Int
    }

    /// Every round the reader may see, newest first, with its proposals and ballots counted.
    static func list(user: CurrentUser, _ db: any Database) async throws -> [Row] {
        let q = BudgetRound.query(on: db).sort(\.$createdAt, .descending)
        if !user.role.canAdministerPartnership {
            q.group(.or) { $0.filter(\.$phase != BudgetPhase.draft.rawValue).filter(\.$organisation.$id == user.organisationID) }
        }
        let rounds = try await q.all()
        let ids = rounds.compactMap(\.id)
        var proposals: [UUID: Int] = [:]
        var ballots: [UUID: Int] = [:]
        for p in try await BudgetProposal.query(on: db).filter(\.$roundID ~~ ids).all(\.$roundID) { proposals[p, default: 0] += 1 }
        for b in try await BudgetBallot.query(on: db).filter(\.$roundID ~~ ids).all(\.$roundID) { ballots[b, default: 0] += 1 }
        return rounds.map { Row(info: Info($0), proposals: proposals[$0.id!] ?? 0, ballots: ballots[$0.id!] ?? 0) }
    }

    /// The rounds residents can see (not drafts), newest first.
    static func publicRounds(_ db: any Database) async throws -> [Info] {
        try await BudgetRound.query(on: db).filter(\.$phase != BudgetPhase.draft.rawValue).sort(\.$createdAt, .descending).all().map(Info.init)
    }

    // MARK: - Settings

    struct Settings: Sendable {
        let activityID: UUID
        let title: String
        let intro: String
        let rules: BallotRules
        let rule: BudgetRule
        let seed: String
        let votingCloses: Day?
        let settings: BudgetRoundSettings
    }

    /// The settings form. Each field's problem is named; the ballot rules' own checks (`BallotRules.setupProblems`)
    /// land on their fields.
    static func settings(_ input: Input, user: CurrentUser, choices: PickerChoices, _ db: any Database) async throws -> Settings {
        var v = Validator()
        let activityID = try await RegisterService.chosenActivity(
            "activity_id", input["activity_id"], thing: "budgeting round", user: user, choices: choices, &v, db)
        let title = v.required("title", input["title"], label: "Title", max: 200)
        let intro = v.required("intro", input["intro"], label: "Introduction", max: 5000, multiline: true)
        let kind = v.choice("ballot_kind", input["ballot_kind"], label: "Ballot", as: BallotKind.self)
        let minimum = v.integer("minimum", input["minimum"], label: "Fewest choices", range: 0...1000) ?? 0
        let maximum = v.integer("maximum", input["maximum"], label: "Most choices", range: 1...1000)
        let points = v.integer("points", input["points"], label: "Points each voter shares out", range: 1...1000) ?? 0
        let perProject = v.integer("max_points_per_project", input["max_points_per_project"], label: "Most points on one project", range: 1...1000)
        let rule = v.choice("outcome_rule", input["outcome_rule"], label: "Outcome rule", as: BudgetRule.self)
        let seed = v.optional("tie_seed", input["tie_seed"], label: "Tie seed", max: 200) ?? ""
        let minimumAge = v.integer("minimum_age", input["minimum_age"], label: "Minimum age", range: 0...120)
        func day(_ field: String, _ v: inout ChorusCore.Validator) -> Day? {
            guard let raw = input[field]?.trimmedWhitespace, !raw.isEmpty else { return nil }
            if let d = Day(iso: raw) { return d }
            v.add(field, "Enter the date as yyyy-mm-dd, like 2027-03-31")
            return nil
        }
        let closes = day("voting_closes_on", &v)
        let categories = (input["categories"] ?? "").split(whereSeparator: { $0 == "," || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if categories.count > 30 { v.add("categories", "Give at most 30 categories") }
        if let long = categories.first(where: { $0.count > 60 || !Validation.isSingleLine($0) }) {
            v.add("categories", "Each category is one line of at most 60 characters: \"\(long.prefix(60))\" is not")
        }
        var phases: [String: BudgetRoundSettings.PhasePlan] = [:]
        // Each phase's text and planned dates (published as the plan; staff still move the round on).
        for phase in BudgetPhase.allCases where phase != .draft {
            let text = v.optional("text_\(phase.rawValue)", input["text_\(phase.rawValue)"], label: "What residents read", max: 2000, multiline: true)
            let starts = day("starts_\(phase.rawValue)", &v)
            let ends = day("ends_\(phase.rawValue)", &v)
            if let starts, let ends, ends < starts { v.add("ends_\(phase.rawValue)", "The end must be on or after the start") }
            if !(text ?? "").isEmpty || starts != nil || ends != nil {
                phases[phase.rawValue] = BudgetRoundSettings.PhasePlan(text: text ?? "", starts: starts, ends: ends)
            }
        }
        var rules: BallotRules? = nil
        if let kind {
            let r = BallotRules(
                kind: kind, minimum: minimum, maximum: maximum, points: kind == .cumulative ? points : 0,
                maxPointsPerProject: kind == .cumulative ? perProject : nil, blankAllowed: Input.isTrue(input["blank_allowed"]))
            for p in r.setupProblems { v.add(p.field, p.message) }
            rules = r
        }
        try v.check()
        return Settings(
            activityID: activityID!, title: title, intro: intro, rules: rules!, rule: rule!, seed: seed, votingCloses: closes,
            settings: BudgetRoundSettings(phases: phases, categories: categories, minimumAge: minimumAge))
    }

    /// A new draft round.
    static func create(_ s: Settings, user: CurrentUser, on db: any Database) async throws -> UUID {
        guard let facts = try await RegisterService.facts(s.activityID, db) else { throw Abort(.notFound) }
        let r = BudgetRound()
        r.activityID = s.activityID
        r.$organisation.id = facts.organisationID
        r.phase = BudgetPhase.draft.rawValue
        r.createdAt = Date()
        apply(s, to: r)
        try await db.transaction { tx in
            try await r.create(on: tx)
            try await AuditService.record(tx, actor: user.actor, action: .create, entity: entity, id: r.id, label: r.title, after: audit(r))
        }
        return r.id!
    }

    /// Changes the settings. Once voting has opened the ballot, the rule and the seed stay as residents voted under
    /// them: a change to any of them is refused on its field.
    static func update(_ s: Settings, round r: BudgetRound, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, r)
        let info = Info(r)
        if info.phase.ballotFixed {
            var v = Validator()
            if s.rules != info.rules { v.add("ballot_kind", "The ballot cannot change once voting has opened: residents have voted on it") }
            if s.rule != info.rule { v.add("outcome_rule", "The outcome rule cannot change once voting has opened") }
            if s.seed != info.seed { v.add("tie_seed", "The tie seed was published when voting opened and cannot change") }
            try v.check()
        }
        let before = audit(r)
        apply(s, to: r)
        if let facts = try await RegisterService.facts(s.activityID, db) { r.$organisation.id = facts.organisationID }
        try await db.transaction { tx in
            try await r.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: r.id, label: r.title, before: before, after: audit(r))
        }
    }

    private static func apply(_ s: Settings, to r: BudgetRound) {
        r.activityID = s.activityID
        r.title = s.title
        r.intro = s.intro
        r.ballotRules = StoredJSON.encode(s.rules)
        r.outcomeRule = s.rule.rawValue
        r.tieSeed = s.seed
        r.votingClosesDay = s.votingCloses?.ordinal
        r.settings = StoredJSON.encode(s.settings)
        r.updatedAt = Date()
    }

    static func audit(_ r: BudgetRound) -> [String: String] {
        [
            "title": r.title, "phase": r.phase, "ballot_rules": r.ballotRules, "outcome_rule": r.outcomeRule, "tie_seed": r.tieSeed,
            "voting_closes_on": r.votingClosesDay.map { Day(ordinal: $0).description } ?? "",
        ]
    }

    // MARK: - Pots

    /// Adds a pot: a name, its money, and optionally the ward whose residents alone vote in it. Not once voting opened.
    static func addPot(_ input: Input, round r: BudgetRound, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, r)
        var v = Validator()
        let name = v.required("pot_name", input["pot_name"], label: "Pot name", max: 120)
        let money = (input["pot_budget"] ?? "").trimmingCharacters(in: .whitespaces)
        let pence = MoneyText.pence(money)
        if money.isEmpty {
            v.add("pot_budget", "Enter the money in the pot, like £50,000")
        } else if pence == nil || pence == 0 {
            v.add("pot_budget", "Enter the money in the pot as pounds, like £50,000 or 50000.00")
        }
        var placeID: UUID? = nil
        if let raw = input["pot_ward"], !raw.isEmpty {
            if let id = UUID(uuidString: raw), try await WardFinder.ward(id, db) != nil {
                placeID = id
            } else {
                v.add("pot_ward", "Choose the ward from the list")
            }
        }
        if Info(r).phase.ballotFixed { v.add("pot_name", "Pots cannot change once voting has opened") }
        try v.check()
        let pot = BudgetPot()
        pot.roundID = r.id!
        pot.name = name
        pot.placeID = placeID
        let ward = placeID
        pot.budgetPence = pence!
        pot.position = try await BudgetPot.query(on: db).filter(\.$roundID == r.id!).count()
        try await db.transaction { tx in
            try await pot.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: r.id, label: r.title,
                after: ["pot": name, "budget": MoneyText.pounds(pot.budgetPence), "ward": ward?.uuidString ?? "round-wide"])
        }
    }

    static func pots(_ roundID: UUID, _ db: any Database) async throws -> [BudgetPot] {
        try await BudgetPot.query(on: db).filter(\.$roundID == roundID).sort(\.$position).all()
    }

    // MARK: - Phases

    /// Why the round cannot move on to its next phase yet (empty when it can).
    static func blockers(_ r: BudgetRound, _ db: any Database) async throws -> [String] {
        let info = Info(r)
        guard let next = info.phase.next else { return ["The round has published its results: it has no further phase."] }
        var out: [String] = []
        let pots = try await pots(r.id!, db)
        if next == .proposals || next == .voting, pots.isEmpty { out.append("Add at least one pot of money.") }
        if next == .voting {
            let ballot = try await BudgetProposalService.onBallot(r.id!, db)
            if ballot.isEmpty { out.append("Publish at least one feasible proposal: the ballot would be empty.") }
            let pending = try await BudgetProposalService.awaitingDecision(r.id!, db)
            if pending > 0 { out.append("\(pending) proposal\(pending == 1 ? " is" : "s are") still waiting for moderation or feasibility review.") }
            if ballot.contains(where: { $0.potID == nil }) { out.append("Every proposal on the ballot needs a pot.") }
        }
        return out
    }

    /// Moves the round to its next phase, audited. Publishing results counts the ballots and freezes the outcome.
    static func advance(_ r: BudgetRound, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, r)
        let problems = try await blockers(r, db)
        guard problems.isEmpty, let next = Info(r).phase.next else { throw ValidationFailure([FieldError("phase", problems.joined(separator: " "))]) }
        let before = audit(r)
        if next == .results {
            r.outcome = StoredJSON.encode(try await BudgetResults.count(r, db))
            r.resultsPublishedAt = Date()
        }
        r.phase = next.rawValue
        r.updatedAt = Date()
        try await db.transaction { tx in
            try await r.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: r.id, label: r.title, before: before, after: audit(r))
        }
    }
}
