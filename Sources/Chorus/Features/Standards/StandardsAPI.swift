import Vapor
import ChorusCore

/// The standards in `/api/v1`: the current standards, and the self-assessments the caller may see (read only; they are
/// made and moderated on the pages).
enum StandardsAPI {
    static let tag = "standards"

    static func routes(_ r: FeatureRoutes) {
        let docs = r.docs
        docs.route(
            r.api, .GET, "/standards", summary: "The current quality standards", tag: tag, response: docs.schema(StandardsDTO.StandardSetDTO.self)
        ) {
            req in try APIResponse.json(StandardsDTO.StandardSetDTO(try await StandardsService.current(req.db)))
        }
        docs.route(
            r.api, .GET, "/standards/assessments", summary: "Self-assessments you may see, latest period first", tag: tag,
            response: docs.schema(APIList<StandardsDTO.AssessmentSummary>.self)
        ) { req in
            let page = try await StandardsPages.home(user: try req.requireUser(), req.db)
            return try APIResponse.json(APIList(page.assessments.map(StandardsDTO.AssessmentSummary.init)))
        }
        docs.route(
            r.api, .GET, "/standards/assessments/{id}", summary: "A self-assessment: ratings, evidence, Chorus's figures and gaps", tag: tag,
            response: docs.schema(StandardsDTO.Assessment.self)
        ) { req in
            let m = try await StandardsPages.assessment(
                req.parameters.get("id", as: UUID.self), user: try req.requireUser(), today: Day(Date()), req.db)
            return try APIResponse.json(StandardsDTO.Assessment(m))
        }
    }
}
