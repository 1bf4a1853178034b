import Vapor
import Fluent

/// Decision spaces: meetings, agenda items with insight bundles and briefings, decisions and actions.
enum DecisionsFeature: ChorusFeature {
    static let name = "decisions"
    static func routes(_ r: FeatureRoutes) {
        DecisionsController.routes(r)
        DecisionsAPI.register(r.api, docs: r.docs)
    }
    static var migrations: [any Migration] { [CreateDecisions(), AddAgendaItemAnalysis()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.decisions", href: SiteURL.Decisions.spaces)] }
    static var auditEntities: [String] {
        [DecisionSpaceService.entity, "meeting", "agenda_item", ActionService.decisionEntity, ActionService.actionEntity]
    }
    static var strings: [String: [String: String]] { ["en": Catalogue.decisionsEnglish, "ur": Catalogue.decisionsUrdu] }
    static var usages: [ReferenceUsage] {
        [
            ReferenceUsage(kind: .theme, records: "decision spaces") { id, db in
                try await DecisionSpaceTheme.query(on: db).filter(\.$theme.$id == id).count()
            },
            ReferenceUsage(kind: .theme, records: "agenda items") { id, db in try await AgendaItem.query(on: db).filter(\.$theme.$id == id).count() },
            ReferenceUsage(kind: .organisation, records: "decision spaces") { id, db in
                try await DecisionSpaceOrganisation.query(on: db).filter(\.$organisation.$id == id).count()
            },
            ReferenceUsage(kind: .organisation, records: "actions") { id, db in
                try await DecisionAction.query(on: db).filter(\.$organisation.$id == id).count()
            },
        ]
    }
}
