import Foundation
import Testing
@testable import ChorusCore

@Suite("Given themes over embeddings")
struct GivenThemeEmbeddingTests {
    /// Unit vector at `degrees` from the x axis in the x–y plane (cosine with x = cos(degrees)), padded to 8 columns.
    static func at(_ degrees: Double, towards axis: Int = 1) -> [Float] {
        var v = [Float](repeating: 0, count: 8)
        v[0] = Float(cos(degrees * .pi / 180))
        v[axis] = Float(sin(degrees * .pi / 180))
        return v
    }

    @Test("a theme is suggested exactly when the cosine reaches the threshold, most confident first")
    func thresholdBehaviour() {
        // themes: the x axis and the y axis
        let themes = DenseMatrix([Self.at(0), Self.at(90)])
        // cosines with the x axis: 1, cos 75° = 0.259, cos 80° = 0.174, cos 120° < 0 (and with y: 0, 0.966, 0.985, 0.866)
        let docs = DenseMatrix([Self.at(0), Self.at(75), Self.at(80), Self.at(120), [Float](repeating: 0, count: 8)])
        let mapped = GivenThemeMapper.map(vectors: docs, themeVectors: themes)
        #expect(GivenThemeMapper.embeddingThreshold == 0.20)
        #expect(mapped.count == 5)
        #expect(mapped[0].map(\.themeIndex) == [0])
        #expect(abs(mapped[0][0].confidence - 1) < 1e-6)
        #expect(mapped[1].map(\.themeIndex) == [1, 0])  // 0.966 then 0.259
        #expect(mapped[2].map(\.themeIndex) == [1])  // 0.174 to x is below 0.20
        #expect(mapped[3].map(\.themeIndex) == [1])  // a negative cosine is never a match
        #expect(mapped[4].isEmpty)  // an all-zero row matches nothing
        // a stricter threshold drops the weaker suggestion; a looser one adds the 0.174
        #expect(GivenThemeMapper.map(vectors: docs, themeVectors: themes, threshold: 0.3)[1].map(\.themeIndex) == [1])
        #expect(GivenThemeMapper.map(vectors: docs, themeVectors: themes, threshold: 0.15)[2].map(\.themeIndex) == [1, 0])
    }

    @Test("rows need not be unit length: confidence is the cosine")
    func scaledRows() {
        let themes = DenseMatrix([Self.at(0).map { $0 * 3 }])
        let docs = DenseMatrix([Self.at(60).map { $0 * 0.5 }])
        let mapped = GivenThemeMapper.map(vectors: docs, themeVectors: themes)
        #expect(mapped[0].count == 1)
        #expect(abs(mapped[0][0].confidence - 0.5) < 1e-5)
    }

    /// An embedder that places texts by keyword, for the `embedder:` path.
    struct KeywordEmbedder: DocumentEmbedder {
        var name: String { "keywords" }
        func embed(
            corpus: [String], queries: [String], seed: UInt64, threads: Int,
            progress: (@Sendable (Double) -> Void)?
        ) -> DenseMatrix {
            DenseMatrix(
                (corpus + queries).map { text in
                    let t = text.lowercased()
                    // "bus" texts lean to axis 1, "park" texts to axis 2; 78.5° from x: cosine between the two ≈ 0.04,
                    // between a text and its own theme 1
                    if t.contains("bus") { return GivenThemeEmbeddingTests.at(78.5, towards: 1) }
                    if t.contains("park") { return GivenThemeEmbeddingTests.at(78.5, towards: 2) }
                    return GivenThemeEmbeddingTests.at(0)
                })
        }
    }

    @Test("with an embedder and no threshold given, the calibrated embedding threshold applies")
    func embedderDefaultThreshold() {
        let documents = [
            AnalysisDocument(id: UUID(), text: "The bus was late"), AnalysisDocument(id: UUID(), text: "The park is lovely"),
            AnalysisDocument(id: UUID(), text: "Bins not emptied"),
        ]
        let given = [GivenTheme(name: "Buses"), GivenTheme(name: "Parks")]
        let mapped = GivenThemeMapper.map(documents, to: given, embedder: KeywordEmbedder())
        #expect(mapped[0].map(\.themeIndex) == [0])
        #expect(mapped[1].map(\.themeIndex) == [1])
        // the bins comment sits at cos 78.5° ≈ 0.199 from both themes: just under 0.20
        #expect(mapped[2].isEmpty)
        #expect(GivenThemeMapper.map(documents, to: given, threshold: 0.19, embedder: KeywordEmbedder())[2].count == 2)
    }
}
