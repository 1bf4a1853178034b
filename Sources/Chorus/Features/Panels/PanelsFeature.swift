import Vapor
import Fluent

/// Citizens' panels: a standing panel residents join online or staff add from paper forms, recruitment letters drawn
/// by a seeded lottery with a code per household, and selections for events by targets (LEXIMIN, maximin or a
/// stratified lottery) published with the pool's hash before the draw, so anyone can replay it (docs/panels.md).
enum PanelsFeature: ChorusFeature {
    static let name = "panels"
    static func routes(_ r: FeatureRoutes) {
        PanelsController.routes(r)
        PanelSelectionsController.routes(r)
        PanelResidentsController.routes(r)
    }
    static var migrations: [any Migration] { [CreatePanels()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.panels", href: SiteURL.Panels.list)] }
    static var auditEntities: [String] { [PanelService.entity, PanelService.memberEntity, PanelLetterService.entity, PanelSelectionService.entity] }
    static var strings: [String: [String: String]] { ["en": Catalogue.panelsEnglish, "ur": Catalogue.panelsUrdu] }
    static var personalData: [PersonalDataDeclaration] { [PanelPersonalData.declaration] }
}
