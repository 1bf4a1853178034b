import Foundation
import Testing
import VaporTesting
@testable import Chorus
import ChorusCore

/// The feature contract (docs/development.md): everything a feature area has is declared in its `ChorusFeature`
/// and registered from `Features.all`, nowhere else.
@Suite struct FeatureContractTests {
    @Test func everyRouteAndJobComesFromAFeatureDeclaration() async throws {
        try await TestApp.run { app, _ in
            let names = Set(Features.all.map { $0.name })
            #expect(names.count == Features.all.count, "feature names are unique")
            #expect(
                app.featureRouteOwners.count == app.routes.all.count,
                "\(app.routes.all.count - app.featureRouteOwners.count) routes were registered outside Features.register")
            #expect(Set(app.featureRouteOwners).isSubset(of: names))
            for step in app.jobSweep.names {
                let owner = String(step.split(separator: ":", maxSplits: 1)[0])
                #expect(names.contains(owner), "sweep step \(step) was registered outside a feature's jobs")
            }
        }
    }

    @Test func everyNavigationLabelAndAuditEntityHasItsStrings() {
        for entry in Features.navigation { #expect(Catalogue.english[entry.label] != nil, "\(entry.label)") }
        for entity in Features.auditEntities + TemplateFeature.auditEntities {
            #expect(Catalogue.english["audit.entity.\(entity)"] != nil || TemplateStrings.english["audit.entity.\(entity)"] != nil, "\(entity)")
        }
        #expect(Set(Features.auditEntities).count == Features.auditEntities.count, "an audit entity belongs to one feature")
    }

    /// Views are pure: no `Request`, no database, no Fluent query, in every feature's `Views` folder (found by listing
    /// `Features/*/Views`, so a new area is checked without being added here) and in the shared admin views.
    @Test func convertedFeaturesViewsSeeNoRequestAndNoDatabase() throws {
        let chorus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Chorus")
        let features = chorus.appendingPathComponent("Features")
        var folders: [(name: String, url: URL)] = []
        for area in try FileManager.default.contentsOfDirectory(atPath: features.path).sorted() {
            let views = features.appendingPathComponent(area).appendingPathComponent("Views")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: views.path, isDirectory: &isFolder), isFolder.boolValue {
                folders.append(("\(area)/Views", views))
            }
        }
        folders.append(("Shared/Admin/Views", chorus.appendingPathComponent("Shared/Admin/Views")))
        var checked = 0
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.url.path) where name.hasSuffix(".swift") {
                // Code only: comments may name what views do not use.
                let text = try String(contentsOf: folder.url.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
                    .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
                checked += 1
                for banned in [#"\bRequest\b"#, #"import (Vapor|Fluent)"#, #"\.query\(on:"#, #"\breq\.db\b"#, #"any Database"#] {
                    let found = try NSRegularExpression(pattern: banned).firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                    #expect(!found, "\(folder.name)/\(name) uses \(banned)")
                }
            }
        }
        #expect(folders.count >= 13)
        #expect(checked >= 15)
    }

    @Test func noSharingRuleIsWrittenAsAMagicOrganisation() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(!text.contains("viewerOrganisation"), "\(url.lastPathComponent) still uses viewerOrganisation; use SharingWall")
        }
    }
}
