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
            // Status codes as numbers: 401 a checked guess, 429 refused unchecked.
            let codes = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let b = Browser(app)
                        return try await b.signIn(f.officer, password: "a guess").status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            let checkedAtOnce = codes.filter { $0 == 401 }.count
            #expect(checkedAtOnce <= 5, "\(checkedAtOnce) guesses were checked: \(codes)")
            #expect(codes.allSatisfy { $0 == 401 || $0 == 429 }, "\(codes)")
            let failures = try await SignInFailure.query(on: app.db).filter(\.$account == f.officer).count()
            #expect(failures <= 5, "locked attempts leave no failure behind")
            // Parallel attempts may lock each other out before five are checked; more guesses one at a time are
            // checked until five in all have been, and then the account is locked, even with the right password.
            var checkedAfter = 0
            for _ in 0..<5 {
                let status = try await Browser(app).signIn(f.officer, password: "another guess").status
                if status.code == 401 { checkedAfter += 1 }
            }
            #expect(checkedAtOnce + checkedAfter == 5, "\(checkedAtOnce) guesses checked at once, \(checkedAfter) after")
            #expect(try await Browser(app).signIn(f.officer).status == .tooManyRequests)
        }
    }

    @Test func twentyParallelBatchesWithOneIdempotencyKeyAreStoredOnce() async throws {
        try await TestApp.run(fileDatabase: true) { app, f in
            let api = try await APIClient.forUser(app, f.officer)
            let good = (1...3).map {
                #"{"text":"Parallel comment \#($0) about buses","kind":"survey_answer","heard_on":"2026-08-0\#($0)","sharing":"partnership"}"#
            }
            let batch = #"{"insights":[\#(good.joined(separator: ","))]}"#
            let answers = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        var headers = HTTPHeaders()
                        headers.bearerAuthorization = BearerAuthorization(token: api.token!)
                        headers.contentType = .json
                        headers.add(name: "Idempotency-Key", value: "parallel-import-1")
                        let res = try await app.testing().sendRequest(
                            .POST, "/api/v1/insights/batch", headers: headers, body: ByteBuffer(string: batch))
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
