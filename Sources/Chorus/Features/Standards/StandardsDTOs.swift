import Foundation
import ChorusCore

extension StandardLevel: APIEnum {}
extension AssessmentStatus: APIEnum {}

/// What the standards API returns: Codable values, never Fluent models.
enum StandardsDTO {
    struct Standard: APIObject {
        let key: String
        let title: String
        let summary: String
        let indicators: [String]
        let emerging: String
        let aspiring: String
        let established: String
        static let schemaName = "QualityStandard"
        init(_ s: QualityStandard) {
            key = s.key; title = s.title; summary = s.summary; indicators = s.indicators
            emerging = s.emerging; aspiring = s.aspiring; established = s.established
        }
    }

    struct StandardSetDTO: APIObject {
        let version: Int
        let standards: [Standard]
        static let schemaName = "StandardSet"
        init(_ s: StandardSet) { version = s.version; standards = s.standards.map(Standard.init) }
    }

    struct AssessmentSummary: APIObject {
        let id: UUID
        let title: String
        /// The organisation and service, or "Whole partnership".
        let whose: String
        let period_from: APIDay
        let period_to: APIDay
        let status: AssessmentStatus
        let agreed_on: APIDay?
        static let schemaName = "AssessmentSummary"
        init(_ r: StandardsPages.AssessmentRow) {
            id = r.id; title = r.title; whose = r.whose; period_from = APIDay(r.from); period_to = APIDay(r.to); status = r.status
            agreed_on = r.agreedOn.map(APIDay.init)
        }
    }

    struct Rating: APIObject {
        let standard_key: String
        let level: StandardLevel
        let evidence: String
        let links: [String]
        let rated_by: String
        static let schemaName = "StandardRating"
    }

    struct Figure: APIObject {
        let standard_key: String
        let count: Int
        let of: Int
        let statement: String
        let method: String
        static let schemaName = "EvidenceFigure"
        init(_ f: StandardsEvidence.Figure) { standard_key = f.standardKey; count = f.count; of = f.of; statement = f.statement; method = f.method }
    }

    struct Assessment: APIObject {
        let id: UUID
        let title: String
        let whose: String
        let period_from: APIDay
        let period_to: APIDay
        let status: AssessmentStatus
        let standards_version: Int
        let agreed_by: String?
        let agreed_on: APIDay?
        let ratings: [Rating]
        /// Chorus's figures for the period, as they are today.
        let figures: [Figure]
        let gaps: [String]
        let open_challenges: Int
        let actions: Int
        static let schemaName = "Assessment"
        init(_ m: StandardsPages.Assessment) {
            id = m.id; title = m.title; whose = m.whose; period_from = APIDay(m.from); period_to = APIDay(m.to); status = m.status
            standards_version = m.standards.version; agreed_by = m.agreedBy; agreed_on = m.agreedOn.map(APIDay.init)
            ratings = m.standards.standards.compactMap { s in
                m.ratings[s.key].map { Rating(standard_key: s.key, level: $0.level, evidence: $0.evidence, links: $0.links, rated_by: $0.ratedBy) }
            }
            figures = m.standards.keys.flatMap { m.figures[$0] ?? [] }.map(Figure.init)
            gaps = m.gaps; open_challenges = m.challenges.filter { $0.status == .open }.count; actions = m.actions.count
        }
    }
}
