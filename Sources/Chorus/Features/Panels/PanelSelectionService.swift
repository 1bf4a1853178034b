import Vapor
import Fluent
import ChorusCore

/// Selecting members for an event, in three steps anyone can check afterwards:
/// 1. draft: title, panel size, targets (typed as `category,feature,min,max` lines, and optionally each ward's seats
///    from its share of the population), algorithm; the feasibility check names any target that cannot be met and
///    the smallest change that would;
/// 2. publish: the pool (every member now) is shuffled, given pseudonyms and frozen with the targets as two CSV
///    files, whose SHA-256 (in `sha256sum` form) is shown before any draw;
/// 3. draw: the distribution over panels is computed from the published files alone (`PanelSelection`), then one
///    panel is drawn with the seed; the audit page shows each pseudonym's probability, the distribution and the seed,
///    so the draw replays from what was published (docs/panels.md). Selected members are invited by email.
enum PanelSelectionService {
    static let entity = "panel_selection"
    static let maxPanelSize = 500

    enum Status: String, Sendable { case draft, published, drawn }

    /// What happens to a volunteer after the draw.
    enum PersonStatus: String, Sendable, CaseIterable {
        case pool, selected, invited, confirmed, declined, withdrawn, replacement
    }

    struct Person: Sendable, Equatable {
        let id: UUID
        let pseudonym: String
        let probability: Double?
        let status: String
        /// Staff only: the member's name (nil once they left the panel).
        let name: String?
        let accessNeeds: String?
    }

    struct Info: Sendable, Equatable {
        let id: UUID
        let panelID: UUID
        let panelName: String
        let title: String
        let panelSize: Int
        let algorithm: PanelAlgorithm
        let targets: [PanelQuota]
        let keepHouseholdsApart: Bool
        let poolRule: PanelAvailabilityService.PoolRule
        let sessions: [Day]
        let status: Status
        let poolHash: String?
        let seed: String?
        let publishedAt: Date?
        let drawnAt: Date?
        let seconds: Double?
        let distribution: PanelDistribution?
    }

    static func info(_ s: PanelSelectionRecord, panelName: String) -> Info {
        Info(
            id: s.id!, panelID: s.panelID, panelName: panelName, title: s.title, panelSize: s.panelSize,
            algorithm: PanelAlgorithm(rawValue: s.algorithm) ?? .leximin, targets: s.quotas,
            keepHouseholdsApart: s.keepHouseholdsApart,
            poolRule: PanelAvailabilityService.PoolRule(rawValue: s.poolRule) ?? .all, sessions: PanelFollowUpService.sessions(s.sessions),
            status: Status(rawValue: s.status) ?? .draft, poolHash: s.poolHash, seed: s.seed, publishedAt: s.publishedAt, drawnAt: s.drawnAt,
            seconds: s.seconds, distribution: s.distribution.flatMap { try? JSONDecoder().decode(PanelDistribution.self, from: Data($0.utf8)) })
    }

    static func selections(of panel: Panel, _ db: any Database) async throws -> [Info] {
        try await PanelSelectionRecord.query(on: db).filter(\.$panelID == panel.id!).sort(\.$createdAt, .descending).all().map {
            info($0, panelName: panel.name)
        }
    }

    /// A selection of the reader's organisation's panel, or 404.
    static func find(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> (Panel, PanelSelectionRecord) {
        guard let id, let s = try await PanelSelectionRecord.find(id, on: db) else { throw Abort(.notFound) }
        return (try await PanelService.find(s.panelID, user: user, db), s)
    }

    /// A published selection, as anyone may see it (its audit page), or 404.
    static func findPublished(_ id: UUID?, _ db: any Database) async throws -> (Panel, PanelSelectionRecord) {
        guard let id, let s = try await PanelSelectionRecord.find(id, on: db), s.status != Status.draft.rawValue,
            let p = try await Panel.find(s.panelID, on: db)
        else { throw Abort(.notFound) }
        return (p, s)
    }

    static func people(_ s: PanelSelectionRecord, names: Bool, _ db: any Database) async throws -> [Person] {
        let rows = try await PanelSelectionPerson.query(on: db).filter(\.$selectionID == s.id!).sort(\.$position).all()
        var named: [UUID: String] = [:]
        if names {
            for m in try await PanelMember.query(on: db).filter(\.$id ~~ rows.compactMap(\.memberID)).all() {
                named[m.id!] = m.shownName
            }
        }
        return rows.map {
            Person(
                id: $0.id!, pseudonym: $0.pseudonym, probability: $0.probability, status: $0.status,
                name: names ? $0.memberID.flatMap { named[$0] } : nil, accessNeeds: names ? $0.accessNeeds : nil)
        }
    }

    // MARK: draft

    /// Reads the targets a person typed: one `category,feature,min,max` line each (a header line is allowed).
    static func readTargets(_ text: String, panelSize: Int, wards: [String], _ v: inout ChorusCore.Validator) -> [PanelQuota] {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { return [] }
        let hasHeader = body.lowercased().hasPrefix("category")
        let quotas: [PanelQuota]
        do { quotas = try PanelCSV.quotas(hasHeader ? body : "category,feature,min,max\n" + body) } catch {
            // Rows as the person typed them: line 1 is their first line.
            let line = error.row.map { " line \(hasHeader ? $0 : $0 - 1)" } ?? ""
            v.add("targets", "Targets\(line)\(error.column.map { " (\($0))" } ?? ""): \(error.message)")
            return []
        }
        check(quotas, panelSize: panelSize, wards: wards, field: "targets", label: "Targets", &v)
        return quotas
    }

    /// Whether each target names a category and an answer people can give (wards by name), and asks for no more than
    /// the seats; problems go on `field`, each starting with `label`.
    static func check(
        _ quotas: [PanelQuota], panelSize: Int, wards: [String], field: String, label: String, _ v: inout ChorusCore.Validator
    ) {
        for q in quotas {
            if q.category == PanelProfileQuestions.ward {
                if !wards.contains(q.feature) { v.add(field, "\(label): \"\(q.feature)\" is not a ward (use the ward's name)") }
            } else if let question = PanelProfileQuestions.all.first(where: { $0.key == q.category }) {
                if !question.options.contains(q.feature) {
                    v.add(field, "\(label): \(q.category) has no answer \"\(q.feature)\" (answers: \(question.options.joined(separator: ", ")))")
                }
            } else {
                v.add(field, "\(label): \"\(q.category)\" is not a category (use \(PanelProfileQuestions.categories.joined(separator: ", ")))")
            }
            if q.min > panelSize { v.add(field, "\(label): \(q.category) \(q.feature) asks for at least \(q.min), more than the panel size") }
        }
    }

    /// Targets from counts of residents (for example a Census table for the area): lines of `category,feature,count`;
    /// each category's seats shared in proportion, ±1 (`PanelTargets.fromShares`).
    static func readCensus(_ text: String, panelSize: Int, wards: [String], already: [PanelQuota], _ v: inout ChorusCore.Validator)
        -> [PanelQuota]
    {
        var counts: [(category: String, feature: String, count: Double)] = []
        for (i, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if i == 0, cells.first?.lowercased() == "category" { continue }
            guard cells.count == 3, let n = Double(cells[2]), n >= 0, !cells[0].isEmpty, !cells[1].isEmpty else {
                v.add("census", "Census counts line \(i + 1): write category,feature,count, like \"sex,female,51234\"")
                return []
            }
            if counts.contains(where: { $0.category == cells[0] && $0.feature == cells[1] }) {
                v.add("census", "Census counts line \(i + 1): \(cells[0]) \(cells[1]) is listed twice")
                return []
            }
            counts.append((cells[0], cells[1], n))
        }
        guard !counts.isEmpty else { return [] }
        var out: [PanelQuota] = []
        for category in PanelAuditFiles.categories(of: counts.map { PanelQuota(category: $0.category, feature: $0.feature, min: 0, max: 0) }) {
            if already.contains(where: { $0.category == category }) {
                v.add("census", "Census counts: \(category) already has typed targets; give it one way or the other")
                return []
            }
            out += PanelTargets.fromShares(
                category: category, shares: counts.filter { $0.category == category }.map { ($0.feature, $0.count) }, panelSize: panelSize)
        }
        check(out, panelSize: panelSize, wards: wards, field: "census", label: "Census counts", &v)
        return out
    }

    static func create(_ panel: Panel, _ input: Input, user: CurrentUser, now: Date = Date(), on db: any Database) async throws
        -> PanelSelectionRecord
    {
        var v = Validator()
        let title = v.required("title", input["title"], label: "Event", max: 200)
        let size = v.integer("panel_size", input["panel_size"], label: "People to select", range: 1...maxPanelSize, required: true) ?? 0
        let algorithm = v.choice("algorithm", input["algorithm"], label: "Method", as: PanelAlgorithm.self)
        let poolRule =
            (input["pool_rule"] ?? "").isEmpty
            ? .all : v.choice("pool_rule", input["pool_rule"], label: "Pool", as: PanelAvailabilityService.PoolRule.self)
        let populations = try await PlacesReads.wardPopulations(db)
        var targets = readTargets(input["targets"] ?? "", panelSize: size, wards: populations.map(\.ward.name), &v)
        if Input.isTrue(input["ward_targets"]), size > 0 {
            if targets.contains(where: { $0.category == PanelProfileQuestions.ward }) {
                v.add("ward_targets", "The typed targets already have ward lines: remove them or untick this")
            } else if populations.contains(where: { $0.population == nil }) {
                v.add("ward_targets", "Every ward needs its population (Places) to share seats by population")
            } else {
                targets += PanelTargets.fromShares(
                    category: PanelProfileQuestions.ward, shares: populations.map { ($0.ward.name, Double($0.population ?? 0)) }, panelSize: size)
            }
        }
        targets += readCensus(input["census"] ?? "", panelSize: size, wards: populations.map(\.ward.name), already: targets, &v)
        if targets.isEmpty && v.errors.isEmpty { v.add("targets", "Enter at least one target, or tick seats by ward population") }
        let sessionText = (input["sessions"] ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        let sessions = sessionText.compactMap { Day(iso: $0) }
        if sessions.count != sessionText.count { v.add("sessions", "Enter each session's date as YYYY-MM-DD, separated by commas") }
        try v.check()
        let s = PanelSelectionRecord()
        s.panelID = panel.id!
        s.title = title
        s.panelSize = size
        s.algorithm = (algorithm ?? .leximin).rawValue
        s.quotas = targets
        s.keepHouseholdsApart = Input.isTrue(input["keep_households_apart"])
        s.sessions = PanelFollowUpService.sessionsText(sessions)
        s.poolRule = (poolRule ?? .all).rawValue
        s.status = Status.draft.rawValue
        s.createdAt = now
        s.updatedAt = now
        try await db.transaction { tx in
            try await s.create(on: tx)
            try await AuditService.record(tx, actor: user.actor, action: .create, entity: entity, id: s.id, label: "\(panel.name): \(title)")
        }
        return s
    }

    /// The current members (or, when the pool is those who can come, the members who said so) as volunteers (ids are member ids), with the targets completed for answers the targets
    /// leave out (`PanelTargets.missing`).
    static func draftProblem(_ panel: Panel, _ s: PanelSelectionRecord, _ db: any Database) async throws -> (PanelProblem, added: [PanelQuota]) {
        var members = try await PanelMember.query(on: db).filter(\.$panelID == panel.id!).sort(\.$createdAt).all()
        if s.poolRule == PanelAvailabilityService.PoolRule.available.rawValue {
            let answers = try await PanelAvailabilityService.answers(s, db)
            members = members.filter { answers[$0.id!] == true }
        }
        let wards = Dictionary(try await PlacesReads.wards(db).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let targets = s.quotas
        let categories = PanelAuditFiles.categories(of: targets)
        let volunteers = members.map { m in
            var features = m.answers
            features[PanelProfileQuestions.ward] = m.placeID.flatMap { wards[$0] } ?? "unknown"
            return PanelVolunteer(
                id: m.id!.uuidString, features: features.filter { categories.contains($0.key) }, household: m.householdID?.uuidString)
        }
        let added = PanelTargets.missing(for: targets, pool: volunteers, panelSize: s.panelSize)
        return (
            PanelProblem(panelSize: s.panelSize, quotas: targets + added, volunteers: volunteers, keepHouseholdsApart: s.keepHouseholdsApart), added
        )
    }

    /// Whether a panel meeting every target can be drawn from this pool (the current members of a draft, or the
    /// published files); a pool smaller than the seats cannot be helped by any change to the targets.
    static func feasibility(of problem: PanelProblem) throws -> PanelFeasibility {
        if problem.volunteers.count < problem.panelSize { return .infeasible([]) }
        return try PanelSelection.feasibility(problem)
    }

    // MARK: publish and draw

    static func publish(_ panel: Panel, _ s: PanelSelectionRecord, user: CurrentUser, now: Date = Date(), on db: any Database) async throws {
        guard s.status == Status.draft.rawValue else { throw ValidationFailure([FieldError("publish", "This selection is already published")]) }
        let (problem, added) = try await draftProblem(panel, s, db)
        if problem.volunteers.count < s.panelSize {
            throw ValidationFailure([
                FieldError("publish", "The panel has \(problem.volunteers.count) members, fewer than the \(s.panelSize) to select")
            ])
        }
        let verdict: PanelFeasibility
        do { verdict = try PanelSelection.feasibility(problem) } catch let e as PanelError {
            throw ValidationFailure([FieldError("publish", "These targets cannot be used: \(e.description)")])
        }
        if case .infeasible = verdict {
            throw ValidationFailure([FieldError("publish", "No panel can meet these targets: change them as the check suggests, then publish")])
        }
        // A fresh random order, so pseudonyms say nothing about who joined when.
        let order = Array(problem.volunteers.indices).shuffled()
        var householdNames: [String: String] = [:]
        let volunteers = order.enumerated().map { (i, j) -> PanelVolunteer in
            let v = problem.volunteers[j]
            let household = v.household.map { h in
                householdNames[h]
                    ?? {
                        let n = "H\(householdNames.count + 1)"; householdNames[h] = n; return n
                    }()
            }
            return PanelVolunteer(id: PanelCodes.pseudonym(i), features: v.features, household: household)
        }
        let quotas = s.quotas + added
        let categories = PanelAuditFiles.categories(of: quotas)
        let categoriesCSV = PanelAuditFiles.categoriesCSV(quotas)
        let respondentsCSV = PanelAuditFiles.respondentsCSV(volunteers, categories: categories, households: s.keepHouseholdsApart)
        try await db.transaction { tx in
            for (i, j) in order.enumerated() {
                let p = PanelSelectionPerson()
                p.selectionID = s.id!
                p.memberID = UUID(uuidString: problem.volunteers[j].id)
                p.pseudonym = PanelCodes.pseudonym(i)
                p.position = i
                p.status = PersonStatus.pool.rawValue
                p.attended = ""
                p.updatedAt = now
                try await p.create(on: tx)
            }
            s.categoriesCSV = categoriesCSV
            s.respondentsCSV = respondentsCSV
            s.poolHash = hashes(categories: categoriesCSV, respondents: respondentsCSV)
            s.status = Status.published.rawValue
            s.publishedAt = now
            s.updatedAt = now
            try await s.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: s.id, label: "\(panel.name): \(s.title) published",
                after: ["pool": String(volunteers.count), "sha256": s.poolHash ?? ""])
        }
    }

    /// The two files' SHA-256, as `sha256sum` prints them (so `sha256sum -c` checks downloaded copies).
    static func hashes(categories: String, respondents: String) -> String {
        "\(Tokens.hash(categories))  categories.csv\n\(Tokens.hash(respondents))  respondents.csv"
    }

    /// The problem exactly as published: read back from the two files.
    static func publishedProblem(_ s: PanelSelectionRecord) throws -> PanelProblem {
        guard let c = s.categoriesCSV, let r = s.respondentsCSV else { throw Abort(.conflict) }
        return try PanelCSV.problem(categories: c, respondents: r, panelSize: s.panelSize, keepHouseholdsApart: s.keepHouseholdsApart)
    }

    /// Computes the distribution from the published files and draws one panel with the seed (typed, or a new one);
    /// selected members with an email address are invited. Runs off the event loop: LEXIMIN on a large pool takes seconds.
    static func draw(
        _ panel: Panel, _ s: PanelSelectionRecord, _ input: Input, user: CurrentUser, mail: MailContext, now: Date = Date(), on db: any Database
    ) async throws {
        guard s.status == Status.published.rawValue else {
            throw ValidationFailure([FieldError("seed", "Publish the pool and targets before the draw")])
        }
        guard let seed = PanelLetterLottery.seed(typed: input["seed"]) else {
            throw ValidationFailure([FieldError("seed", "Leave it empty for a new seed, or enter a whole number")])
        }
        let problem = try publishedProblem(s)
        let algorithm = PanelAlgorithm(rawValue: s.algorithm) ?? .leximin
        let started = Date()
        let distribution: PanelDistribution
        let chosen: [Int]
        do {
            (distribution, chosen) = try await Task.detached(priority: .userInitiated) {
                let d = try PanelSelection.distribution(problem, algorithm: algorithm, seed: seed)
                return (d, PanelSelection.draw(d, seed: seed))
            }.value
        } catch let e as PanelError {
            // A time limit or a solver failure is said on the page; nothing is drawn or saved.
            throw ValidationFailure([FieldError("seed", "The draw could not be made: \(e.description)")])
        }
        let seconds = Date().timeIntervalSince(started)
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        try await db.transaction { tx in
            let people = try await PanelSelectionPerson.query(on: tx).filter(\.$selectionID == s.id!).sort(\.$position).all()
            let chosenSet = Set(chosen)
            for p in people {
                p.probability = distribution.probabilities.indices.contains(p.position) ? distribution.probabilities[p.position] : nil
                if chosenSet.contains(p.position) { p.status = PersonStatus.selected.rawValue }
                p.updatedAt = now
                try await p.save(on: tx)
            }
            s.seed = String(seed)
            s.distribution = String(decoding: try e.encode(distribution), as: UTF8.self)
            s.status = Status.drawn.rawValue
            s.drawnAt = now
            s.seconds = seconds
            s.updatedAt = now
            try await s.save(on: tx)
            try await invite(panel, s, people.filter { chosenSet.contains($0.position) }, mail: mail, tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: s.id, label: "\(panel.name): \(s.title) drawn",
                after: ["seed": String(seed), "selected": chosen.map { PanelCodes.pseudonym($0) }.joined(separator: " ")])
        }
    }

    /// Emails each of `people` who has an address (an online member's account email, or a contact that is an email);
    /// they become `invited`. Others stay `selected` for staff to phone or write to.
    static func invite(_ panel: Panel, _ s: PanelSelectionRecord, _ people: [PanelSelectionPerson], mail: MailContext, _ db: any Database)
        async throws
    {
        for p in people {
            guard let id = p.memberID, let m = try await PanelMember.find(id, on: db) else { continue }
            let email = try await PanelService.address(of: m, db)
            guard let email, Validation.isPlausibleEmail(email.trimmingCharacters(in: .whitespaces)) else { continue }
            let sent = try await OutboxService.queue(
                to: email, subject: "You have been selected: \(s.title)",
                body:
                    "You have been selected at random from the \(panel.name) to take part in \(s.title).\n\n"
                    + "Please reply to say whether you can come, and tell us anything we can do to make it easier for you to take part "
                    + "(access, language, caring, travel). Expenses are paid.\n\nHow the draw was made: \(mail.baseURL)\(SiteURL.Panels.audit(s.id!))",
                kind: "panel_invitation", reference: p.id!, mail: mail,
                why: "You are getting this because you joined the \(panel.name).", on: db)
            if sent {
                p.status = PersonStatus.invited.rawValue
                try await p.save(on: db)
            }
        }
    }

    /// Fills the seats of withdrawn and declined members from the rest of the pool so the targets still hold.
    static func replace(_ panel: Panel, _ s: PanelSelectionRecord, user: CurrentUser, mail: MailContext, now: Date = Date(), on db: any Database)
        async throws -> Int
    {
        let people = try await PanelSelectionPerson.query(on: db).filter(\.$selectionID == s.id!).sort(\.$position).all()
        let gone: Set<String> = [PersonStatus.withdrawn.rawValue, PersonStatus.declined.rawValue]
        let seated = people.filter { $0.status != PersonStatus.pool.rawValue }.map(\.position)
        let withdrawn = people.filter { gone.contains($0.status) }.map(\.position)
        guard !withdrawn.isEmpty else { throw ValidationFailure([FieldError("replace", "Nobody has withdrawn or declined")]) }
        let seed = PanelLetterLottery.newSeed()
        guard let panelNow = try PanelSelection.replacement(try publishedProblem(s), panel: seated, withdrawn: withdrawn, seed: seed) else {
            throw ValidationFailure([FieldError("replace", "The rest of the pool cannot fill these seats and still meet the targets")])
        }
        let newcomers = Set(panelNow).subtracting(seated)
        try await db.transaction { tx in
            let added = people.filter { newcomers.contains($0.position) }
            for p in added {
                p.status = PersonStatus.replacement.rawValue
                p.updatedAt = now
                try await p.save(on: tx)
            }
            try await invite(panel, s, added, mail: mail, tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: s.id, label: "\(s.title): replacements",
                after: ["seed": String(seed), "added": added.map(\.pseudonym).joined(separator: " ")])
        }
        return newcomers.count
    }
}
