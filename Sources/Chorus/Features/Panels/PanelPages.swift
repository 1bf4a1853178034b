import Vapor
import Fluent
import ChorusCore

/// Page models for panels, built from the services.
enum PanelPages {
    struct List: Sendable {
        var panels: [PanelService.Summary]
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    struct PanelPage: Sendable {
        var panel: PanelService.Summary
        var members: [PanelService.Member]
        var counts: [String: [String: Int]]
        var wards: [PlacesReads.Ward]
        var letters: PanelLetterService.Overview
        var selections: [PanelSelectionService.Info]
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    struct Letters: Sendable { var panel: PanelService.Summary; var letters: [PanelLetterService.Letter]; var baseURL: String }

    struct Selection: Sendable {
        var info: PanelSelectionService.Info
        var people: [PanelSelectionService.Person]
        /// Draft: targets the check added for answers the typed targets leave out.
        var added: [PanelQuota]
        var poolSize: Int
        var feasibility: PanelFeasibility?
        var feasibilityError: String?
        var errors: [FieldError]
        /// Draft, pool of those who can come: every member and their answer so far (nil: not answered).
        var availability: [(id: UUID, name: String, answer: Bool?)] = []
    }

    struct Audit: Sendable {
        var info: PanelSelectionService.Info
        var people: [PanelSelectionService.Person]
    }

    struct Join: Sendable {
        var panel: PanelService.Summary
        var wards: [PlacesReads.Ward]
        var member: Bool
        var values: [String: String]
        var errors: [FieldError]
        /// What was just done, from the redirect: "joined", "saved" or "answered" (anything else is ignored).
        var done: String?
        /// Events the member is asked about ("can you come?").
        var asks: [PanelAvailabilityService.Ask] = []
    }

    static func list(user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws -> List {
        List(panels: try await PanelService.panels(for: user, db), errors: errors, input: input)
    }

    static func panel(_ p: Panel, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws -> PanelPage {
        let members = try await PanelService.members(of: p, db)
        return PanelPage(
            panel: try await PanelService.summary(p, db), members: members, counts: PanelService.counts(members),
            wards: try await PlacesReads.wards(db),
            letters: try await PanelLetterService.overview(p, db), selections: try await PanelSelectionService.selections(of: p, db), errors: errors,
            input: input)
    }

    static func selection(_ p: Panel, _ s: PanelSelectionRecord, errors: [FieldError] = [], _ db: any Database) async throws -> Selection {
        let info = PanelSelectionService.info(s, panelName: p.name)
        var added: [PanelQuota] = []
        var draft: PanelProblem? = nil
        if info.status == .draft {
            let d = try await PanelSelectionService.draftProblem(p, s, db)
            (draft, added) = (d.0, d.added)
        }
        let people = try await PanelSelectionService.people(s, names: true, db)
        let pool = draft?.volunteers.count ?? people.count
        var feasibility: PanelFeasibility? = nil
        var problem: String? = nil
        if info.status != .drawn {
            do { feasibility = try PanelSelectionService.feasibility(of: draft ?? PanelSelectionService.publishedProblem(s)) } catch {
                problem = "\(error)"
            }
        }
        var availability: [(id: UUID, name: String, answer: Bool?)] = []
        if info.status == .draft, info.poolRule == .available {
            let answers = try await PanelAvailabilityService.answers(s, db)
            availability = try await PanelService.members(of: p, db).map { ($0.id, $0.name, answers[$0.id]) }
        }
        return Selection(
            info: info, people: people, added: added, poolSize: pool, feasibility: feasibility, feasibilityError: problem, errors: errors,
            availability: availability)
    }

    static func audit(_ p: Panel, _ s: PanelSelectionRecord, _ db: any Database) async throws -> Audit {
        Audit(info: PanelSelectionService.info(s, panelName: p.name), people: try await PanelSelectionService.people(s, names: false, db))
    }

    static func join(
        _ p: Panel, resident: CurrentResident, errors: [FieldError], input: Input?, done: String?, _ db: any Database
    ) async throws -> Join {
        let wards = try await PlacesReads.wards(db)
        let m = try await PanelService.membership(p, resident: resident.id, db)
        var values: [String: String] = m?.answers ?? [:]
        if let ward = m?.placeID.flatMap({ id in wards.first { $0.id == id } }) { values[PanelProfileQuestions.ward] = ward.code }
        if let input {
            for key in PanelProfileQuestions.categories + ["code"] { values[key] = input[key] }
        }
        return Join(
            panel: try await PanelService.summary(p, db), wards: wards, member: m != nil, values: values, errors: errors,
            done: ["joined", "saved", "answered"].contains(done ?? "") ? done : nil,
            asks: try await PanelAvailabilityService.asks(p, member: m?.id, db))
    }
}
