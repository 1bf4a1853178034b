import Foundation

/// Lexicon-based sentiment of a text, following VADER (Hutto & Gilbert 2014) in its main rules:
///
/// - each word's valence comes from the VADER lexicon (7,500 words, emoticons and slang rated −4…+4);
/// - a negation in the three words before a sentiment word flips and shrinks it (× −0.74): "not good" is negative,
///   "not bad" mildly positive; "no" negates the next word; "n't" forms, "nobody" and "no one" count as
///   negations; "never so good" strengthens and "without doubt" does not negate (as VADER);
/// - what residents expect a service to do ("worked", "fixed", "came", "replied" …, not in the lexicon) is
///   neutral, but negative after a negation: "the fan never worked", "still not fixed", "no one came"; a repair
///   done ("fixed", "repaired", "mended", "sorted") is mildly positive;
/// - a few lexicon words are things, not feelings, after the word in front: "extractor fan", "social care",
///   "Universal Credit" score 0; "a joke" is negative, "pretty" before a sentiment word intensifies it, "still
///   waiting" is a failed outcome, and a few British complaint words VADER lacks ("shambles", "nightmare") are
///   added;
/// - intensifiers in the three words before add or take 0.293 ("very good" > "good" > "slightly good"), less the
///   further away they are; a word in CAPITALS among lower-case ones adds 0.733;
/// - after "but" the words count 1.5 ×, before it 0.5 ×; each "!" (up to four) adds 0.292 in the sum's direction;
/// - the sum becomes the compound score sum / √(sum² + 15), between −1 and +1.
///
/// It reads English only; other languages score neutral. It does not see sarcasm or sentiment carried by
/// context ("the bins were collected — eventually"). docs/analysis-engine.md says more.
public enum SentimentAnalyser {
    public static func score(_ text: String) -> SentimentScore {
        let words = tokens(text)
        guard !words.isEmpty else { return SentimentScore(compound: 0) }
        let lower = words.map { w in
            let l = w.lowercased()
            return l.unicodeScalars.contains("’") ? String(String.UnicodeScalarView(l.unicodeScalars.map { $0 == "’" ? "'" : $0 })) : l
        }
        let upperCount = words.filter(isShouting).count
        let capsDifferential = upperCount > 0 && upperCount < words.count
        var sentiments = [Double](repeating: 0, count: words.count)
        var i = 0
        while i < words.count {
            let word = lower[i]
            var valence = 0.0
            var consumed = 1
            if i + 1 < words.count, SentimentLexicon.pairs.contains(word + " " + lower[i + 1]) {
                valence = SentimentLexicon.valence[word + " " + lower[i + 1]] ?? 0
                consumed = 2
            } else if SentimentLexicon.boosters[word] != nil || (word == "kind" && i + 1 < words.count && lower[i + 1] == "of") {
                valence = 0
            } else if word == "no", i + 1 < words.count, SentimentLexicon.valence[lower[i + 1]] != nil {
                valence = 0  // "no" before a sentiment word is a negation, not a negative word
            } else if let lexical = SentimentLexicon.valence[word] {
                valence = lexical
                // "extractor fan", "social care": a thing, not a feeling.
                if i > 0, SentimentLexicon.notSentimentAfter[word]?.contains(lower[i - 1]) == true { valence = 0 }
                // "it's a joke", "an absolute joke" ("a" itself is dropped as a one-letter word).
                if word == "joke" || word == "jokes", i > 0, SentimentLexicon.jokeAfter.contains(lower[i - 1]) { valence = -1.5 }
                // "pretty bad": an intensifier, scored through the booster rule below.
                if word == "pretty", i + 1 < lower.count, SentimentLexicon.valence[lower[i + 1]] != nil { valence = 0 }
                // "nobody bothered to": a failed outcome, scored below.
                if word == "bothered", i + 1 < lower.count, lower[i + 1] == "to", negated(lower, before: i) { valence = 0 }
            } else {
                valence = 0
            }
            if valence == 0 && i > 0 && lower[i - 1] == "still" && SentimentLexicon.stillFailing.contains(word) {
                sentiments[i] = SentimentLexicon.failedOutcome  // "still waiting for a reply"
                i += consumed
                continue
            }
            if valence == 0 && (SentimentLexicon.outcomes.contains(word) || word == "bothered") {
                if negated(lower, before: i) {
                    sentiments[i] = SentimentLexicon.failedOutcome  // "never worked", "doesn't work", "no one came"
                    i += consumed
                    continue
                }
                if SentimentLexicon.completions.contains(word), !(i + 1 < lower.count && SentimentLexicon.notCompletionBefore.contains(lower[i + 1]))
                {
                    valence = SentimentLexicon.completedRepair  // "they fixed the leak" (not "a fixed income")
                }
            }
            if valence != 0 {
                if capsDifferential && isShouting(words[i]) {
                    valence += valence > 0 ? SentimentLexicon.capsIncrement : -SentimentLexicon.capsIncrement
                }
                for distance in 1...3 where i - distance >= 0 {
                    let before = lower[i - distance]
                    if let direction = SentimentLexicon.boosters[before] ?? (before == "pretty" && distance == 1 ? 1 : nil) {
                        var boost = direction * SentimentLexicon.boostIncrement
                        if capsDifferential && isShouting(words[i - distance]) { boost += direction * SentimentLexicon.capsIncrement }
                        boost *= distance == 1 ? 1 : (distance == 2 ? 0.95 : 0.9)
                        valence += valence > 0 ? boost : -boost
                    }
                    let between = lower[(i - distance + 1)..<i]  // the words between `before` and this one
                    if before == "never" && between.contains(where: { $0 == "so" || $0 == "this" }) {
                        valence *= 1.25  // "never so good", "never been so happy" (VADER)
                    } else if before == "without" && between.contains("doubt") {
                        // "without doubt the best" is not a negation (VADER)
                    } else if isNegation(at: i - distance, lower) || (distance == 1 && before == "no") {
                        valence *= SentimentLexicon.negationScalar
                    } else if before == "least", !(i - distance - 1 >= 0 && lower[i - distance - 1] == "at") {
                        valence *= SentimentLexicon.negationScalar
                    }
                }
            }
            sentiments[i] = valence
            i += consumed
        }
        if let but = lower.firstIndex(where: { $0 == "but" }) {
            for j in sentiments.indices { sentiments[j] *= j < but ? 0.5 : (j > but ? 1.5 : 1) }
        }
        var sum = sentiments.reduce(0, +)
        let exclamations = min(4, text.reduce(0) { $0 + ($1 == "!" ? 1 : 0) })
        if sum > 0 { sum += Double(exclamations) * 0.292 } else if sum < 0 { sum -= Double(exclamations) * 0.292 }
        let compound = max(-1, min(1, sum / (sum * sum + 15).squareRoot()))
        return SentimentScore(compound: compound)
    }

    /// Scores of many texts, in order.
    public static func scores(_ texts: [String]) -> [SentimentScore] { texts.map(score) }

    /// Whitespace-separated tokens trimmed to their letters (apostrophes inside kept), one-letter words dropped;
    /// a token with symbols that is in the lexicon as written (":)", ":(") is kept whole.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        for raw in text.split(whereSeparator: { c in c.utf8.count == 1 ? c.utf8.first! <= 0x20 : c.isWhitespace }) {
            var hasLetter = false, hasOther = false
            for s in raw.unicodeScalars {
                if isLetter(s) { hasLetter = true } else if s != "'" && s != "’" { hasOther = true }
            }
            if hasOther, SentimentLexicon.valence[raw.lowercased()] != nil {  // an emoticon such as ":)"
                out.append(String(raw))
                continue
            }
            guard hasLetter else { continue }
            let scalars = raw.unicodeScalars
            guard let first = scalars.firstIndex(where: isLetter), let last = scalars.lastIndex(where: isLetter) else { continue }
            let word = String(scalars[first...last])
            if word.unicodeScalars.count > 1 { out.append(word) }
        }
        return out
    }

    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A }
        return s.properties.isAlphabetic
    }

    static func isNegation(_ word: String) -> Bool {
        SentimentLexicon.negations.contains(word) || SentimentLexicon.moreNegations.contains(word) || word.hasSuffix("n't")
    }

    /// The word at `k` negates what follows it: a negation word, "no" just before ("no help"), or "no one" /
    /// "no-one" ("no one came").
    static func isNegation(at k: Int, _ lower: [String]) -> Bool {
        let word = lower[k]
        if isNegation(word) || word == "no-one" { return true }
        if word == "one", k > 0, lower[k - 1] == "no" { return true }
        return false
    }

    /// A negation in the three words before `i` ("never worked", "hasn't been fixed", "never got a reply"), or "no"
    /// just before it ("no reply"); not across "but" ("not great but it worked").
    static func negated(_ lower: [String], before i: Int) -> Bool {
        for distance in 1...3 where i - distance >= 0 {
            let k = i - distance
            if lower[k] == "but" { return false }
            if isNegation(at: k, lower) || (distance == 1 && lower[k] == "no") { return true }  // "no reply", not "no problem, they came"
        }
        return false
    }

    /// ALL CAPS (at least two letters, no lower-case letter).
    static func isShouting(_ word: String) -> Bool {
        var letters = 0
        for s in word.unicodeScalars where isLetter(s) {
            if s.value < 0x80 ? (s.value >= 0x61 && s.value <= 0x7A) : s.properties.isLowercase { return false }
            letters += 1
        }
        return letters >= 2
    }
}
