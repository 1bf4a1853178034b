import Foundation

/// The thematic analysis pipeline: sentiment → words and phrases → vectors → number of themes → clustering →
/// outliers → key phrases, representatives and sentiment balance per theme.
///
/// Runs synchronously on the calling thread plus `options.threads` workers: call it from a background job, not
/// from a request handler. `progress` is called with 0…1 as the stages finish.
public enum ThematicAnalyser {
    /// Analyses `documents` with the built-in TF-IDF + LSA vectoriser, or with `embedder` when given.
    public static func run(
        _ documents: [AnalysisDocument], options: AnalysisOptions = AnalysisOptions(),
        embedder: (any DocumentEmbedder)? = nil,
        progress: (@Sendable (Double) -> Void)? = nil
    ) -> AnalysisResult {
        run(documents, vectors: nil, embedder: embedder, options: options, progress: progress)
    }

    /// Analyses `documents` whose vectors were computed before (e.g. stored sentence embeddings): one row per
    /// document, in the same order.
    public static func run(
        _ documents: [AnalysisDocument], vectors: DenseMatrix, options: AnalysisOptions = AnalysisOptions(),
        progress: (@Sendable (Double) -> Void)? = nil
    ) -> AnalysisResult {
        precondition(vectors.rows == documents.count, "one vector per document")
        return run(documents, vectors: vectors, embedder: nil, options: options, progress: progress)
    }

    static func run(
        _ documents: [AnalysisDocument], vectors given: DenseMatrix?, embedder: (any DocumentEmbedder)?,
        options: AnalysisOptions, progress: (@Sendable (Double) -> Void)?
    ) -> AnalysisResult {
        let clock = ContinuousClock()
        let started = clock.now
        var stages: [(stage: String, seconds: Double)] = []
        var mark = started
        func lap(_ name: String) {
            let now = clock.now
            stages.append((name, (now - mark).inSeconds))
            mark = now
        }
        let threads = options.threads
        let texts = documents.map(\.text)
        let n = documents.count
        progress?(0)

        // Sentiment of every document.
        let sentiment = documentSentiment(texts, threads: threads)
        lap("sentiment")
        progress?(0.05)

        // Words, phrases and TF-IDF (always: labels come from them).
        let corpus = TermCorpus(texts: texts, settings: .standard(documents: n), threads: threads)
        let weighting = TFIDFWeighting(corpus, foldPlurals: true)
        lap("terms")
        progress?(0.15)

        // Vectors.
        var vectors: DenseMatrix
        let vectoriser: String
        let stage = { @Sendable (lo: Double, hi: Double) -> (@Sendable (Double) -> Void)? in
            progress.map { p in { @Sendable f in p(lo + (hi - lo) * f) } }
        }
        if var given {
            given.normaliseRows()
            vectors = given
            vectoriser = "precomputed(\(given.columns))"
        } else if let embedder {
            vectors = embedder.embed(corpus: texts, queries: [], seed: options.seed, threads: threads, progress: stage(0.15, 0.5))
            vectors.normaliseRows()
            vectoriser = embedder.name
        } else {
            let lsa = LatentSemanticEmbedder()
            vectors = lsa.embed(weighting.matrix(corpus), queries: nil, seed: options.seed, threads: threads, progress: stage(0.15, 0.5))
            vectoriser = lsa.name
        }
        lap("vectors")
        progress?(0.5)

        // Number of themes.
        let random = AnalysisRandom(seed: options.seed)
        let distinct = distinctNonZeroRows(vectors)
        var silhouettes: [Int: Double] = [:]
        let k: Int
        switch options.themeCount {
        case .fixed(let wanted):
            k = max(1, min(wanted, distinct))
        case .automatic(let range):
            let choice = ThemeCountSelector.choose(
                vectors, range: range, random: random.derived(0xC0), threads: threads,
                progress: stage(0.5, 0.7).map { p in { p($0) } })
            silhouettes = choice.silhouette
            var chosen = choice.k
            // Sentence embeddings: when no number of themes separates the texts better than another (the
            // silhouette varies by less than `flatSilhouette` over the range: fortunes 0.023–0.049 for 2–30), the
            // silhouette rule would take the smallest k; Mardia's rule of thumb √(n/2), within the range, is used.
            if given != nil || embedder != nil, let best = silhouettes.values.max(), let worst = silhouettes.values.min(),
                best - worst < flatSilhouette
            {
                let searched = ThemeCountSelector.searchRange(range, documents: n)
                chosen = min(searched.upperBound, max(searched.lowerBound, Int((Double(n) / 2).squareRoot().rounded())))
            }
            k = max(1, min(chosen, distinct))
        }
        lap("theme count")
        progress?(0.7)

        // Clustering.
        var groups: [[Int]] = []
        var similarity = [Float](repeating: 0, count: n)
        var unassigned: [Int] = []
        if distinct > 0 {
            // After the count, which is read from the embeddings as they are (smoothed ones no longer have a flat
            // silhouette, and fortunes then got 2 themes).
            let neighbours = NeighbourSmoothing.neighbours(documents: n, themes: k, atMost: options.neighbourSmoothing)
            var smoothed: DenseMatrix? = nil
            if given != nil || embedder != nil, neighbours > 0 {
                smoothed = NeighbourSmoothing.smooth(
                    vectors, settings: .init(neighbours: neighbours),
                    random: random.derived(0x5E), threads: threads)
                lap("neighbour smoothing")
            }
            let clusters = cluster(
                smoothed ?? vectors, k: k, embedded: given != nil || embedder != nil, options: options,
                random: random, threads: threads)
            // How typical each text is of its theme (outliers, representatives, cohesion) is read from its own
            // embedding: a smoothed one sits close to its theme by construction and would hide every outlier.
            similarity =
                smoothed == nil
                ? clusters.similarity
                : DocumentKMeans.cosineToOwnCentre(vectors, assignment: clusters.assignment, clusters: clusters.clusters, threads: threads)
            var assignment = clusters.assignment
            if case .automatic = options.themeCount {
                markOutliers(
                    &assignment, similarity: similarity, floor: options.outlierSimilarity,
                    maximumShare: options.maximumUnassignedShare)
            }
            var members = [[Int]](repeating: [], count: clusters.clusters)
            for d in 0..<n {
                if assignment[d] >= 0 { members[Int(assignment[d])].append(d) } else { unassigned.append(d) }
            }
            groups = members
        } else {
            unassigned = Array(0..<n)
        }
        lap("clustering")
        progress?(0.85)

        // Describe each theme; largest first.
        let order = groups.indices.filter { !groups[$0].isEmpty }
            .sorted { groups[$0].count > groups[$1].count || (groups[$0].count == groups[$1].count && groups[$0][0] < groups[$1][0]) }
        let ranked = order.map { RepresentativePicker.byCentrality(groups[$0], similarity: similarity) }
        let terms = KeyPhraseLabeller.describe(corpus, groups: ranked, count: options.keyPhraseCount)
        var themes: [DiscoveredThemeResult] = []
        for (i, members) in ranked.enumerated() {
            let representatives = RepresentativePicker.pick(members, texts: texts, count: options.representativeCount)
            let cohesion = members.reduce(Float(0)) { $0 + similarity[$1] } / Float(max(1, members.count))
            themes.append(
                DiscoveredThemeResult(
                    label: label(terms[i].phrases),
                    keyPhrases: terms[i].phrases,
                    memberIDs: members.map { documents[$0].id },
                    representativeIDs: representatives.map { documents[$0].id },
                    people: members.reduce(0) { $0 + documents[$1].weight },
                    sentiment: SentimentBalance(members.map { sentiment[$0] }, weights: members.map { documents[$0].weight }),
                    signature: terms[i].signature,
                    cohesion: max(0, min(1, cohesion))))
        }
        lap("labels")
        progress?(1)
        return AnalysisResult(
            themes: themes,
            unassigned: unassigned.map { documents[$0].id },
            documentSentiment: sentiment,
            diagnostics: AnalysisDiagnostics(
                vectoriser: vectoriser, dimensions: vectors.columns, vocabularySize: corpus.termCount,
                silhouetteByThemeCount: silhouettes, chosenThemeCount: themes.count,
                seconds: (clock.now - started).inSeconds, stageSeconds: stages))
    }

    /// Key phrases, label, representatives and sentiment for groups an analyst has edited (merged, moved members):
    /// `groups` lists member ids; ids not in `documents` are ignored. Themes come back in the order of `groups`.
    public static func describe(_ documents: [AnalysisDocument], groups: [[UUID]], options: AnalysisOptions = AnalysisOptions())
        -> [DiscoveredThemeResult]
    {
        let texts = documents.map(\.text)
        var index: [UUID: Int] = [:]
        for (i, d) in documents.enumerated() { index[d.id] = i }
        let corpus = TermCorpus(texts: texts, settings: .standard(documents: texts.count), threads: options.threads)
        let weighting = TFIDFWeighting(corpus, foldPlurals: true)
        let x = weighting.matrix(corpus)
        let memberLists = groups.map { $0.compactMap { index[$0] } }
        // Centrality in TF-IDF space: cosine to the group's mean row.
        var similarity = [Float](repeating: 0, count: texts.count)
        for members in memberLists where !members.isEmpty {
            var centre: [Int32: Float] = [:]
            for d in members { for k in x.rowStart[d]..<x.rowStart[d + 1] { centre[x.columnIndex[k], default: 0] += x.values[k] } }
            let norm = centre.values.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            for d in members {
                var s: Float = 0
                for k in x.rowStart[d]..<x.rowStart[d + 1] { s += x.values[k] * (centre[x.columnIndex[k]] ?? 0) }
                similarity[d] = norm > 0 ? s / norm : 0
            }
        }
        let ranked = memberLists.map { RepresentativePicker.byCentrality($0, similarity: similarity) }
        let terms = KeyPhraseLabeller.describe(corpus, groups: ranked, count: options.keyPhraseCount)
        let sentiment = documentSentiment(texts, threads: options.threads)
        return ranked.enumerated().map { i, members in
            DiscoveredThemeResult(
                label: label(terms[i].phrases), keyPhrases: terms[i].phrases, memberIDs: members.map { documents[$0].id },
                representativeIDs: RepresentativePicker.pick(members, texts: texts, count: options.representativeCount).map { documents[$0].id },
                people: members.reduce(0) { $0 + documents[$1].weight },
                sentiment: SentimentBalance(members.map { sentiment[$0] }, weights: members.map { documents[$0].weight }),
                signature: terms[i].signature,
                cohesion: members.isEmpty ? 0 : max(0, min(1, members.reduce(Float(0)) { $0 + similarity[$1] } / Float(members.count))))
        }
    }

    /// Below this spread of silhouettes over the k range, embeddings have no preferred number of themes.
    static let flatSilhouette = 0.05

    /// k-means for TF-IDF vectors; for embeddings, the method `options.embeddingClustering` names.
    static func cluster(
        _ vectors: DenseMatrix, k: Int, embedded: Bool, options: AnalysisOptions, random: AnalysisRandom,
        threads: Int
    ) -> ClusterAssignment {
        if embedded, options.embeddingClustering == .spectralGraph {
            return SpectralGraphClustering.cluster(
                vectors, k: k, settings: .init(sampleSize: options.graphSampleSize),
                random: random.derived(0x5C), threads: threads)
        }
        let km = DocumentKMeans(vectors, k: k, random: random.derived(0x4B), threads: threads)
        return ClusterAssignment(assignment: km.assignment, similarity: km.similarity, clusters: km.centres.rows)
    }

    /// "rent · repairs · damp": the first three key phrases.
    static func label(_ phrases: [String]) -> String {
        phrases.isEmpty ? "(no distinctive words)" : phrases.prefix(3).joined(separator: " · ")
    }

    static func documentSentiment(_ texts: [String], threads: Int) -> [SentimentScore] {
        var out = [SentimentScore](repeating: SentimentScore(compound: 0), count: texts.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let shared = AnalysisUnchecked(buffer)
            AnalysisParallel.forChunks(texts.count, threads: threads, minimumChunk: 256) { range in
                for i in range { shared.value[i] = SentimentAnalyser.score(texts[i]) }
            }
        }
        return out
    }

    /// Automatic mode: documents less similar to their centre than `floor` become unassigned, least similar first,
    /// until unassigned documents (empty ones included) would exceed `maximumShare`. Documents with the same
    /// similarity at the cut are all kept, so identical texts are never split between a theme and the bucket.
    static func markOutliers(_ assignment: inout [Int32], similarity: [Float], floor: Float, maximumShare: Double) {
        let n = assignment.count
        let budget = Int((maximumShare * Double(n)).rounded(.down)) - assignment.filter { $0 < 0 }.count
        guard budget > 0 else { return }
        let candidates = (0..<n).filter { assignment[$0] >= 0 && similarity[$0] < floor }
            .sorted { similarity[$0] < similarity[$1] || (similarity[$0] == similarity[$1] && $0 < $1) }
        var chosen = candidates.prefix(budget)
        // Ties at the cut (identical texts have identical similarity) stay together: keep them all assigned.
        if candidates.count > budget, let last = chosen.last, similarity[candidates[budget]] == similarity[last] {
            chosen = chosen.filter { similarity[$0] != similarity[last] }
        }
        for d in chosen { assignment[d] = -1 }
    }

    /// How many different non-zero rows there are (identical texts have identical rows): the most themes possible.
    static func distinctNonZeroRows(_ x: DenseMatrix) -> Int {
        var seen = Set<[UInt32]>()
        var count = 0
        for r in 0..<x.rows {
            let row = x.values[(r * x.columns)..<((r + 1) * x.columns)]
            guard row.contains(where: { $0 != 0 }) else { continue }
            if seen.insert(row.map(\.bitPattern)).inserted { count += 1 }
            if count > 10_000 { return count }  // far above any k asked for
        }
        return count
    }
}
