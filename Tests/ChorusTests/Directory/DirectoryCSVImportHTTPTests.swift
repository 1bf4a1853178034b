import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The directory's CSV read back through HTTP: bad rows are reported by line and column and nothing is saved unless
/// the valid rows only were asked for; names resolve to wards, themes and audiences; the download edited and imported
/// again updates the entries it names, not duplicates; another partner's entry is not changed by naming its id.
/// Run on SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct DirectoryCSVImportHTTPTests {
    typealias D = DirectoryHTTPTests

    @Test func badRowsAreNamedAndAnEditedDownloadUpdatesWhatItNames() async throws {
        try await TestApp.run { app, f in
            let w = try await D.world(app)
            let officer = try await D.staff(app, f.officer)
            let csv = """
                kind,name,summary,category,wards,themes,audiences,email,facts,postcode,owner
                group,Harbour Walkers,Weekly walks,Charity,Harbour,Parks,Older people,walk@group.test,,,Test Council
                venue,Quay Hall,A hall,,,,,,step_free_entrance; Hearing loop,HS2 1AB,
                gang,Bad kind,x,,,,,,,,
                group,"Ann ""'<>",Tea,charity,Nowhere,Parks,,not-an-email,,,Nobody Ltd
                """
            _ = try await officer.get(SiteURL.Directory.importFeed)
            let refused = try await officer.upload(SiteURL.Directory.importCSV, field: "csv_file", filename: "d.csv", content: csv)
            #expect(refused.status == .unprocessableEntity)
            let text = refused.body.string
            #expect(text.contains("Nothing was saved") && text.contains("Kind must be group, venue or connector"))
            #expect(text.contains("Unknown ward &quot;Nowhere&quot;") || text.contains("Unknown ward \"Nowhere\""))
            #expect(text.contains("Unknown organisation") && text.contains("<code>email</code>") && !text.contains("Ann \"'<>"))
            #expect(try await DirectoryEntry.query(on: app.db).count() == 0)

            _ = try await officer.get(SiteURL.Directory.importFeed)
            let partial = try await officer.upload(
                SiteURL.Directory.importCSV, field: "csv_file", filename: "d.csv", content: csv, fields: ["valid_only": "yes"])
            #expect(partial.status == .ok && partial.body.string.contains("2 entries added, 0 updated; 2 rows with problems left out."))
            let walkers = try #require(try await DirectoryEntry.query(on: app.db).filter(\.$name == "Harbour Walkers").first())
            let links = try await DirectoryLink.query(on: app.db).filter(\.$entry.$id == walkers.id!).all()
            #expect(Set(links.map(\.targetID)) == [w.harbour, w.theme, w.audience])
            let hall = try #require(try await DirectoryEntry.query(on: app.db).filter(\.$name == "Quay Hall").first())
            #expect(hall.facts == ",step_free_entrance,hearing_loop,")
            #expect(try await DirectoryLink.query(on: app.db).filter(\.$entry.$id == hall.id!).all(\.$targetID) == [w.quay], "ward from the postcode")

            // The download, edited and read back, updates.
            let download = try await officer.get(SiteURL.Directory.csv).body.string
            let edited = download.replacingOccurrences(of: "Weekly walks", with: "Walks on Tuesdays")
            _ = try await officer.get(SiteURL.Directory.importFeed)
            let again = try await officer.upload(SiteURL.Directory.importCSV, field: "csv_file", filename: "d.csv", content: edited)
            #expect(again.status == .ok && again.body.string.contains("0 entries added, 2 updated"), "\(again.body.string.prefix(2000))")
            #expect(try await DirectoryEntry.find(walkers.id!, on: app.db)?.summary == "Walks on Tuesdays")
            #expect(try await DirectoryEntry.query(on: app.db).count() == 2)

            // Another partner naming the council's entry cannot change it.
            let nhs = try await D.staff(app, try await D.nhsOfficer(app, f))
            _ = try await nhs.get(SiteURL.Directory.importFeed)
            let theirs = try await nhs.upload(SiteURL.Directory.importCSV, field: "csv_file", filename: "d.csv", content: edited)
            #expect(theirs.status == .unprocessableEntity && theirs.body.string.contains("kept by another organisation"))
            #expect(try await DirectoryEntry.find(walkers.id!, on: app.db)?.summary == "Walks on Tuesdays")

            let empty = try await officer.upload(SiteURL.Directory.importCSV, field: "csv_file", filename: "d.csv", content: "name,summary\nA,b")
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("no \"kind\" column"))
        }
    }
}
