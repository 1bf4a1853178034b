import Vapor
import Fluent

/// "Home, street, community" campaigns: a partner's campaign on a theme (litter, being active, good neighbours) with
/// actions at three levels, how-to guidance and printable toolkits; residents pledge (signed in or anonymously with a
/// ward; groups for community actions) and say when they did it; counts by level and ward with a map; comments become
/// insights of the campaign's register activity; updates are emailed to pledgers who asked (docs/campaigns.md).
enum CampaignsFeature: ChorusFeature {
    static let name = "campaigns"
    static func routes(_ r: FeatureRoutes) {
        CampaignsController.routes(r)
        CampaignStaffController.routes(r)
    }
    static var migrations: [any Migration] { [CreateCampaigns()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.campaigns", href: SiteURL.Campaigns.manage)] }
    static var auditEntities: [String] { [CampaignService.entity, CampaignPledgeService.entity] }
    static var strings: [String: [String: String]] { ["en": Catalogue.campaignsEnglish, "ur": Catalogue.campaignsUrdu] }
    static var personalData: [PersonalDataDeclaration] { [CampaignPersonalData.declaration] }
}
