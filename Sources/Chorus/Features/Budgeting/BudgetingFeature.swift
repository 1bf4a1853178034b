import Vapor
import Fluent

/// Participatory budgeting: staff run rounds for register activities (pots per ward or for the whole area, phases,
/// proposals moderated and reviewed for feasibility with reasons residents read, paper ballots keyed in); residents
/// propose, vote on any phone without script (approval, knapsack, cumulative or ranked ballots) with a receipt they
/// can look up, and read results that say why each project was or was not funded. "Check an outcome" replays any
/// Pabulib file through the same rules (docs/participatory-budgeting.md).
enum BudgetingFeature: ChorusFeature {
    static let name = "budgeting"
    static func routes(_ r: FeatureRoutes) {
        BudgetCheckController.routes(r)
        BudgetRoundsController.routes(r)
        BudgetVotingController.routes(r)
    }
    static var migrations: [any Migration] { [CreateBudgetRounds()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.budgeting", href: SiteURL.Budgeting.list)] }
    static var auditEntities: [String] { [BudgetRoundService.entity, BudgetProposalService.entity, BudgetBallotService.entity] }
    static var strings: [String: [String: String]] { ["en": Catalogue.budgetingEnglish, "ur": Catalogue.budgetingUrdu] }
    static var personalData: [PersonalDataDeclaration] { [BudgetPersonalData.declaration] }
}
