import Fluent
import SQLKit
import Foundation
import ChorusCore

extension AnalysisService {
    /// Forgets insights that are being erased: their place in every run's themes (membership, the theme's size, its
    /// representative quotes) and their sentence embeddings. Called by the insight store before it deletes them, in
    /// the same transaction.
    static func forget(insights ids: [UUID], _ db: any Database) async throws {
        for chunk in ids.chunked(500) {
            let gone = Set(chunk)
            let members = try await ThemeMember.query(on: db).filter(\.$insight.$id ~~ chunk).all()
            for (themeID, left) in Dictionary(grouping: members, by: { $0.$theme.id }) {
                guard let theme = try await DiscoveredTheme.find(themeID, on: db) else { continue }
                theme.size = max(0, theme.size - left.count)
                theme.representativeIDs = theme.representatives.filter { !gone.contains($0) }.map(\.uuidString).joined(separator: ",")
                try await theme.update(on: db)
            }
            try await ThemeMember.query(on: db).filter(\.$insight.$id ~~ chunk).delete()
            if let sql = db as? any SQLDatabase {
                try await sql.delete(from: InsightEmbeddings.schema).where("insight_id", .in, SQLBind.group(chunk)).run()
            }
        }
    }
}
