import Vapor
import Fluent

/// The template a new feature area copies (docs/development.md, "Add a feature area"): a list of notes each
/// organisation keeps, with a page, a form, a JSON API and an audit trail. Copy the folder, rename `Template`
/// everywhere, and add one line to `Features.all`. It is not in that list itself: `TemplateFeatureTests` registers
/// it on a test server, so the template always compiles and works against the current contract.
enum TemplateFeature: ChorusFeature {
    static let name = "template"
    static func routes(_ r: FeatureRoutes) {
        TemplateController.routes(r)
        TemplateAPI.routes(r)
    }
    /// Frozen migrations: when copying, move each into `Sources/Chorus/Migrations/NNNN_Name.swift` and append it to
    /// `Migrations.all` too.
    static var migrations: [any Migration] { [CreateTemplateNotes()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "template.nav", href: SiteURL.Template.list)] }
    static var auditEntities: [String] { [TemplateService.entity] }
    static var strings: [String: [String: String]] { ["en": TemplateStrings.english] }
    static var usages: [ReferenceUsage] {
        [
            ReferenceUsage(kind: .organisation, records: "template notes") { id, db in
                try await TemplateNote.query(on: db).filter(\.$organisation.$id == id).count()
            }
        ]
    }
}
