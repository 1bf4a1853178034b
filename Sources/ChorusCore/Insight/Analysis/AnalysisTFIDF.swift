import Foundation

/// TF-IDF weighting of a `TermCorpus`: sublinear term frequency (1 + ln tf), smoothed inverse document frequency
/// (ln((1 + n) / (1 + df)) + 1, as scikit-learn), each document's row scaled to unit length.
struct TFIDFWeighting: Sendable {
    let idf: [Float]
    /// Term text → id, for placing new texts (queries, given themes) in the corpus's vocabulary.
    let termIndex: [String: Int32]
    let wordCount: Int
    let foldPlurals: Bool

    init(_ corpus: TermCorpus, foldPlurals: Bool) {
        let n = Float(corpus.documentCount)
        idf = corpus.documentFrequency.map { log((1 + n) / (1 + Float($0))) + 1 }
        var index: [String: Int32] = [:]
        index.reserveCapacity(corpus.terms.count)
        for (i, t) in corpus.terms.enumerated() { index[t] = Int32(i) }
        termIndex = index
        wordCount = corpus.wordCount
        self.foldPlurals = foldPlurals
    }

    /// The corpus's documents as unit-length TF-IDF rows.
    func matrix(_ corpus: TermCorpus) -> SparseRows {
        var values = [Float](repeating: 0, count: corpus.counts.count)
        for d in 0..<corpus.documentCount {
            let lo = corpus.rowStart[d], hi = corpus.rowStart[d + 1]
            var s: Float = 0
            for k in lo..<hi {
                let w = (1 + log(corpus.counts[k])) * idf[Int(corpus.termIDs[k])]
                values[k] = w
                s += w * w
            }
            if s > 0 {
                let inv = 1 / s.squareRoot()
                for k in lo..<hi { values[k] *= inv }
            }
        }
        return SparseRows(
            rows: corpus.documentCount, columns: corpus.termCount, rowStart: corpus.rowStart,
            columnIndex: corpus.termIDs, values: values)
    }

    /// New texts as unit-length TF-IDF rows over the corpus's vocabulary (unknown words ignored).
    func rows(_ texts: [String]) -> SparseRows {
        var rowStart = [0]
        var columns: [Int32] = []
        var values: [Float] = []
        for text in texts {
            var counts: [Int32: Float] = [:]
            var previous: String? = nil
            for word in AnalysisTokeniser.words(text, breaks: true) {
                if word.isEmpty || AnalysisStopWords.contains(word) { previous = nil; continue }
                let w = foldPlurals ? AnalysisTokeniser.fold(word) : word
                if AnalysisStopWords.contains(w) { previous = nil; continue }
                if let id = termIndex[w], Int(id) < wordCount { counts[id, default: 0] += 1 }
                if let p = previous, p != w, let id = termIndex[p + " " + w] { counts[id, default: 0] += 1 }
                previous = w
            }
            let sorted = counts.sorted { $0.key < $1.key }
            var s: Float = 0
            var row: [Float] = []
            for (id, c) in sorted {
                let w = (1 + log(c)) * idf[Int(id)]
                row.append(w)
                s += w * w
            }
            let inv = s > 0 ? 1 / s.squareRoot() : 0
            for (i, (id, _)) in sorted.enumerated() { columns.append(id); values.append(row[i] * inv) }
            rowStart.append(columns.count)
        }
        return SparseRows(rows: texts.count, columns: idf.count, rowStart: rowStart, columnIndex: columns, values: values)
    }
}
