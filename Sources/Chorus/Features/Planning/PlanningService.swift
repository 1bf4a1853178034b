import Vapor
import Fluent
import ChorusCore

/// Engagement plans: the advisor's answers and the level chosen, the plan's sections and compliance screening, peer
/// challenge and sign-off, comments. The rules are ChorusCore's; this service loads, checks permissions and saves.
enum PlanningService {
    static let entity = "engagement_plan"

    /// Everything a plan page shows, worked out from the stored plan by the ChorusCore rules.
    struct Report: Sendable {
        let activity: Activity
        let plan: EngagementPlan
        let answers: AdvisorAnswers
        let recommendation: LadderRecommendation
        /// The level the plan works to: the plan's own choice, else the activity's.
        let chosen: LadderLevel?
        /// The level chosen in the plan itself (nil: it follows the activity).
        let planChoice: LadderLevel?
        /// What the activity says (purpose, methods, audiences, level, dates).
        let facts: ActivityPlanFacts
        /// The plan as it reads: its own text, and the activity's in mirrored fields it left blank.
        let content: EngagementPlanContent
        /// Mirrored fields whose text comes from the activity.
        let fromActivity: Set<PlanField>
        let gaps: [SectionGap]
        let period: ConsultationPeriodAssessment?
        let gunning: GunningChecklist
        let equality: ScreeningResult
        let dpia: ScreeningResult
        let warnings: [PlanWarning]
        let signOff: PlanSignOff
        let names: [UUID: String]
        let comments: [PlanComment]
        let suggestions: [ChannelSuggestion]
        let canEdit: Bool
    }

    static func canEdit(_ user: CurrentUser, _ activity: Activity) -> Bool {
        RegisterService.canEdit(user, organisationID: activity.$organisation.id)
    }

    static func requireEditor(_ user: CurrentUser, _ activity: Activity) throws {
        guard canEdit(user, activity) else {
            throw Abort(.forbidden, reason: "Only the lead organisation's officers and partnership admins change this plan")
        }
    }

    /// The activity (visible to this person) and its plan, created blank the first time anyone opens it.
    static func load(_ activityID: UUID?, user: CurrentUser, _ db: any Database) async throws -> (Activity, EngagementPlan) {
        let activity = try await RegisterService.findVisible(activityID, user: user, db)
        if let plan = try await EngagementPlan.query(on: db).filter(\.$activity.$id == activity.id!).first() { return (activity, plan) }
        return (activity, EngagementPlan.blank(for: activity.id!))
    }

    /// What the activity says, for a plan (the register's facts; an activity always exists here).
    static func facts(_ activity: Activity, _ db: any Database) async throws -> ActivityPlanFacts {
        guard let f = try await RegisterService.planFacts(activity.id!, db) else { throw Abort(.notFound) }
        return f
    }

    static func report(_ activity: Activity, _ plan: EngagementPlan, user: CurrentUser, elections: [ElectionPeriod], _ db: any Database) async throws
        -> Report
    {
        let answers = plan.answers
        let rec = LadderAdvisor.recommend(answers)
        let facts = try await facts(activity, db)
        let planChoice = plan.chosenLevel.flatMap(LadderLevel.init(rawValue:))
        let chosen = PlanActivityLink.level(planChoice: planChoice, activity: facts.level)
        let (content, fromActivity) = PlanActivityLink.effective(plan.content, facts)
        var period: ConsultationPeriodAssessment? = nil
        if plan.isConsultation {
            period = try? ConsultationDuration.assess(
                opens: facts.starts, closes: facts.ends, shortPeriodReason: plan.shortPeriodReason, elections: elections)
        }
        let gunning = plan.gunning
        let equality = EqualityScreening.screen(
            EqualityScreeningInput(
                answers: answers, assessmentRecordedOn: plan.eiaRecordedDay.map(Day.init(ordinal:)),
                decisionDate: content.decisionDate))
        let dpia = DPIAScreening.screen(collectsPersonalData: plan.dpiaPersonalData, criteria: plan.dpiaCriteriaSet)
        var warnings = rec.warnings + equality.warnings + dpia.warnings
        if let chosen { warnings += LevelChoice.warnings(chosen: chosen, recommendation: rec) }
        warnings += PlanActivityLink.levelWarnings(planChoice: planChoice, activity: facts.level, recommendation: rec, reason: plan.levelReason)
        if let period { warnings += period.warnings + gunning.warnings(answers: answers, period: period) }
        if answers.proposedChange?.contains(.vcseFundingCut) == true {
            warnings += VCSENotice.check(decisionDate: content.decisionDate, changeDate: plan.vcseChangeDay.map(Day.init(ordinal:)))
        }
        let signOff = plan.signOff
        var people = Set(signOff.reviewers + signOff.approvals.map(\.reviewer))
        if let s = signOff.sentBy { people.insert(s) }
        if let c = signOff.changesRequestedBy { people.insert(c) }
        let names = try await NameLookup.names(Person.self, Array(people), db) { $0.name }
        let comments = plan.id == nil ? [] : try await PlanComment.query(on: db).filter(\.$plan.$id == plan.id!).sort(\.$createdAt).all()
        let profiles = try await RegisterService.audienceProfiles(ofActivity: activity.id!, db)
        return Report(
            activity: activity, plan: plan, answers: answers, recommendation: rec, chosen: chosen, planChoice: planChoice, facts: facts,
            content: content, fromActivity: fromActivity, gaps: PlanCompleteness.gaps(in: content), period: period, gunning: gunning,
            equality: equality, dpia: dpia, warnings: PlanActivityLink.combined(warnings), signOff: signOff, names: names, comments: comments,
            suggestions: MethodAdvisor.suggest(level: chosen ?? rec.level, audiences: profiles), canEdit: canEdit(user, activity))
    }

    /// Saves a changed plan with its audit entry. Any change to a plan in challenge or signed off goes through the
    /// workflow's `edit` event, which reopens it; the returned notice says so.
    @discardableResult
    static func saveEdit(_ plan: EngagementPlan, user: CurrentUser, summary: String, on db: any Database) async throws -> String? {
        var notice: String? = nil
        if plan.id != nil, plan.signOff.status != .draft {
            let t = try PlanWorkflow.apply(.edit, by: user.id, at: Date(), to: plan.signOff)
            plan.signOff = t.state
            if t.changed { notice = t.notice }
        }
        try await db.transaction { tx in
            if plan.id == nil { try await plan.create(on: tx) } else { try await plan.update(on: tx) }
            try await AuditService.record(tx, actor: user.actor, action: .update, entity: entity, id: plan.id, label: summary)
        }
        return notice
    }

    /// Records one advisor answer (from the one-question page).
    static func answer(
        _ question: AdvisorQuestionID, values: [String], plan: EngagementPlan, activity: Activity, user: CurrentUser,
        on db: any Database
    ) async throws -> String? {
        try requireEditor(user, activity)
        var answers = plan.answers
        do { try answers.record(question, values: values) } catch { throw ValidationFailure([error]) }
        guard answers != plan.answers else { return nil }
        plan.answers = answers
        return try await saveEdit(plan, user: user, summary: "Answered \(question.rawValue) on the ladder advisor", on: db)
    }

    /// The officer's level: the recommended one, or another with a reason.
    static func chooseLevel(_ raw: String?, reason: String?, plan: EngagementPlan, activity: Activity, user: CurrentUser, on db: any Database)
        async throws -> String?
    {
        try requireEditor(user, activity)
        guard let level = raw.flatMap(LadderLevel.init(rawValue:)) else { throw ValidationFailure([FieldError("chosen_level", "Choose a level")]) }
        let rec = LadderAdvisor.recommend(plan.answers)
        let why: String?
        do { why = try LevelChoice.validateReason(recommended: rec.level, chosen: level, reason: reason) } catch { throw ValidationFailure([error]) }
        plan.chosenLevel = level.rawValue
        plan.levelReason = why
        return try await saveEdit(plan, user: user, summary: "Chose \(level.rawValue) (recommended \(rec.level.rawValue))", on: db)
    }

    /// The plan's sections and compliance screening from the edit form. Every problem is reported; nothing is saved if any.
    static func update(_ input: Input, plan: EngagementPlan, activity: Activity, user: CurrentUser, on db: any Database) async throws -> String? {
        try requireEditor(user, activity)
        var errors: [FieldError] = []
        var content = plan.content
        for field in PlanField.allCases {
            do { try content.set(field, input[field.rawValue]) } catch { errors.append(error) }
        }
        let isConsultation = Input.isTrue(input["is_consultation"])
        var v = Validator()
        let shortReason = v.optional(
            ConsultationDuration.reasonField, input[ConsultationDuration.reasonField], label: "Reason for a shorter consultation", max: 2000,
            multiline: true)
        func day(_ field: String, _ label: String) -> Int? {
            guard let raw = v.optional(field, input[field], label: label, max: 10) else { return nil }
            guard let d = Day(iso: raw) else { v.add(field, "Enter \(label.lowercased()) as a real date, like 2027-03-31"); return nil }
            return d.ordinal
        }
        let vcse = day(VCSENotice.changeField, "The date the funding change takes effect")
        let eia = day("eia_recorded_on", "The date the equality impact assessment was recorded")
        var gunning = plan.gunning
        if isConsultation {
            for p in GunningPrinciple.allCases {
                do {
                    try gunning.update(
                        p, status: input[GunningChecklist.field(p, "status")] ?? GunningStatus.notChecked.rawValue,
                        evidenceLink: input[GunningChecklist.field(p, "evidence")], note: input[GunningChecklist.field(p, "note")])
                } catch { errors.append(error) }
            }
            do {
                let assessment = try ConsultationDuration.assess(
                    opens: Day(ordinal: activity.startDay), closes: activity.endDay.map(Day.init(ordinal:)),
                    shortPeriodReason: shortReason)
                _ = try ConsultationDuration.validateReason(assessment)
            } catch { errors.append(error) }
        }
        let personal: Bool? = input["dpia_personal_data"].flatMap { $0 == "yes" ? true : $0 == "no" ? false : nil }
        if let raw = input["dpia_personal_data"], !raw.isEmpty, personal == nil { v.add("dpia_personal_data", "Choose yes or no") }
        let criteria = input.list("dpia_criteria").filter { !$0.isEmpty }
        if criteria.contains(where: { DPIACriterion(rawValue: $0) == nil }) { v.add("dpia_criteria", "Choose from the listed criteria") }
        errors += v.errors.filter { e in !errors.contains { $0.field == e.field } }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        plan.content = content
        plan.isConsultation = isConsultation
        plan.shortPeriodReason = shortReason
        plan.gunning = gunning
        plan.vcseChangeDay = vcse
        plan.eiaRecordedDay = eia
        plan.dpiaPersonalData = personal
        plan.dpiaCriteriaSet = Set(criteria.compactMap(DPIACriterion.init(rawValue:)))
        return try await saveEdit(plan, user: user, summary: "Edited the engagement plan", on: db)
    }

    /// Send for challenge, approve, ask for changes, withdraw. Who may send or withdraw is checked here (the plan's
    /// editors); who may approve is checked by the workflow (invited reviewers only). An approval carries the
    /// reviewer's acknowledgement of open warnings (see `approve`), kept with the approval and in the audit entry.
    /// Sending queues an email to each reviewer (`mail`), in the same transaction.
    static func transition(
        _ event: PlanEvent, plan: EngagementPlan, activity: Activity, user: CurrentUser, comment: String?,
        acknowledgement: PlanAcknowledgement? = nil, mail: MailContext? = nil, on db: any Database
    ) async throws -> String {
        switch event {
        case .sendForChallenge, .withdraw, .edit: try requireEditor(user, activity)
        case .approve, .requestChanges: break
        }
        guard plan.id != nil || event != .approve else { throw Abort(.conflict, reason: "This plan has not been sent for challenge") }
        let t: PlanTransition
        do { t = try PlanWorkflow.apply(event, by: user.id, at: Date(), to: plan.signOff, acknowledgement: acknowledgement) } catch {
            if let field = error.field { throw ValidationFailure([FieldError(field == "reviewers" ? "reviewer_ids" : field, error.message)]) }
            throw Abort(HTTPResponseStatus(statusCode: error.httpStatus), reason: error.message)
        }
        guard t.changed else { return t.notice }
        plan.signOff = t.state
        var after = ["status": t.state.status.rawValue]
        if let a = acknowledgement {
            after["acknowledged_warnings"] = a.warnings.map { "\($0.code): \($0.message)" }.joined(separator: " | ")
            after["acknowledgement_reason"] = a.reason
        }
        let audit = after
        let emailed: Int? = try await db.transaction { tx in
            if plan.id == nil { try await plan.create(on: tx) } else { try await plan.update(on: tx) }
            if let comment, !comment.isEmpty {
                let c = PlanComment()
                c.$plan.id = plan.id!; c.personID = user.id; c.personName = user.name; c.body = comment
                try await c.create(on: tx)
            }
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: plan.id,
                label: acknowledgement.map { "\(t.notice) Acknowledged \($0.warnings.count) open warning(s)." } ?? t.notice, after: audit)
            if case .sendForChallenge = event, let mail {
                return try await notifyReviewers(plan: plan, activity: activity, sender: user, mail: mail, on: tx)
            }
            return nil
        }
        guard let n = emailed else { return t.notice }
        return t.notice + (n == 0 ? " No reviewer could be emailed." : " \(n == 1 ? "1 reviewer has" : "\(n) reviewers have") been emailed a link.")
    }

    /// A reviewer's approval. Open warnings (`PlanSignOffRule.blocking`) must be acknowledged with a reason;
    /// without that nothing is saved and the failure names the field.
    static func approve(
        plan: EngagementPlan, activity: Activity, user: CurrentUser, acknowledged: Bool, reason: String?, shownCodes: [String]?,
        elections: [ElectionPeriod], on db: any Database
    ) async throws -> String {
        // Who may approve, and in which state, first: a stranger hears "not invited", not about warnings.
        let s = plan.signOff
        if s.status == .inChallenge || s.status == .signedOff, s.isInvited(user.id), !s.hasApproved(user.id) {
            let report = try await report(activity, plan, user: user, elections: elections, db)
            switch PlanSignOffRule.check(open: report.warnings, acknowledged: acknowledged, reason: reason, shownCodes: shownCodes) {
            case .clear:
                return try await transition(.approve, plan: plan, activity: activity, user: user, comment: nil, on: db)
            case .acknowledged(let a):
                return try await transition(.approve, plan: plan, activity: activity, user: user, comment: nil, acknowledgement: a, on: db)
            case .refused(let errors):
                throw ValidationFailure(errors)
            }
        }
        return try await transition(.approve, plan: plan, activity: activity, user: user, comment: nil, on: db)
    }

    /// Sends the plan for challenge to these reviewers (ids as sent by the form), emailing each a link.
    static func send(
        reviewerIDs raw: [String], plan: EngagementPlan, activity: Activity, user: CurrentUser, mail: MailContext, on db: any Database
    ) async throws -> String {
        try requireEditor(user, activity)
        let ids = try await reviewers(raw, activity: activity, db)
        let facts = try await facts(activity, db)
        let missing = PlanCompleteness.missingSections(in: PlanActivityLink.effective(plan.content, facts).content)
        return try await transition(
            .sendForChallenge(reviewers: ids, missingSections: missing), plan: plan, activity: activity, user: user, comment: nil, mail: mail,
            on: db)
    }

    // MARK: Reviewers

    /// Who may be asked to review a plan: active people whose role may sign off plans (`PlanReviewers`), each once,
    /// with role and organisation; the reader's own organisation first, then by name.
    static func reviewerChoices(for user: CurrentUser, activity: Activity, _ db: any Database) async throws -> [PlanReviewerChoice] {
        let people = try await Person.query(on: db).filter(\.$active == true).with(\.$organisation).all()
        let candidates = people.compactMap { p -> PlanReviewerChoice? in
            guard let id = p.id else { return nil }
            return PlanReviewerChoice(
                id: id, name: p.name, email: p.email.lowercased(), role: p.roleValue, jobTitle: p.jobTitle, organisation: p.organisation.name,
                organisationID: p.organisation.id!)
        }
        return PlanReviewers.choices(candidates, excluding: user.id, ownOrganisation: user.organisationID, draftOf: draftOf(activity))
    }

    /// The lead organisation of a draft activity (only it and partnership admins see it), nil once registered.
    static func draftOf(_ activity: Activity) -> UUID? {
        activity.status == ActivityStatus.draft.rawValue ? activity.$organisation.id : nil
    }

    /// Reviewer ids as sent, if every one is someone who may review (else a failure naming the field).
    static func reviewers(_ raw: [String], activity: Activity, _ db: any Database) async throws -> [UUID] {
        let ids = raw.compactMap(UUID.init(uuidString:))
        let lead = draftOf(activity)
        let allowed = Set(
            try await Person.query(on: db).filter(\.$active == true).all()
                .filter { PlanReviewers.canReview($0.roleValue, organisation: $0.$organisation.id, draftOf: lead) }.compactMap(\.id))
        guard ids.count == raw.count, ids.allSatisfy(allowed.contains) else {
            throw ValidationFailure([FieldError("reviewer_ids", "Choose reviewers from the list: colleagues who can sign off plans")])
        }
        return ids
    }

    static let reviewKind = "plan_review"

    /// Emails each invited reviewer a link to the plan (in the caller's transaction). Returns how many were queued.
    static func notifyReviewers(plan: EngagementPlan, activity: Activity, sender: CurrentUser, mail: MailContext, on db: any Database) async throws
        -> Int
    {
        let s = plan.signOff
        guard !s.reviewers.isEmpty else { return 0 }
        let people = try await Person.query(on: db).filter(\.$id ~~ s.reviewers).filter(\.$active == true).all()
        let link = mail.baseURL + SiteURL.Plan.show(activity.id!) + "#review"
        // One reference a round: the workflow sends a plan once a round (a second "send" while in challenge is refused),
        // so a reviewer is emailed once a round, and again when invited to a later one.
        let reference = UUID()
        var n = 0
        for p in people {
            let body = PlanReviewers.emailBody(
                reviewer: p.name, sender: sender.name, activityTitle: activity.title, link: link)
            if try await OutboxService.queue(
                to: p.email, subject: PlanReviewers.emailSubject(activityTitle: activity.title), body: body, kind: reviewKind,
                reference: reference, mail: mail,
                why: "You are getting this because a colleague named you as a reviewer of an engagement plan in Chorus.", on: db)
            {
                n += 1
            }
        }
        return n
    }

    /// A comment on a section (or the whole plan) by its editors or its invited reviewers.
    static func comment(section raw: String?, body rawBody: String?, plan: EngagementPlan, activity: Activity, user: CurrentUser, on db: any Database)
        async throws
    {
        guard canEdit(user, activity) || plan.signOff.isInvited(user.id) else {
            throw Abort(.forbidden, reason: "Only the plan's authors and invited reviewers comment on it")
        }
        var v = Validator()
        let body = v.required("body", rawBody, label: "Comment", max: 4000, multiline: true)
        let section = (raw ?? "").isEmpty ? nil : raw
        if let s = section, PlanSection(rawValue: s) == nil { v.add("section", "Choose a section from the list") }
        try v.check()
        try await db.transaction { tx in
            if plan.id == nil { try await plan.create(on: tx) }
            let c = PlanComment()
            c.$plan.id = plan.id!; c.personID = user.id; c.personName = user.name; c.section = section; c.body = body
            try await c.create(on: tx)
        }
    }
}

extension PlanningService {
    /// When each activity's plan was (last) signed off, kept when a later edit reopened it, and the day its equality
    /// impact assessment was recorded; for the standards' evidence figures.
    static func signOffAndEquality(ofActivities ids: [UUID], _ db: any Database) async throws -> [UUID: (signedOff: Day?, equality: Day?)] {
        var out: [UUID: (signedOff: Day?, equality: Day?)] = [:]
        for chunk in ids.chunked(1000) {
            for p in try await EngagementPlan.query(on: db).filter(\.$activity.$id ~~ chunk).all() {
                let s = p.signOff
                out[p.$activity.id] = ((s.signedOffAt ?? s.previousSignOffAt).map(Day.init), p.eiaRecordedDay.map(Day.init(ordinal:)))
            }
        }
        return out
    }
}
