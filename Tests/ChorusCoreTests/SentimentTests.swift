import Foundation
import Testing
@testable import ChorusCore

@Suite("Sentiment (VADER lexicon)")
struct SentimentTests {
    @Test("plain positive and negative sentences have the obvious sign")
    func signs() {
        #expect(SentimentAnalyser.score("The new library is wonderful and the staff are helpful").polarity == .positive)
        #expect(SentimentAnalyser.score("The park is dirty and dangerous at night").polarity == .negative)
        #expect(SentimentAnalyser.score("The meeting is on Tuesday at the town hall").polarity == .neutral)
        #expect(SentimentAnalyser.score("").compound == 0)
    }

    @Test("negation flips: not good is negative, not bad is positive, n't counts")
    func negation() {
        #expect(SentimentAnalyser.score("good").compound > 0)
        #expect(SentimentAnalyser.score("not good").compound < 0)
        #expect(SentimentAnalyser.score("The service was not good at all").polarity == .negative)
        #expect(SentimentAnalyser.score("it isn't safe").compound < 0)
        #expect(SentimentAnalyser.score("It wasn’t helpful").compound < 0)  // curly apostrophe
        #expect(SentimentAnalyser.score("not bad").compound > 0)
        #expect(SentimentAnalyser.score("no help from anyone").compound < SentimentAnalyser.score("help from anyone").compound)
    }

    @Test("intensifiers, capitals and exclamation marks strengthen; dampeners weaken; 'but' shifts the weight")
    func intensity() {
        let good = SentimentAnalyser.score("the staff were good").compound
        #expect(SentimentAnalyser.score("the staff were very good").compound > good)
        #expect(SentimentAnalyser.score("the staff were slightly good").compound < good)
        #expect(SentimentAnalyser.score("the staff were GOOD").compound > good)
        #expect(SentimentAnalyser.score("the staff were good!!").compound > good)
        #expect(SentimentAnalyser.score("The park is nice but the toilets are disgusting").compound < 0)
        #expect(SentimentAnalyser.score("I am fed up with the noise").compound < 0)  // a two-word lexicon entry
        #expect(SentimentAnalyser.score("great :)").compound > SentimentAnalyser.score("great").compound)
    }

    @Test("the lexicon is the full VADER list")
    func lexicon() {
        #expect(SentimentLexicon.valence.count > 7_500)
        #expect(SentimentLexicon.valence["good"] == 1.9)
        #expect(SentimentLexicon.valence["fed up"] == -1.8)
        #expect(SentimentLexicon.valence[":)"] == 2.0)
    }

    @Test("balance counts texts and people by polarity")
    func balance() {
        let scores = [0.6, -0.5, 0.0, 0.3].map(SentimentScore.init(compound:))
        let balance = SentimentBalance(scores, weights: [1, 10, 2, 3])
        #expect(balance.positive == 2 && balance.negative == 1 && balance.neutral == 1)
        #expect(balance.positivePeople == 4 && balance.negativePeople == 10 && balance.neutralPeople == 2)
        #expect(abs(balance.meanCompound - 0.1) < 1e-12)
        #expect(SentimentBalance([]) == .empty)
    }
}
