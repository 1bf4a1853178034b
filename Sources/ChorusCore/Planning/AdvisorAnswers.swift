import Foundation

/// The officer's answers to the ladder advisor. `nil` means "not answered yet"; for the multiple-choice
/// questions an empty set means "None of these". Codable, so the web layer can keep it as JSON on the plan.
public struct AdvisorAnswers: Sendable, Equatable, Codable {
    public var decisionFlexibility: DecisionFlexibility?
    public var formativeStage: FormativeStage?
    public var consultationDuty: Set<ConsultationDutySource>?
    public var affectedScale: AffectedScale?
    public var protectedGroups: ProtectedGroupsImpact?
    public var proposedChange: Set<ProposedChange>?
    public var communityContribution: Set<CommunityContribution>?
    public var delegation: Delegation?
    public var resources: ResourceLevel?

    public init(
        decisionFlexibility: DecisionFlexibility? = nil, formativeStage: FormativeStage? = nil,
        consultationDuty: Set<ConsultationDutySource>? = nil, affectedScale: AffectedScale? = nil,
        protectedGroups: ProtectedGroupsImpact? = nil, proposedChange: Set<ProposedChange>? = nil,
        communityContribution: Set<CommunityContribution>? = nil, delegation: Delegation? = nil,
        resources: ResourceLevel? = nil
    ) {
        self.decisionFlexibility = decisionFlexibility
        self.formativeStage = formativeStage
        self.consultationDuty = consultationDuty
        self.affectedScale = affectedScale
        self.protectedGroups = protectedGroups
        self.proposedChange = proposedChange
        self.communityContribution = communityContribution
        self.delegation = delegation
        self.resources = resources
    }

    /// Questions not answered yet, in question order.
    public var unanswered: [AdvisorQuestionID] { AdvisorQuestionID.allCases.filter { !isAnswered($0) } }

    public var isComplete: Bool { unanswered.isEmpty }

    public func isAnswered(_ id: AdvisorQuestionID) -> Bool { !values(for: id).isEmpty }

    /// The stored answer as form values (to check the right radios and boxes when a page is shown again).
    /// Empty when unanswered; `["none"]` when "None of these" was chosen.
    public func values(for id: AdvisorQuestionID) -> [String] {
        func one<C: AdvisorChoice>(_ c: C?) -> [String] { c.map { [$0.rawValue] } ?? [] }
        func many<C: AdvisorChoice>(_ s: Set<C>?) -> [String] {
            guard let s else { return [] }
            if s.isEmpty { return [AdvisorQuestion.noneValue] }
            return C.allCases.filter { s.contains($0) }.map(\.rawValue)  // in option order
        }
        switch id {
        case .decisionFlexibility: return one(decisionFlexibility)
        case .formativeStage: return one(formativeStage)
        case .consultationDuty: return many(consultationDuty)
        case .affectedScale: return one(affectedScale)
        case .protectedGroups: return one(protectedGroups)
        case .proposedChange: return many(proposedChange)
        case .communityContribution: return many(communityContribution)
        case .delegation: return one(delegation)
        case .resources: return one(resources)
        }
    }

    /// Records the answer to one question from submitted form values (the checked radio, or every checked box).
    /// Throws a `FieldError` named after the question (its raw id) when nothing is selected, a value is not one
    /// of the options, a single-choice question gets two values, or "None of these" is combined with others.
    /// Nothing changes when it throws.
    public mutating func record(_ id: AdvisorQuestionID, values raw: [String]) throws(FieldError) {
        let values = raw.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let question = id.question
        let field = id.rawValue
        guard !values.isEmpty else {
            throw FieldError(field, question.kind == .single ? "Select an answer" : "Select at least one answer, or \"None of these\"")
        }

        func one<C: AdvisorChoice>(_ type: C.Type) throws(FieldError) -> C {
            guard Set(values).count == 1 else { throw FieldError(field, "Select only one answer") }
            guard let c = C(rawValue: values[0]) else { throw FieldError(field, "Select one of the answers shown") }
            return c
        }
        func many<C: AdvisorChoice>(_ type: C.Type) throws(FieldError) -> Set<C> {
            if values.contains(AdvisorQuestion.noneValue) {
                guard Set(values).count == 1 else {
                    throw FieldError(field, "Select \"None of these\" on its own, or untick it")
                }
                return []
            }
            var out: Set<C> = []
            for v in values {
                guard let c = C(rawValue: v) else { throw FieldError(field, "Select one of the answers shown") }
                out.insert(c)
            }
            return out
        }

        switch id {
        case .decisionFlexibility: decisionFlexibility = try one(DecisionFlexibility.self)
        case .formativeStage: formativeStage = try one(FormativeStage.self)
        case .consultationDuty: consultationDuty = try many(ConsultationDutySource.self)
        case .affectedScale: affectedScale = try one(AffectedScale.self)
        case .protectedGroups: protectedGroups = try one(ProtectedGroupsImpact.self)
        case .proposedChange: proposedChange = try many(ProposedChange.self)
        case .communityContribution: communityContribution = try many(CommunityContribution.self)
        case .delegation: delegation = try one(Delegation.self)
        case .resources: resources = try one(ResourceLevel.self)
        }
    }

    /// The chosen options' labels, for the summary page ("None of these" for an empty multiple choice).
    public func labels(for id: AdvisorQuestionID) -> [String] {
        let question = id.question
        return values(for: id).compactMap { v in question.options.first { $0.value == v }?.label }
    }

    // Convenience for the rules.
    func duty(_ s: ConsultationDutySource) -> Bool { consultationDuty?.contains(s) ?? false }
    func change(_ c: ProposedChange) -> Bool { proposedChange?.contains(c) ?? false }
    func holds(_ c: CommunityContribution) -> Bool { communityContribution?.contains(c) ?? false }
    /// A statutory duty, a promise or an established practice (not "not sure").
    var hasConsultationDuty: Bool { duty(.statutory) || duty(.promise) || duty(.establishedPractice) }
}
