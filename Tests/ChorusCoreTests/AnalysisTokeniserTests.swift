import Foundation
import Testing
@testable import ChorusCore

@Suite("Analysis: words and phrases")
struct AnalysisTokeniserTests {
    @Test("words are lower-cased letters; numbers, punctuation and one-letter words are dropped")
    func words() {
        #expect(AnalysisTokeniser.words("The BUS was 20 minutes late, again!") == ["the", "bus", "was", "minutes", "late", "again"])
        #expect(AnalysisTokeniser.words("covid19 jab") == ["covid", "jab"])
        #expect(AnalysisTokeniser.words("a b c dd") == ["dd"])
        #expect(AnalysisTokeniser.words("") == [])
    }

    @Test("apostrophes stay inside words, curly ones too; possessive 's goes")
    func apostrophes() {
        #expect(AnalysisTokeniser.words("Don’t close the council's library") == ["don't", "close", "the", "council", "library"])
        #expect(AnalysisTokeniser.words("'quoted' words") == ["quoted", "words"])
    }

    @Test("accented and non-Latin letters are letters")
    func unicode() {
        #expect(AnalysisTokeniser.words("Café ÉCOLE naïve") == ["café", "école", "naïve"])
        #expect(AnalysisTokeniser.words("Привет мир") == ["привет", "мир"])
    }

    @Test("web addresses, e-mail addresses, mentions and redaction placeholders are not words")
    func skipped() {
        #expect(AnalysisTokeniser.words("see https://example.org/parks?x=1 now") == ["see", "now"])
        #expect(AnalysisTokeniser.words("visit www.council.gov.uk today") == ["visit", "today"])
        #expect(AnalysisTokeniser.words("mail jo@example.com or @councillor") == ["mail", "or"])
        #expect(AnalysisTokeniser.words("[name] said [NHS number] was wrong") == ["said", "was", "wrong"])
    }

    @Test("plural folding joins singular and plural without mangling short words")
    func folding() {
        #expect(AnalysisTokeniser.fold("parks") == "park")
        #expect(AnalysisTokeniser.fold("libraries") == "library")
        #expect(AnalysisTokeniser.fold("buses") == "bus")
        #expect(AnalysisTokeniser.fold("churches") == "church")
        #expect(AnalysisTokeniser.fold("boxes") == "box")
        #expect(AnalysisTokeniser.fold("homes") == "home")
        #expect(AnalysisTokeniser.fold("glass") == "glass")
        #expect(AnalysisTokeniser.fold("status") == "status")
        #expect(AnalysisTokeniser.fold("analysis") == "analysis")
        #expect(AnalysisTokeniser.fold("bus") == "bus")
        #expect(AnalysisTokeniser.fold("news") == "news")
        #expect(AnalysisTokeniser.fold("bins") == "bin")
        #expect(AnalysisTokeniser.fold("politics") == "politics")
    }

    @Test("terms: stop words are never terms; phrases are adjacent words with no stop word between")
    func phrases() {
        let corpus = TermCorpus(
            texts: ["The bus stop is dirty", "bus stop shelter broken", "park is dirty"],
            settings: .standard(documents: 3), threads: 1)
        let terms = Set(corpus.terms)
        #expect(terms.contains("bus stop"))
        #expect(terms.contains("stop shelter"))
        #expect(!terms.contains("the"))
        #expect(!terms.contains("is"))
        #expect(!terms.contains("park dirty"))  // "is" stood between them
        #expect(!terms.contains("stop dirty"))
        let bus = try! #require(corpus.terms.firstIndex(of: "bus"))
        #expect(corpus.documentFrequency[bus] == 2)
        #expect(!corpus.isPhrase(bus))
    }

    @Test("terms in too few or too many documents are dropped once the corpus is large enough")
    func documentFrequencyLimits() {
        var texts = (0..<60).map { "council tax rise number \($0 % 2 == 0 ? "parking" : "libraries")" }
        texts.append("unicorn council tax")
        let corpus = TermCorpus(texts: texts, settings: .standard(documents: texts.count), threads: 2)
        #expect(!corpus.terms.contains("unicorn"))  // one document
        #expect(!corpus.terms.contains("council"))  // every document
        #expect(corpus.terms.contains("parking"))
        #expect(corpus.terms.contains("library"))  // folded
        #expect(corpus.displayTerms[corpus.terms.firstIndex(of: "library")!] == "libraries")  // as people wrote it
    }

    @Test("TF-IDF rows have unit length and rarer words weigh more")
    func tfidf() {
        let corpus = TermCorpus(
            texts: ["bins bins rubbish", "rubbish collection", "rubbish fly tipping"],
            settings: .standard(documents: 3), threads: 1)
        let weighting = TFIDFWeighting(corpus, foldPlurals: true)
        let x = weighting.matrix(corpus)
        for r in 0..<x.rows {
            let s = x.values[x.rowStart[r]..<x.rowStart[r + 1]].reduce(Float(0)) { $0 + $1 * $1 }
            #expect(abs(s - 1) < 1e-5)
        }
        let bin = corpus.terms.firstIndex(of: "bin")!, rubbish = corpus.terms.firstIndex(of: "rubbish")!
        #expect(weighting.idf[bin] > weighting.idf[rubbish])
    }
}

@Suite("Analysis: phrase breaks")
struct AnalysisPhraseBreakTests {
    @Test("punctuation and digits break phrases, hyphens do not; HTML entities are not words")
    func breaks() {
        #expect(AnalysisTokeniser.words("webcam not detected. Make sure", breaks: true) == ["webcam", "not", "detected", "", "make", "sure"])
        #expect(AnalysisTokeniser.words("anti-social behaviour, again", breaks: true) == ["anti", "social", "behaviour", "", "again"])
        #expect(AnalysisTokeniser.words("bus 12 route", breaks: true) == ["bus", "", "route"])
        #expect(AnalysisTokeniser.words("fish &amp; chips", breaks: false) == ["fish", "chips"])
        let corpus = TermCorpus(
            texts: ["Webcam not detected. Make sure", "detected. Make sure it works"],
            settings: .standard(documents: 2), threads: 1)
        #expect(!corpus.terms.contains("detected make"))
        #expect(corpus.terms.contains("make sure"))
    }
}
