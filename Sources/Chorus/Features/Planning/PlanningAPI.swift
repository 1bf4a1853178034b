import Vapor
import Fluent
import ChorusCore

/// /api/v1/activities/{id}/plan: an activity's engagement plan as its page shows it, for anyone who may see the
/// activity (another organisation's draft activity is 404): ladder level and why, sections, warnings, compliance
/// checks, sign-off and comments. Read-only.
enum PlanningAPI {
    static func register(_ api: any RoutesBuilder, docs: APIDocs) {
        docs.route(
            api, .GET, "/activities/{id}/plan", summary: "An activity's engagement plan: level, sections, checks and sign-off",
            tag: "planning", response: docs.schema(PlanningDTO.Plan.self)
        ) { req in
            let user = try req.requireUser()
            let (activity, plan) = try await PlanningService.load(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let report = try await PlanningService.report(activity, plan, user: user, elections: req.application.chorusConfig.electionPeriods, req.db)
            return try APIResponse.json(dto(report))
        }
    }

    static func dto(_ r: PlanningService.Report) -> PlanningDTO.Plan {
        func person(_ id: UUID) -> PlanningDTO.Person { .init(id: id, name: r.names[id]) }
        let s = r.signOff
        let rec = r.recommendation
        let level = r.chosen ?? rec.level
        let sections = PlanSection.allCases.map { section in
            let missing = r.gaps.first { $0.section == section }?.missingFields ?? []
            return PlanningDTO.Section(
                section: section, label: section.label, complete: missing.isEmpty,
                fields: section.fields.map {
                    .init(
                        field: $0, label: $0.label, value: r.content.text($0), missing: missing.contains($0),
                        from_activity: r.fromActivity.contains($0))
                })
        }
        let period = r.period.map {
            PlanningDTO.Period(
                opens: APIDay($0.opens), closes: $0.closes.map(APIDay.init), days: $0.days, reason_required: $0.reasonRequired,
                short_period_reason: $0.shortPeriodReason)
        }
        return PlanningDTO.Plan(
            activity_id: r.activity.id!, activity_title: r.activity.title, saved: r.plan.id != nil, status: s.status,
            ladder: .init(
                recommended: rec.level, chosen: r.planChoice, activity_level: r.facts.level, level: level,
                summary: PlanActivityLink.levelSentence(planChoice: r.planChoice, activity: r.facts.level, recommendation: rec),
                level_reason: r.plan.levelReason, promise: level.promise,
                co_production: rec.coProduction, unanswered: rec.unanswered,
                reasons: rec.reasons.map { .init(rule: $0.id, reason: $0.reason, overridden: $0.overridden) }),
            sections: sections,
            warnings: r.warnings.map { .init(code: $0.code, severity: $0.severity, message: $0.message, action: $0.action, field: $0.field) },
            blocking_warnings: PlanSignOffRule.blocking(r.warnings).map(\.code),
            checks: .init(
                equality_impact: .init(outcome: r.equality.outcome, reasons: r.equality.reasons),
                data_protection_impact: .init(outcome: r.dpia.outcome, reasons: r.dpia.reasons),
                is_consultation: r.plan.isConsultation, consultation_period: period,
                gunning: r.plan.isConsultation
                    ? r.gunning.checks.map { .init(principle: $0.principle, status: $0.status, evidence_link: $0.evidenceLink, note: $0.note) } : [],
                gunning_passing: r.plan.isConsultation && r.gunning.isPassing),
            sign_off: .init(
                status: s.status, rule: s.rule, reviewers: s.reviewers.map(person), awaiting: s.awaiting.map(person),
                approvals: s.approvals.map {
                    .init(
                        reviewer: person($0.reviewer), at: $0.at,
                        acknowledged_warnings: $0.acknowledgement?.warnings.map { .init(code: $0.code, message: $0.message) } ?? [],
                        acknowledgement_reason: $0.acknowledgement?.reason)
                }, sent_by: s.sentBy.map(person),
                sent_at: s.sentAt, changes_requested_by: s.changesRequestedBy.map(person), changes_requested_at: s.changesRequestedAt,
                signed_off_at: s.signedOffAt, previous_sign_off_at: s.previousSignOffAt),
            comments: r.comments.map {
                .init(
                    section: $0.section.flatMap(PlanSection.init(rawValue:)), person_name: $0.personName, body: $0.body,
                    created_at: $0.createdAt)
            },
            can_edit: r.canEdit, updated_at: r.plan.updatedAt)
    }
}
