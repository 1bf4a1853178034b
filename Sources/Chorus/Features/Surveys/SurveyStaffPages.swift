import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Page models for staff's survey pages, built here and rendered by `SurveyStaffViews`.
enum SurveyStaffPages {
    struct List: Sendable {
        let rows: [SurveyService.Row]
        let status: SurveyStatus?
    }

    struct Form: Sendable {
        let survey: SurveyService.Info?
        let activities: PickerChoices
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    static func form(_ survey: SurveyService.Info?, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database)
        async throws
        -> Form
    {
        Form(survey: survey, activities: try await RegisterService.activityChoices(user, db), errors: errors, input: input)
    }

    struct Overview: Sendable {
        let survey: SurveyService.Info
        let activityTitle: String
        let responses: Int
        let drafts: Int
        let problems: [String]
        let canEdit: Bool
        let canRead: Bool
        var errors: [FieldError] = []
        var input: Input? = nil
        var notice: String? = nil
    }

    static func overview(_ s: Survey, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, notice: String? = nil, _ db: any Database)
        async throws -> Overview
    {
        let info = SurveyService.Info(s)
        let submitted = try await SurveyResponse.query(on: db).filter(\.$surveyID == info.id).filter(\.$status == "submitted").count()
        let drafts = try await SurveyResponse.query(on: db).filter(\.$surveyID == info.id).filter(\.$status == "draft").count()
        return Overview(
            survey: info, activityTitle: try await RegisterService.facts(info.activityID, db)?.title ?? "", responses: submitted, drafts: drafts,
            problems: SurveyService.problems(info.definition), canEdit: SurveyService.canEdit(user, s),
            canRead: SurveyService.canReadResponses(user, s),
            errors: errors, input: input, notice: notice)
    }

    struct Results: Sendable {
        let survey: SurveyService.Info
        let tally: SurveyTally
        let wards: [PlacesReads.Ward]
        let ward: PlacesReads.Ward?
        /// "field:value" of the equality group chosen, and its label.
        let group: (code: String, label: String)?
        let insights: Int
        let canSummarise: Bool
        var errors: [FieldError] = []
    }

    /// Every equality group as a filter choice: "age_band:35_39" → "Age: 35 to 39".
    static let groups: [(code: String, label: String)] = EqualityMonitoring.questions.flatMap { q in
        q.options.filter { $0.code != EqualityMonitoring.preferNotToSay }.map { ("\(q.field):\($0.code)", "\(q.question): \($0.label)") }
    }

    static func results(
        _ s: Survey, user: CurrentUser, wardCode: String?, group: String? = nil, errors: [FieldError] = [], cache: SurveyResultsCache,
        _ db: any Database
    ) async throws -> Results {
        let info = SurveyService.Info(s)
        let wards = try await PlacesReads.wards(db)
        let ward = wardCode.flatMap { code in wards.first { $0.code == code } }
        let chosen = group.flatMap { g in groups.first { $0.code == g } }
        var members: Set<UUID>? = nil
        if let chosen {
            let parts = chosen.code.split(separator: ":").map(String.init)
            members = Set(
                try await SurveyEquality.query(on: db).filter(\.$surveyID == info.id).all()
                    .filter { AuditService.decode($0.answers)[parts[0]] == parts[1] }.map(\.responseID))
        }
        let tally = try await cache.tally(info, edited: s.updatedAt, ward: ward?.id, group: chosen?.code, members: members, db)
        let insights = try await InsightService.count(sourcePrefix: "survey:", activity: info.activityID, db)
        return Results(
            survey: info, tally: tally, wards: wards, ward: ward, group: chosen, insights: insights,
            canSummarise: SurveyService.canEdit(user, s) || user.role == .comms, errors: errors)
    }
}
