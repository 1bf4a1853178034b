import Foundation

/// The sentiment of one text: VADER's compound score (−1 very negative … +1 very positive) and its reading.
public struct SentimentScore: Sendable, Equatable, Codable {
    public enum Polarity: String, Sendable, Equatable, Codable, CaseIterable {
        case positive, neutral, negative
    }

    public let compound: Double

    public init(compound: Double) { self.compound = compound }

    /// VADER's usual cut-offs: ≥ 0.05 positive, ≤ −0.05 negative, neutral between.
    public var polarity: Polarity {
        compound >= 0.05 ? .positive : (compound <= -0.05 ? .negative : .neutral)
    }
}

/// Sentiment of a group of texts (a theme): how many are positive, neutral and negative, by texts and by people.
public struct SentimentBalance: Sendable, Equatable, Codable {
    public let positive: Int
    public let neutral: Int
    public let negative: Int
    /// The same counts weighted by people represented.
    public let positivePeople: Int
    public let neutralPeople: Int
    public let negativePeople: Int
    /// Mean compound score over the texts (0 when there are none).
    public let meanCompound: Double

    public init(
        positive: Int, neutral: Int, negative: Int, positivePeople: Int, neutralPeople: Int,
        negativePeople: Int, meanCompound: Double
    ) {
        self.positive = positive
        self.neutral = neutral
        self.negative = negative
        self.positivePeople = positivePeople
        self.neutralPeople = neutralPeople
        self.negativePeople = negativePeople
        self.meanCompound = meanCompound
    }

    public static let empty = SentimentBalance(
        positive: 0, neutral: 0, negative: 0, positivePeople: 0,
        neutralPeople: 0, negativePeople: 0, meanCompound: 0)

    /// Balance of the given scores with their weights (people represented; 1 each when omitted).
    public init(_ scores: [SentimentScore], weights: [Int]? = nil) {
        var counts = [0, 0, 0], people = [0, 0, 0]
        var sum = 0.0
        for (i, s) in scores.enumerated() {
            let slot = s.polarity == .positive ? 0 : (s.polarity == .neutral ? 1 : 2)
            counts[slot] += 1
            people[slot] += weights.map { max(1, $0[i]) } ?? 1
            sum += s.compound
        }
        self.init(
            positive: counts[0], neutral: counts[1], negative: counts[2], positivePeople: people[0],
            neutralPeople: people[1], negativePeople: people[2],
            meanCompound: scores.isEmpty ? 0 : sum / Double(scores.count))
    }

    public var total: Int { positive + neutral + negative }
}
