import Vapor
import Fluent
import ChorusCore

/// The `Idempotency-Key` header of JSON API writes: the first response to a key (from one person) is stored and
/// returned again for a retry with the same body; the same key with a different body is refused (409). Errors are
/// not stored, so a corrected retry may reuse the key.
///
/// The record is inserted first, in the same transaction as the write it answers for, so two parallel requests with one
/// key cannot both store their data: on PostgreSQL the second insert waits on the unique (person, key) index until the
/// first commits, then fails, and that request is answered from the stored record (checking first and storing after
/// let both through, then failed the second with a 500).
enum IdempotencyKey {
    static let header = "Idempotency-Key"

    /// The stored answer when this person already used the request's key, else nil.
    static func replay(_ req: Request, user: CurrentUser) async throws -> Response? {
        guard let key = try key(req) else { return nil }
        return try await stored(req, user: user, key: key)
    }

    /// Runs `write` in a transaction under the write gate, storing its response under the request's key (if any).
    static func store(_ req: Request, user: CurrentUser, _ write: @escaping @Sendable (any Database) async throws -> Response) async throws
        -> Response
    {
        guard let key = try key(req) else {
            return try await req.application.writeGate.run { try await req.db.transaction { tx in try await write(tx) } }
        }
        let hash = bodyHash(req)
        do {
            return try await req.application.writeGate.run {
                try await req.db.transaction { tx in
                    let record = IdempotentRequest()
                    record.personID = user.id; record.key = key; record.requestHash = hash
                    record.status = 0; record.body = ""
                    try await record.create(on: tx)
                    let res = try await write(tx)
                    record.status = Int(res.status.code); record.body = res.body.string ?? ""
                    try await record.update(on: tx)
                    return res
                }
            }
        } catch {
            // Another request with this key committed first: answer as a retry of it.
            guard let failure = error as? any DatabaseError, failure.isConstraintFailure,
                let replay = try await stored(req, user: user, key: key)
            else { throw error }
            return replay
        }
    }

    private static func key(_ req: Request) throws -> String? {
        guard let key = req.headers.first(name: header)?.trimmingCharacters(in: .whitespaces), !key.isEmpty else { return nil }
        guard key.count <= 200, !Validation.hasControlCharacters(key) else {
            throw ValidationFailure([FieldError(header, "The Idempotency-Key header must be at most 200 printable characters")])
        }
        return key
    }

    private static func bodyHash(_ req: Request) -> String {
        SHA256.hash(data: Data((req.body.data?.readableBytesView).map(Array.init) ?? [])).map { String(format: "%02x", $0) }.joined()
    }

    private static func stored(_ req: Request, user: CurrentUser, key: String) async throws -> Response? {
        guard let seen = try await IdempotentRequest.query(on: req.db).filter(\.$personID == user.id).filter(\.$key == key).first() else {
            return nil
        }
        guard seen.requestHash == bodyHash(req) else {
            throw Abort(.conflict, reason: "This Idempotency-Key was already used for a different request; use a new key for new data")
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.add(name: "Idempotent-Replayed", value: "true")
        return Response(status: HTTPResponseStatus(statusCode: seen.status), headers: headers, body: .init(string: seen.body))
    }
}
