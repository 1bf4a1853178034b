import Fluent
import Foundation
import ChorusCore

/// The demo's self-assessments, made through the standards' own services as its people would: last year's council
/// assessment rated, challenged once by the steering group, agreed by the partnership admin and shared with every
/// partner, with an action plan for its gaps (one action done, one under way); two of the council's closed activities
/// evaluated (lessons); and this year's, a draft with three standards rated, for an officer to finish. Seeded after the
/// activities, plans and decisions. Deterministic.
enum DemoStandards {
    /// Last year's levels, by standard key.
    static let lastYear: [String: StandardLevel] = [
        "inclusion": .emerging, "support": .aspiring, "planning": .aspiring, "working-together": .aspiring, "methods": .emerging,
        "communication": .emerging, "impact": .aspiring,
    ]

    static func seed(on db: any Database, today: Day) async throws {
        guard let officer = try await DemoSeed.councilOfficer(db),
            let adminID = try await Person.query(on: db).filter(\.$email == DemoSeed.adminEmail).first()?.id,
            let admin = try await CurrentUser.load(personID: adminID, on: db)
        else { return }
        func input(_ pairs: [String: String]) -> Input { Input(values: pairs) }

        // Last year: rated, moderated, agreed, shared.
        let last = try await AssessmentService.create(
            input([
                "title": "Council engagement self-assessment, last year", "scope": "organisation",
                "period_from": today.adding(days: -730).description, "period_to": today.adding(days: -366).description, "sharing": "partnership",
            ]), user: officer, today: today, on: db)
        let access = AssessmentService.Access(canEdit: true)
        let standards = try await StandardsService.current(db)
        let figures = try await StandardsEvidenceService.figures(for: last, today: today, db)
        for s in standards.standards {
            let level = lastYear[s.key] ?? .aspiring
            try await AssessmentService.rate(
                last, access: access, key: s.key, standards: standards, figures: figures,
                input([
                    "level_\(s.key)": level.rawValue, "evidence_\(s.key)": evidence[s.key] ?? "Agreed at the engagement leads' workshop.",
                    "include_figures_\(s.key)": "true",
                ]), user: officer, on: db)
        }
        try await AssessmentService.sendForModeration(last, access: access, standards: standards, user: officer, on: db)
        try await AssessmentService.challenge(
            last, standards: standards,
            input([
                "standard_key": "communication", "proposed_level": "aspiring", "raised_as": "community",
                "community_name": "Grace Okafor (Quayside steering group)",
                "reason": "We did hear back about the bus stops, within a couple of months.",
            ]), user: admin, on: db)
        if let c = try await AssessmentService.challenges(last, db).first {
            try await AssessmentService.resolve(
                c, assessment: last, access: access,
                input([
                    "outcome": "dismissed",
                    "response": "Most closed activities still had no report after 12 weeks; the bus stops were the exception.",
                ]),
                user: officer, today: today, on: db)
        }
        try await AssessmentService.agree(last, access: access, user: admin, today: today.adding(days: -330), on: db)
        for (key, title, due, status) in [
            ("communication", "Publish a \u{201C}You said, we did\u{201D} report within 12 weeks of every activity closing", -120, ActionStatus.done),
            ("inclusion", "Screen every consultation for equality impact before it starts", 60, .inProgress),
        ] {
            let x = try await StandardActionService.add(
                last, access: access, standards: standards,
                input(["standard_key": key, "title": title, "owner_id": officer.id.uuidString, "due_on": today.adding(days: due).description]),
                user: officer, today: today.adding(days: -300), on: db)
            if status == .done {
                try await StandardActionService.update(
                    x, assessment: last, canUpdate: true, input(["status": "done", "note": "Now a step in every plan's sign-off."]), user: officer,
                    today: today.adding(days: -130), on: db)
            } else {
                try await StandardActionService.update(
                    x, assessment: last, canUpdate: true, input(["status": "in_progress", "note": "Template agreed with the equalities team."]),
                    user: officer, today: today.adding(days: -40), on: db)
            }
        }

        // Two of the council's closed activities evaluated, so the lessons and the advisor have something to show.
        let closed = try await Activity.query(on: db).filter(\.$organisation.$id == officer.organisationID)
            .filter(\.$status ~~ [ActivityStatus.closed.rawValue, ActivityStatus.reported.rawValue]).sort(\.$title).limit(2).all()
        for (a, lesson) in zip(closed, lessons) {
            try await EvaluationService.save(a.id, input(lesson), user: officer, today: today, on: db)
        }

        // This year: a draft with three standards rated.
        let now = try await AssessmentService.create(
            input([
                "title": "Council engagement self-assessment, this year", "scope": "organisation",
                "period_from": today.adding(days: -365).description, "period_to": today.description, "sharing": "organisation",
            ]), user: officer, today: today, on: db)
        let nowFigures = try await StandardsEvidenceService.figures(for: now, today: today, db)
        for (key, level) in [("inclusion", StandardLevel.aspiring), ("planning", .aspiring), ("communication", .aspiring)] {
            try await AssessmentService.rate(
                now, access: access, key: key, standards: standards, figures: nowFigures,
                input(["level_\(key)": level.rawValue, "evidence_\(key)": evidence[key] ?? "", "include_figures_\(key)": "true"]), user: officer,
                on: db)
        }
    }

    /// What the demo's evaluations say.
    static let lessons: [[String: String]] = [
        [
            "reached": "partly", "reach_notes": "Good turnout from older residents; almost no one under 25.",
            "what_worked": "Drop-ins at the library on Saturday mornings; having the maps on the table.",
            "what_went_wrong": "The online survey took 20 minutes and most people gave up halfway.",
            "do_differently": "Keep the survey to ten questions and go to the youth club and the college.",
            "participants_said": "People liked being able to talk to the officer who would make the decision.", "cost": "1850",
        ],
        [
            "reached": "yes", "reach_notes": "Every block on the estate was door-knocked twice.",
            "what_worked": "Tenants' forum members came on the doorstep visits; interpreters booked in advance.",
            "what_went_wrong": "We told people about the results late, after the works had started.",
            "do_differently": "Publish the \u{201C}You said, we did\u{201D} before the works start, and post it through every door.",
            "participants_said": "", "cost": "3200",
        ],
    ]

    static let evidence: [String: String] = [
        "inclusion": "Equality screening is now part of the plan template; reach by group is checked for the larger consultations only.",
        "support": "Interpreters and travel costs offered at drop-ins; not yet for online sessions.",
        "planning": "Plans for consultations are signed off by the engagement lead; smaller activities still start without one.",
        "working-together": "Joint work with the NHS trust and Harbourside CVS on health and cost of living; overlaps found through the register.",
        "methods": "Most activities still rely on an online survey alone.",
        "communication": "Reports are published for the big consultations, often late.",
        "impact": "Decisions on parks and bus stops link back to residents' comments in the decision spaces.",
    ]
}
