import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Issue 15 (10): checks that were made before an insert (count, then insert; look up, then store) let parallel
/// requests through on PostgreSQL. Twenty at once, on whichever database the suite runs.
@Suite struct ParallelRaceTests {
    @Test func twentyParallelWrongPasswordsGetNoMoreThanFiveChecks() async throws {
        try await TestApp.run(fileDatabase: true) { app, f in
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let b = Browser(app)
                        return try await b.signIn(f.officer, password: "a guess").status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= 5, "\(statuses.filter { $0 == .unauthorized }.count) guesses were checked")
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 15)
            #expect(statuses.allSatisfy { $0 == .unauthorized || $0 == .tooManyRequests })
            let failures = try await SignInFailure.query(on: app.db).filter(\.$account == f.officer).count()
            #expect(failures <= 5, "locked attempts leave no failure behind")
            // Locked now, even with the right password.
            #expect(try await Browser(app).signIn(f.officer).status == .tooManyRequests)
        }
    }

    @Test func twentyParallelBatchesWithOneIdempotencyKeyAreStoredOnce() async throws {
        try await TestApp.run(fileDatabase: true) { app, f in
            let api = try await APIClient.forUser(app, f.officer)
            let good = (1...3).map { #"{"text":"Parallel comment \#($0) about buses","kind":"survey_answer","heard_on":"2026-08-0\#($0)","sharing":"partnership"}"# }
            let batch = #"{"insights":[\#(good.joined(separator: ","))]}"#
            let answers = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        var headers = HTTPHeaders()
                        headers.bearerAuthorization = BearerAuthorization(token: api.token!)
                        headers.contentType = .json
                        headers.add(name: "Idempotency-Key", value: "parallel-import-1")
                        let res = try await app.testing().sendRequest(.POST, "/api/v1/insights/batch", headers: headers, body: ByteBuffer(string: batch))
                        return (res.status, res.body.string)
                    }
                }
                return try await group.reduce(into: [(HTTPStatus, String)]()) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.0 == .created }, "\(answers.map(\.0))")
            #expect(Set(answers.map(\.1)).count == 1, "every answer is the first one")
            #expect(try await Insight.query(on: app.db).count() == 3, "the batch is stored once")
            #expect(try await IdempotentRequest.query(on: app.db).count() == 1)
        }
    }
}
