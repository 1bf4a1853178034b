import Vapor
import Fluent

/// Civic crowdfunding: projects residents and groups propose, verified by staff, funded by residents' pledges (a card
/// saved and charged at close, or cash, cheque and transfer recorded by staff) and partners' match funds computed by
/// published rules; a double-entry ledger every total is summed from; the close job under a lease; 360Giving data for
/// match-fund awards (docs/crowdfunding.md).
enum CrowdfundingFeature: ChorusFeature {
    static let name = "crowdfunding"
    static func routes(_ r: FeatureRoutes) {
        CrowdfundResidentsController.routes(r)
        CrowdfundStaffController.routes(r)
        CrowdfundWebhookController.routes(r)
    }
    static func jobs(_ j: FeatureJobs) { CrowdfundCloseJob.jobs(j) }
    static var migrations: [any Migration] { [CreateCrowdfunding(), CreateCrowdfundPhotos()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.crowdfunding", href: SiteURL.Crowdfunding.manage)] }
    static var auditEntities: [String] { [CrowdfundProjectService.entity, CrowdfundPledgeService.entity, MatchFundService.entity] }
    static var strings: [String: [String: String]] { ["en": Catalogue.crowdfundingEnglish, "ur": Catalogue.crowdfundingUrdu] }
    static var personalData: [PersonalDataDeclaration] { [CrowdfundPersonalData.declaration] }
    // frontDoor: CrowdfundFrontDoor.swift
}
