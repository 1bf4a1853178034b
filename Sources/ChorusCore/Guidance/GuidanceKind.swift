import Foundation

/// What a page of the good-practice library is (seed 000 #4–5 and #16, seed 001).
public enum GuidanceKind: String, CaseIterable, Codable, Sendable {
    /// When to use a method, how, what it costs, its pitfalls and how to make it accessible.
    case methodGuide = "method_guide"
    /// What partners did and learnt, often drafted from an activity's evaluation.
    case caseStudy = "case_study"
    /// Engagement requirements to put in a specification, and how to score them, for commissioning and tendering.
    case tendering
    /// Engaging particular communities of place, identity or interest.
    case communities
}
