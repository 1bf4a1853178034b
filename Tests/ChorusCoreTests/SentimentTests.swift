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

/// Negation in what residents tell the council: a service that never worked, was not fixed, or nobody came for is
/// negative, though the verb alone carries no sentiment; "never had a problem" and "not bad" stay positive.
@Suite("Sentiment: negated outcomes in council complaints")
struct SentimentNegationTests {
    static let labelled: [(String, SentimentScore.Polarity)] = [
        ("The extractor fan in the bathroom never worked and now there is mould everywhere", .negative),
        ("The extractor fan was fitted in March but never worked", .negative),
        ("The boiler doesn't work and we have a newborn", .negative),
        ("Three months on and the leak is still not fixed", .negative),
        ("We reported the broken lift twice and no one came", .negative),
        ("Nobody came to look at the damp", .negative),
        ("I rang four times and nobody called back", .negative),
        ("The heating hasn't been repaired since October", .negative),
        ("The streetlight has not worked for weeks", .negative),
        ("I emailed the housing team and never got a reply", .negative),
        ("The contractor didn't turn up on Tuesday", .negative),
        ("Nobody bothered to tell us the bus route had changed", .negative),
        ("The window was never replaced after the break in", .negative),
        ("The bins weren't collected again this week", .negative),
        ("My complaint was never answered", .negative),
        ("The new intercom hasn't worked since it was fitted", .negative),
        ("Nothing has changed since the last consultation", .negative),
        ("We never had a problem with the bin collections", .positive),
        ("Not bad at all, the new park is a big improvement", .positive),
        ("The repairs team came the same day and fixed the leak, thank you", .positive),
        ("The extractor fan works fine now", .positive),
        ("I have never been so happy with a council service", .positive),
        ("Without doubt the best youth club in the borough", .positive),
        ("The GP surgery is not perfect but the nurses are great", .positive),
        ("The adult social care assessment is booked for Monday", .neutral),
        ("I claim Universal Credit and need help with the form", .positive),
        ("The housing officer came on Tuesday", .neutral),
        ("The repairs service is a joke", .negative),
        ("Still waiting for someone to look at the boiler", .negative),
        ("The new booking system is a nightmare", .negative),
        ("Parking on our estate is a total shambles", .negative),
        ("The bus service is pretty bad after 7pm", .negative),
        ("The play area is pretty good now", .positive),
    ]

    @Test("labelled complaints and praise have the polarity a reader would give them")
    func labelledSentences() {
        var right = 0
        for (text, polarity) in Self.labelled {
            let score = SentimentAnalyser.score(text)
            #expect(score.polarity == polarity, "\(text): \(score.compound)")
            if score.polarity == polarity { right += 1 }
        }
        print("sentiment negation set: \(right)/\(Self.labelled.count) with the expected polarity")
    }

    @Test("a negated outcome is negative; the same outcome alone is not")
    func outcomeAlone() {
        #expect(SentimentAnalyser.score("it worked").polarity == .neutral)
        #expect(SentimentAnalyser.score("it never worked").polarity == .negative)
        #expect(SentimentAnalyser.score("no one came").polarity == .negative)
        #expect(SentimentAnalyser.score("someone came").polarity == .neutral)
        #expect(SentimentAnalyser.score("I rang and got no reply").polarity == .negative)
        #expect(SentimentAnalyser.score("no problem, they came the next day").polarity == .positive)
        #expect(SentimentAnalyser.score("not great but it worked").compound > SentimentAnalyser.score("not great and it never worked").compound)
    }

    @Test("a thing named with a sentiment word is not a feeling: extractor fan, social care, Universal Credit")
    func domainNouns() {
        #expect(SentimentAnalyser.score("the extractor fan").compound == 0)
        #expect(SentimentAnalyser.score("I am a big fan of the new library").polarity == .positive)
        #expect(SentimentAnalyser.score("adult social care").compound == 0)
        #expect(SentimentAnalyser.score("they really care about us").polarity == .positive)
    }
}
