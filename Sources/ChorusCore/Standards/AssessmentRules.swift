import Foundation

/// Where a self-assessment is: raters fill it in (draft), then a second reviewer or invited community members may
/// challenge ratings (moderation), then someone other than the raters agrees it (agreed; read-only from then on).
public enum AssessmentStatus: String, CaseIterable, Codable, Sendable {
    case draft, moderation, agreed

    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .moderation: return "In moderation"
        case .agreed: return "Agreed"
        }
    }
}

/// A challenge to one rating: open until the assessment's owners uphold it (the rating becomes the proposed level)
/// or dismiss it with a response.
public enum ChallengeStatus: String, CaseIterable, Codable, Sendable {
    case open, upheld, dismissed

    public var label: String {
        switch self {
        case .open: return "Open"
        case .upheld: return "Upheld"
        case .dismissed: return "Dismissed"
        }
    }
}

/// How a rating changed since the last agreed assessment of the same organisation or service.
public enum RatingChange: Sendable, Equatable {
    case up(from: StandardLevel, to: StandardLevel)
    case down(from: StandardLevel, to: StandardLevel)
    case same(StandardLevel)
    /// Rated now, not rated (or not a standard) last time.
    case new(StandardLevel)
    /// Not rated now.
    case unrated

    public var label: String {
        switch self {
        case .up(let a, let b): return "Up from \(a.label) to \(b.label)"
        case .down(let a, let b): return "Down from \(a.label) to \(b.label)"
        case .same: return "No change"
        case .new: return "Not rated last time"
        case .unrated: return "Not rated"
        }
    }
}

/// The rules of moderation and comparison, over plain values (the reason each exists is in its comment).
public enum AssessmentRules {
    /// Standard by standard, since the previous assessment (keys are stable across versions of the standards).
    public static func changes(previous: [String: StandardLevel], current: [String: StandardLevel], keys: [String]) -> [String: RatingChange] {
        var out: [String: RatingChange] = [:]
        for k in keys {
            guard let now = current[k] else { out[k] = .unrated; continue }
            guard let before = previous[k] else { out[k] = .new(now); continue }
            out[k] = now > before ? .up(from: before, to: now) : now < before ? .down(from: before, to: now) : .same(now)
        }
        return out
    }

    /// The standards that become the action plan: rated below `target`, in the set's order. Unrated standards are
    /// not gaps (an agreed assessment has none).
    public static func gaps(_ ratings: [String: StandardLevel], keys: [String], target: StandardLevel = .established) -> [String] {
        keys.filter { ratings[$0].map { $0 < target } ?? false }
    }

    /// How many standards sit at each level.
    public static func counts(_ ratings: [String: StandardLevel]) -> [StandardLevel: Int] {
        var c: [StandardLevel: Int] = [:]
        for l in StandardLevel.allCases { c[l] = 0 }
        for l in ratings.values { c[l, default: 0] += 1 }
        return c
    }

    /// Why an assessment may not be sent to moderation yet: every standard needs a rating and some evidence, so the
    /// reviewers challenge a whole picture.
    public static func checkReadyForModeration(ratings: [String: StandardLevel], evidence: [String: Bool], keys: [String], titles: [String: String])
        -> [FieldError]
    {
        var errors: [FieldError] = []
        for k in keys {
            let name = titles[k] ?? k
            if ratings[k] == nil {
                errors.append(FieldError("level_\(k)", "Rate \(name) before sending the assessment for moderation"))
            } else if evidence[k] != true {
                errors.append(FieldError("evidence_\(k)", "Give some evidence for \(name) before sending the assessment for moderation"))
            }
        }
        return errors
    }

    /// Why a person may not agree the assessment: it must be in moderation, with no challenge left open, and the
    /// person agreeing must not have rated it alone (a second pair of eyes, seed 002's "who agreed it").
    public static func checkAgree(status: AssessmentStatus, openChallenges: Int, agreer: UUID, raters: Set<UUID>) -> [FieldError] {
        var errors: [FieldError] = []
        if status != .moderation { errors.append(FieldError("status", "Send the assessment for moderation before agreeing it")) }
        if openChallenges > 0 {
            errors.append(FieldError("challenges", "Uphold or dismiss the \(openChallenges) open challenge\(openChallenges == 1 ? "" : "s") first"))
        }
        if raters == [agreer] { errors.append(FieldError("status", "Someone other than the only person who rated it must agree it")) }
        return errors
    }

    /// Why a challenge cannot be raised: only in moderation, with a reason, proposing a different level than the
    /// current rating, and not by the person who recorded that rating (they would be challenging themselves).
    public static func checkChallenge(
        status: AssessmentStatus, current: StandardLevel?, proposed: StandardLevel?, reason: String?, challenger: UUID?, ratedBy: UUID?
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if status != .moderation { errors.append(FieldError("status", "Ratings can be challenged only while the assessment is in moderation")) }
        if let challenger, challenger == ratedBy {
            errors.append(FieldError("proposed_level", "You recorded this rating; ask a second reviewer to challenge it"))
        }
        if proposed == nil {
            errors.append(FieldError("proposed_level", "Choose the level you think is right"))
        } else if proposed == current {
            errors.append(FieldError("proposed_level", "Choose a different level from the current rating"))
        }
        if (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(FieldError("reason", "Say why you think the rating should change"))
        }
        return errors
    }
}
