import Foundation
import Fluent

/// Names (or any one text) of records by id, in one query: lists show the names of the things their rows point at.
enum NameLookup {
    static func names<M: Model>(_ type: M.Type, _ ids: [UUID], _ db: any Database, _ name: (M) -> String) async throws -> [UUID: String]
    where M.IDValue == UUID {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: String] = [:]
        for chunk in Array(Set(ids)).chunked(1000) {
            for record in try await M.query(on: db).filter(\._$id ~~ chunk).all() { out[record.id!] = name(record) }
        }
        return out
    }
}
