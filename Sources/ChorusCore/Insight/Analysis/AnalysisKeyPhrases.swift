import Foundation

/// Key phrases of each theme by distinctiveness: class-based TF-IDF (c-TF-IDF, as BERTopic) over single words and
/// two-word phrases. A term scores high when many of the theme's documents use it and few documents elsewhere do:
///
///     score(t, c) = (documents of c using t / terms used in c) · ln(1 + A / documents using t anywhere)
///
/// where A is the average number of term uses per theme. A phrase replaces the words it is made of ("bus stop"
/// rather than "bus", "stop"); a term needs at least two documents of a theme of four or more.
enum KeyPhraseLabeller {
    struct ThemeTerms: Sendable {
        /// Most distinctive first, as people wrote them.
        let phrases: [String]
        /// Top terms (folded forms) with weights summing to 1, for matching themes across runs.
        let signature: [String: Float]
    }

    static func describe(_ corpus: TermCorpus, groups: [[Int]], count: Int, signatureSize: Int = 30) -> [ThemeTerms] {
        let v = corpus.termCount
        guard v > 0, !groups.isEmpty else {
            return groups.map { _ in ThemeTerms(phrases: [], signature: [:]) }
        }
        // Documents using each term, per theme and overall.
        var perTheme = [[Int32]](repeating: [Int32](repeating: 0, count: v), count: groups.count)
        var overall = [Int32](repeating: 0, count: v)
        var totals = [Double](repeating: 0, count: groups.count)
        for (g, members) in groups.enumerated() {
            perTheme[g].withUnsafeMutableBufferPointer { counts in
                for d in members {
                    for k in corpus.rowStart[d]..<corpus.rowStart[d + 1] {
                        counts[Int(corpus.termIDs[k])] += 1
                    }
                    totals[g] += Double(corpus.rowStart[d + 1] - corpus.rowStart[d])
                }
            }
            for t in 0..<v { overall[t] += perTheme[g][t] }
        }
        let average = max(1, totals.reduce(0, +) / Double(groups.count))
        return groups.indices.map { g in
            let minimum: Int32 = groups[g].count >= 4 ? 2 : 1
            var scored: [(term: Int, score: Double)] = []
            let counts = perTheme[g]
            for t in 0..<v where counts[t] >= minimum {
                let tf = Double(counts[t]) / max(1, totals[g])
                let score = tf * log(1 + average / Double(overall[t]))
                scored.append((t, score))
            }
            scored.sort { $0.score > $1.score || ($0.score == $1.score && $0.term < $1.term) }
            let top = scored.prefix(signatureSize)
            let sum = top.reduce(0.0) { $0 + $1.score }
            var signature: [String: Float] = [:]
            if sum > 0 { for s in top { signature[corpus.terms[s.term]] = Float(s.score / sum) } }
            return ThemeTerms(phrases: pickPhrases(scored.map(\.term), corpus: corpus, count: count), signature: signature)
        }
    }

    /// Walks the ranking; a phrase takes the place of its words already chosen, and words of a chosen phrase are skipped.
    static func pickPhrases(_ ranked: [Int], corpus: TermCorpus, count: Int) -> [String] {
        var chosen: [Int] = []
        var coveredWords = Set<String>()
        for t in ranked {
            if chosen.count >= count { break }
            let text = corpus.terms[t]
            if corpus.isPhrase(t) {
                let parts = text.split(separator: " ").map(String.init)
                if parts.allSatisfy(coveredWords.contains) && chosen.contains(where: { corpus.terms[$0] == text }) { continue }
                chosen.removeAll { !corpus.isPhrase($0) && parts.contains(corpus.terms[$0]) }
                parts.forEach { coveredWords.insert($0) }
                chosen.append(t)
            } else {
                if coveredWords.contains(text) { continue }
                coveredWords.insert(text)
                chosen.append(t)
            }
        }
        return chosen.map { corpus.displayTerms[$0] }
    }
}
