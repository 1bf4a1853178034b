import Vapor
import Fluent
import ChorusCore

/// The ballots-under-load benchmark's data and check (`bench/run_pb_load_bench.sh`, bench/README.md "Participatory
/// budgeting: ballots under load"):
/// `chorus pb-bench seed --voters 64` finds the demo's round in its voting phase and adds that many residents, each
/// with a ward on their account (Quayside for every other one, so half vote in its pot too) and a signed-in session,
/// then prints `round <id>`, `pot <pence> <ward name or all> <pot name>` and `project <pot name> <reference> <pence>`
/// for every project on the ballot, and `voter <resident id> <session token> <ward name>` one a line;
/// `chorus pb-bench check --round ID --expect FILE` compares the stored ballots with FILE, JSON
/// `{resident id: {reference: value}}` (each voter's last acknowledged choices) or `{resident id: [{...}, ...]}`
/// (any one of these), and prints how many residents have exactly one ballot, how many match, every mismatch,
/// missing or doubled ballot, and the ballots in the round.
struct BudgetBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "step", help: "seed | check") var step: String
        @Option(name: "voters", help: "seed: how many residents with a session (default 64)") var voters: Int?
        @Option(name: "round", help: "check: the round's id") var round: String?
        @Option(name: "expect", help: "check: JSON file {resident id: {reference: value}} or {resident id: [{...}, ...]}")
        var expect: String?
    }
    var help: String { "Participatory budgeting load benchmark: seed voters with sessions, or check stored ballots against the expected ones." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateUnderLock()
        switch signature.step {
        case "seed":
            for line in try await BudgetBench.seed(voters: signature.voters ?? 64, db: app.db) { context.console.print(line) }
        case "check":
            guard let round = signature.round.flatMap(UUID.init(uuidString:)), let path = signature.expect else {
                throw CommandFailure(message: "check needs --round ID and --expect FILE")
            }
            let expected = try JSONDecoder().decode([String: BudgetBench.Expected].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            for line in try await BudgetBench.check(round: round, expected: expected, db: app.db) { context.console.print(line) }
        default:
            throw CommandFailure(message: "step must be seed or check (got \(signature.step))")
        }
    }
}

enum BudgetBench {
    static func seed(voters n: Int, db: any Database) async throws -> [String] {
        guard
            let round = try await BudgetRound.query(on: db).filter(\.$phase == BudgetPhase.voting.rawValue).sort(\.$createdAt, .descending)
                .first()
        else { throw CommandFailure(message: "no round in its voting phase: run seed-demo first") }
        let wards = try await PlacesReads.wards(db)
        guard let quayside = wards.first(where: { $0.name == "Quayside" }) else {
            throw CommandFailure(message: "no Quayside ward: run seed-demo first")
        }
        let others = wards.filter { $0.id != quayside.id }
        guard !others.isEmpty else { throw CommandFailure(message: "needs a ward besides Quayside") }
        var out = ["round \(round.id!.uuidString)"]
        let pots = try await BudgetRoundService.pots(round.id!, db)
        let names = Dictionary(wards.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for pot in pots { out.append("pot \(pot.budgetPence) \(pot.placeID.flatMap { names[$0] } ?? "all") \(pot.name)") }
        for p in try await BudgetProposalService.onBallot(round.id!, db) {
            guard let pot = pots.first(where: { $0.id == p.potID }) else { continue }
            out.append("project \(pot.name) \(p.reference) \(p.costPence)")
        }
        let now = Date()
        // A different address on every run: seeding twice on one database must not meet the unique index on email.
        let run = Tokens.make().prefix(8).lowercased()
        for k in 0..<n {
            let ward = k % 2 == 0 ? quayside : others[(k / 2) % others.count]
            let resident = try await ResidentAccountService.create(email: "pb-bench-\(run)-\(k)@example.org", language: "en", now: now, db)
            resident.$place.id = ward.id
            try await resident.update(on: db)
            let token = Tokens.make()
            let s = ResidentSession()
            s.tokenHash = Tokens.hash(token)
            s.$resident.id = resident.id!
            s.createdAt = now
            s.lastSeenAt = now
            try await s.create(on: db)
            out.append("voter \(resident.id!.uuidString) \(token) \(ward.name)")
        }
        return out
    }

    /// What a resident's stored ballot should hold: one set of choices, or any one of several (sent at once).
    enum Expected: Decodable {
        case one([String: Int])
        case anyOf([[String: Int]])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let one = try? c.decode([String: Int].self) { self = .one(one) } else { self = .anyOf(try c.decode([[String: Int]].self)) }
        }

        var sets: [[String: Int]] {
            switch self {
            case .one(let s): return [s]
            case .anyOf(let s): return s
            }
        }
    }

    static func text(_ choices: [String: Int]) -> String { StoredJSON.encode(choices) }

    static func check(round: UUID, expected: [String: Expected], db: any Database) async throws -> [String] {
        let ids = expected.keys.compactMap(UUID.init(uuidString:))
        var stored: [UUID: [BudgetBallot]] = [:]
        for chunk in ids.chunked(500) {
            for b in try await BudgetBallot.query(on: db).filter(\.$roundID == round).filter(\.$residentID ~~ chunk.map { Optional($0) }).all() {
                stored[b.residentID!, default: []].append(b)
            }
        }
        var one = 0
        var matching = 0
        var problems: [String] = []
        for (key, want) in expected.sorted(by: { $0.key < $1.key }) {
            guard let id = UUID(uuidString: key) else {
                problems.append("unreadable resident id \(key)")
                continue
            }
            let ballots = stored[id] ?? []
            if ballots.isEmpty {
                problems.append("missing \(key): no ballot, expected \(want.sets.map(text).joined(separator: " or "))")
                continue
            }
            if ballots.count == 1 { one += 1 } else { problems.append("doubled \(key): \(ballots.count) ballots") }
            for b in ballots {
                let got = BudgetBallotService.decode(b.choices)
                if let k = want.sets.firstIndex(of: got) {
                    matching += 1
                    if want.sets.count > 1 {
                        problems.append("matched \(key): ballot \(b.reference) holds choice set \(k + 1) of \(want.sets.count) \(text(got))")
                    }
                } else {
                    problems.append(
                        "mismatch \(key): ballot \(b.reference) holds \(text(got)), expected \(want.sets.map(text).joined(separator: " or "))")
                }
            }
        }
        let all = try await BudgetBallot.query(on: db).filter(\.$roundID == round).count()
        let doubled = expected.keys.compactMap(UUID.init(uuidString:)).filter { (stored[$0]?.count ?? 0) > 1 }.count
        let missing = expected.keys.compactMap(UUID.init(uuidString:)).filter { stored[$0] == nil }.count
        return ["residents \(expected.count) exactly_one_ballot \(one) matching \(matching) missing \(missing) doubled \(doubled)"] + problems
            + ["ballots_in_round \(all)"]
    }
}
