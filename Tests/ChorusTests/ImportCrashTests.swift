import Foundation
import Testing
import Fluent
@testable import Chorus
import ChorusCore

/// An insight import whose server dies between committing its rows and recording that the job ended (found by
/// bench/crash_test.py: the next sweep ran the job again and every row was stored twice).
@Suite struct ImportCrashTests {
    @Test func theSavingTransactionMarksTheJobDoneSoTheNextSweepDoesNotStoreTheRowsAgain() async throws {
        try await TestApp.run { app, f in
            let person = try #require(try await Person.query(on: app.db).filter(\.$email == f.officer).first())
            let user = try #require(try await CurrentUser.load(personID: person.id!, on: app.db))
            let dir = InsightImportService.directory(app)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let path = (dir as NSString).appendingPathComponent(UUID().uuidString + ".csv")
            try "Response ID,Date,Comments\nR1,01/11/2025,The park needs more bins\nR2,02/11/2025,More benches please\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            let mapping = InsightCSV.Mapping(
                columns: ["source_ref": 0, "heard_on": 1, "text": 2], defaultSharing: "partnership", defaultKind: "survey_answer",
                validOnly: false)
            // The job as the runner leaves it when the saving pass begins.
            let job = ImportJob()
            job.$person.id = person.id!
            job.$organisation.id = f.councilID
            job.fileName = "survey.csv"; job.filePath = path
            job.mapping = String(decoding: try JSONEncoder().encode(mapping), as: UTF8.self)
            job.status = ImportJob.Status.running.rawValue; job.phase = "saving"; job.rowsTotal = 2; job.rowsDone = 0; job.rowsRejected = 0
            try await job.create(on: app.db)

            let stored = try await InsightImportRunner.save(
                app, jobID: job.id!, path: path, fileName: "survey.csv", header: ["Response ID", "Date", "Comments"], mapping: mapping,
                user: user, reference: try await InsightService.Reference.load(app.db, user: user),
                lookup: try await RegisterImportService.Lookup.load(app.db), today: Day(Date()), rejected: 0, total: 2,
                problems: [])
            // The server dies here: `finish` never runs. The commit that stored the rows also ended the job.
            let after = try #require(try await ImportJob.find(job.id!, on: app.db))
            #expect(stored == 2 && after.statusValue == .done && after.rowsDone == 2 && after.finishedAt != nil)
            // Another server's sweep, long after the lease ran out, finds nothing to run again.
            try await InsightImportRunner.resumeAbandoned(app, now: Date().addingTimeInterval(3600))
            #expect(!app.runningJobs.isRunning(job: job.id!))
            #expect(try await Insight.query(on: app.db).count() == 2)
        }
    }
}
