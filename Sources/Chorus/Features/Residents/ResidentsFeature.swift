import Vapor
import Fluent

/// Residents taking part as themselves: signing in by an emailed code, their account and "My data" (profile,
/// equality answers, consents, email updates, download, deletion); for staff, residents without email (assisted
/// digital), subject access and erasure requests, and retention periods; for everyone, the public retention log.
/// Its personal data registry entries cover what it keeps; other features declare theirs (`personalData`).
enum ResidentsFeature: ChorusFeature {
    static let name = "residents"
    static func routes(_ r: FeatureRoutes) {
        ResidentsController.routes(r)
        ResidentsStaffController.routes(r)
    }
    static func jobs(_ j: FeatureJobs) { RetentionService.jobs(j) }
    static var migrations: [any Migration] { [CreateResidents()] }
    static var navigation: [NavigationEntry] {
        [NavigationEntry(label: "nav.residents", href: SiteURL.Residents.staffList, shownTo: { $0.role.canAdministerPartnership })]
    }
    static var auditEntities: [String] { [ResidentAccountService.entity, "retention_rule", DataRequestService.entity] }
    static var strings: [String: [String: String]] { ["en": Catalogue.residentsEnglish, "ur": Catalogue.residentsUrdu] }
    static var personalData: [PersonalDataDeclaration] { ResidentPersonalData.declarations }
}
