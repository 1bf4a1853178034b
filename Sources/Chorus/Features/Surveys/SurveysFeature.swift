import Vapor
import Fluent

/// Consultations and surveys: staff build a survey for a register activity (pages, questions of twelve kinds,
/// conditions the builder checks), publish and close it; residents answer one page at a time on any phone, without
/// script, in their language, saving and coming back with a code; free-text answers flow into the insight store;
/// staff read results with small counts suppressed, export them, key in paper and phone responses, and publish a
/// summary.
enum SurveysFeature: ChorusFeature {
    static let name = "surveys"
    static func routes(_ r: FeatureRoutes) {
        r.app.surveyResults = SurveyResultsCache()
        SurveysController.routes(r)
        SurveysStaffController.routes(r)
    }
    static var migrations: [any Migration] { [CreateSurveys()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.surveys", href: SiteURL.Surveys.list)] }
    static var auditEntities: [String] { [SurveyService.entity, "survey_response"] }
    static var strings: [String: [String: String]] { ["en": Catalogue.surveysEnglish, "ur": Catalogue.surveysUrdu] }
    static var personalData: [PersonalDataDeclaration] { [SurveyPersonalData.declaration] }
}
