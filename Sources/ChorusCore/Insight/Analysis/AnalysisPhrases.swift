import Foundation

/// The terms of a corpus: single words and two-word phrases ("bus stop", "anti social"), each with how many
/// documents use it, and each document's term counts.
///
/// Stop words are never terms, and a phrase is two words that stand next to each other in the text with no stop
/// word or punctuation between them ("bus stop" from "the bus stop is", never "park dirty" from "park is dirty"
/// nor "late make" from "late. Make"). A term is kept
/// when at least `minimumDocuments` documents use it and at most `maximumShare` of them do (words in nearly every
/// document say nothing about themes).
struct TermCorpus: Sendable {
    /// Term id → text ("park", "bus stop"), plurals folded. Single words first, then phrases.
    let terms: [String]
    /// Term id → the form to show people: each word as residents most often wrote it ("parks" if they did).
    let displayTerms: [String]
    /// Number of single-word terms (ids below this are words, the rest phrases).
    let wordCount: Int
    /// Documents using each term.
    let documentFrequency: [Int32]
    /// Per document, the term ids and counts (CSR: rows[d]..<rows[d+1] index termIDs and counts).
    let rowStart: [Int]
    let termIDs: [Int32]
    let counts: [Float]
    let documentCount: Int

    struct Settings: Sendable {
        var minimumDocuments: Int
        var maximumShare: Double
        var phraseMinimumDocuments: Int
        var foldPlurals: Bool

        /// Scaled to the corpus: a tiny corpus keeps every term (else two identical texts would have no term in
        /// common with anything); from 50 documents a term must appear twice, from 30 it may not be in over half.
        static func standard(documents n: Int) -> Settings {
            Settings(
                minimumDocuments: n >= 50 ? 2 : 1, maximumShare: n >= 30 ? 0.5 : 1.0,
                phraseMinimumDocuments: n >= 50 ? 3 : (n >= 10 ? 2 : 1), foldPlurals: true)
        }
    }

    init(texts: [String], settings: Settings, threads: Int) {
        let n = texts.count
        documentCount = n
        // 1. Words of every document (parallel), as ids into a corpus-wide table of surface forms (sequential),
        //    then each surface form folded once (plurals) to the word it counts as.
        var words = [[String]](repeating: [], count: n)
        words.withUnsafeMutableBufferPointer { buffer in
            let out = AnalysisUnchecked(buffer)
            AnalysisParallel.forChunks(n, threads: threads, minimumChunk: 512) { range in
                for d in range { out.value[d] = AnalysisTokeniser.words(texts[d], breaks: true) }
            }
        }
        var surfaceID: [String: Int32] = [:]
        var surfaceText: [String] = []
        var surfaceCount: [Int32] = []
        var tokenStart = [Int](repeating: 0, count: n + 1)
        var tokens: [Int32] = []
        tokens.reserveCapacity(words.reduce(0) { $0 + $1.count })
        for d in 0..<n {
            for w in words[d] {
                if w.isEmpty { tokens.append(-1); continue }  // a phrase break
                if let id = surfaceID[w] {
                    tokens.append(id)
                    surfaceCount[Int(id)] += 1
                } else {
                    let id = Int32(surfaceText.count)
                    surfaceID[w] = id
                    surfaceText.append(w)
                    surfaceCount.append(1)
                    tokens.append(id)
                }
            }
            tokenStart[d + 1] = tokens.count
        }
        words = []
        surfaceID = [:]
        var wordID: [String: Int32] = [:]
        var wordText: [String] = []
        var isStop: [Bool] = []
        var displayOfWord: [Int32] = []  // the most used surface form of each word
        var wordOfSurface = [Int32](repeating: 0, count: surfaceText.count)
        for (s, text) in surfaceText.enumerated() {
            let folded = settings.foldPlurals && !AnalysisStopWords.contains(text) ? AnalysisTokeniser.fold(text) : text
            if let id = wordID[folded] {
                wordOfSurface[s] = id
                if surfaceCount[s] > surfaceCount[Int(displayOfWord[Int(id)])] { displayOfWord[Int(id)] = Int32(s) }
            } else {
                let id = Int32(wordText.count)
                wordID[folded] = id
                wordText.append(folded)
                isStop.append(AnalysisStopWords.contains(folded) || AnalysisStopWords.contains(text))
                displayOfWord.append(Int32(s))
                wordOfSurface[s] = id
            }
        }
        wordID = [:]
        for t in tokens.indices where tokens[t] >= 0 { tokens[t] = wordOfSurface[Int(tokens[t])] }

        // 2. Document frequency of words and of adjacent pairs of non-stop words.
        let v = wordText.count
        var wordDF = [Int32](repeating: 0, count: v)
        var lastSeen = [Int32](repeating: -1, count: v)
        var pairID: [UInt64: Int32] = [:]
        var pairKeys: [UInt64] = []
        var pairDF: [Int32] = []
        var pairLastSeen: [Int32] = []
        for d in 0..<n {
            var previous: Int32 = -1
            for t in tokenStart[d]..<tokenStart[d + 1] {
                let id = tokens[t]
                if id < 0 || isStop[Int(id)] { previous = -1; continue }
                if lastSeen[Int(id)] != Int32(d) { lastSeen[Int(id)] = Int32(d); wordDF[Int(id)] += 1 }
                if previous >= 0 && previous != id {
                    let key = UInt64(UInt32(previous)) << 32 | UInt64(UInt32(id))
                    if let p = pairID[key] {
                        if pairLastSeen[Int(p)] != Int32(d) { pairLastSeen[Int(p)] = Int32(d); pairDF[Int(p)] += 1 }
                    } else {
                        pairID[key] = Int32(pairKeys.count)
                        pairKeys.append(key)
                        pairDF.append(1)
                        pairLastSeen.append(Int32(d))
                    }
                }
                previous = id
            }
        }

        // 3. Keep the terms within the document-frequency limits.
        let maxDF = Int32(max(1, Int((settings.maximumShare * Double(n)).rounded(.down))))
        var termOfWord = [Int32](repeating: -1, count: v)
        var terms: [String] = []
        var display: [String] = []
        var df: [Int32] = []
        for w in 0..<v where !isStop[w] && wordDF[w] >= Int32(settings.minimumDocuments) && wordDF[w] <= maxDF {
            termOfWord[w] = Int32(terms.count)
            terms.append(wordText[w])
            display.append(surfaceText[Int(displayOfWord[w])])
            df.append(wordDF[w])
        }
        wordCount = terms.count
        var termOfPair = [Int32](repeating: -1, count: pairKeys.count)
        for p in 0..<pairKeys.count where pairDF[p] >= Int32(settings.phraseMinimumDocuments) && pairDF[p] <= maxDF {
            let a = Int(pairKeys[p] >> 32), b = Int(pairKeys[p] & 0xFFFF_FFFF)
            termOfPair[p] = Int32(terms.count)
            terms.append(wordText[a] + " " + wordText[b])
            display.append(surfaceText[Int(displayOfWord[a])] + " " + surfaceText[Int(displayOfWord[b])])
            df.append(pairDF[p])
        }
        self.terms = terms
        self.displayTerms = display
        documentFrequency = df

        // 4. Each document's term counts.
        var rowStart = [Int](repeating: 0, count: n + 1)
        var termIDs: [Int32] = []
        var counts: [Float] = []
        termIDs.reserveCapacity(tokens.count)
        counts.reserveCapacity(tokens.count)
        var slot = [Int32](repeating: -1, count: terms.count)  // term → position in the current row
        for d in 0..<n {
            let rowBegin = termIDs.count
            func add(_ term: Int32) {
                let s = slot[Int(term)]
                if s >= 0 && Int(s) >= rowBegin {
                    counts[Int(s)] += 1
                } else {
                    slot[Int(term)] = Int32(termIDs.count)
                    termIDs.append(term)
                    counts.append(1)
                }
            }
            var previous: Int32 = -1
            for t in tokenStart[d]..<tokenStart[d + 1] {
                let id = tokens[t]
                if id < 0 || isStop[Int(id)] { previous = -1; continue }
                let term = termOfWord[Int(id)]
                if term >= 0 { add(term) }
                if previous >= 0 && previous != id {
                    let key = UInt64(UInt32(previous)) << 32 | UInt64(UInt32(id))
                    if let p = pairID[key], termOfPair[Int(p)] >= 0 { add(termOfPair[Int(p)]) }
                }
                previous = id
            }
            rowStart[d + 1] = termIDs.count
        }
        self.rowStart = rowStart
        self.termIDs = termIDs
        self.counts = counts
    }

    var termCount: Int { terms.count }

    func isPhrase(_ term: Int) -> Bool { term >= wordCount }
}
