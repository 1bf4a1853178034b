import Fluent
import Foundation
import ChorusCore

extension ChorusCore.Validator {
    /// The ids of chosen records that exist (a form's ticked boxes, a JSON array), sorted, each once. Anything that is
    /// not an id from the list, more than 500 of them, or a record gone since the form was drawn is a problem named by
    /// the field, and nothing of it is returned.
    mutating func existing<M: Model>(_ type: M.Type, _ raw: [String], field: String, label: String, _ db: any Database) async throws -> [UUID]
    where M.IDValue == UUID {
        let wanted = raw.filter { !$0.isEmpty }
        guard wanted.count <= 500 else { add(field, "Select at most 500 \(label)"); return [] }
        let ids = wanted.compactMap(UUID.init(uuidString:))
        guard ids.count == wanted.count else { add(field, "Select \(label) from the list"); return [] }
        guard !ids.isEmpty else { return [] }
        let found = Set(try await M.query(on: db).filter(\._$id ~~ Array(Set(ids))).all().compactMap(\.id))
        if found.count != Set(ids).count { add(field, "Some of the \(label) chosen no longer exist; select them again") }
        return Array(Set(ids)).filter(found.contains).sorted { $0.uuidString < $1.uuidString }
    }
}
