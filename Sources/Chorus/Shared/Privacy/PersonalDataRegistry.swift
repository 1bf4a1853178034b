import Fluent
import Foundation
import ChorusCore

/// Every feature's declarations of residents' personal data (`ChorusFeature.personalData`), joined: what "My data"
/// shows and downloads, what a subject access request exports, what erasure removes, and what the retention job
/// expires. The resident's account is erased last, after everything found through it.
enum PersonalDataRegistry {
    static func declarations(_ features: [any ChorusFeature.Type] = Features.all) -> [PersonalDataDeclaration] {
        let all = features.flatMap { $0.personalData }
        return all.filter { $0.kind != .account } + all.filter { $0.kind == .account }
    }

    /// Every record about the resident, by every feature, in declaration order.
    static func export(_ key: ResidentKey, _ db: any Database) async throws -> [ExportedRecord] {
        var out: [ExportedRecord] = []
        for d in declarations() { out += try await d.export(key, db) }
        return out
    }

    /// Erases the residents everywhere, inside one transaction (the caller's): nothing half-erased. Returns the count
    /// of records changed by kind.
    @discardableResult
    static func erase(_ keys: [ResidentKey], scope: ErasureScope, _ db: any Database) async throws -> [PersonalDataKind: Int] {
        var counts: [PersonalDataKind: Int] = [:]
        for d in declarations() { counts[d.kind, default: 0] += try await d.erase(keys, scope, db) }
        return counts
    }

    /// Every table some feature declared, for the coverage test and the data protection officer's table.
    static var tables: Set<String> { Set(declarations().flatMap(\.tables)) }

    /// The data protection officer's table, in Markdown: one row a declaration, with its default retention. It is
    /// what `docs/privacy.md` shows (a test keeps the two the same) and what `chorus privacy-table` prints.
    static func dpiaTable(_ features: [any ChorusFeature.Type] = Features.all) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        let rows = declarations(features).map { d in
            let kept = d.expire == nil ? "As long as the record it belongs to" : "\(d.kind.defaultDays) days from \(d.kind.referenceTime)"
            return "| "
                + [d.title ?? d.kind.label, d.what, d.purpose, d.lawfulBasis, d.seenBy, kept, d.tables.map { "`\($0)`" }.joined(separator: ", ")]
                .map(cell).joined(separator: " | ") + " |"
        }
        return (["| Kind | What is kept | Why | Lawful basis | Who sees it | Kept for (default) | Tables |", "|---|---|---|---|---|---|---|"] + rows)
            .joined(separator: "\n")
    }
}
