import Foundation

extension SiteURL {
    /// Quality standards, self-assessments and their action plans (staff pages).
    enum Standards {
        enum Route {
            static let home = URLPattern("/standards")
            static let compare = URLPattern("/standards/compare")
            static let newStandard = URLPattern("/standards/new")
            static let version = URLPattern("/standards/versions/:version")
            static let edit = URLPattern("/standards/edit/:key")
            static let retire = URLPattern("/standards/edit/:key/retire")
            static let assessments = URLPattern("/standards/assessments")
            static let assessment = URLPattern("/standards/assessments/:id")
            static let rating = URLPattern("/standards/assessments/:id/ratings/:key")
            static let moderation = URLPattern("/standards/assessments/:id/moderation")
            static let challenges = URLPattern("/standards/assessments/:id/challenges")
            static let agree = URLPattern("/standards/assessments/:id/agree")
            static let actions = URLPattern("/standards/assessments/:id/actions")
            static let report = URLPattern("/standards/assessments/:id/report")
            static let csv = URLPattern("/standards/assessments/:id/ratings.csv")
            static let challenge = URLPattern("/standards/challenges/:id")
            static let action = URLPattern("/standards/actions/:id")
            static let evaluation = URLPattern("/activities/:id/evaluation")
            static let lessons = URLPattern("/lessons")
            static let lessonsCSV = URLPattern("/lessons.csv")
            static let howWasIt = URLPattern("/whats-on/:id/how-was-it")
        }
        static let home = Route.home.link()
        static let compare = Route.compare.link()
        static let newStandard = Route.newStandard.link()
        static let assessments = Route.assessments.link()
        static func version(_ v: Int) -> String { Route.version.link(String(v)) }
        static func edit(_ key: String) -> String { Route.edit.link(key) }
        static func retire(_ key: String) -> String { Route.retire.link(key) }
        static func assessment(_ id: UUID) -> String { Route.assessment.link(id) }
        static func rating(_ id: UUID, _ key: String) -> String { Route.rating.link(id.uuidString, key) }
        static func moderation(_ id: UUID) -> String { Route.moderation.link(id) }
        static func challenges(_ id: UUID) -> String { Route.challenges.link(id) }
        static func agree(_ id: UUID) -> String { Route.agree.link(id) }
        static func actions(_ id: UUID) -> String { Route.actions.link(id) }
        static func report(_ id: UUID) -> String { Route.report.link(id) }
        static func csv(_ id: UUID) -> String { Route.csv.link(id) }
        static func challenge(_ id: UUID) -> String { Route.challenge.link(id) }
        static func action(_ id: UUID) -> String { Route.action.link(id) }
        static func evaluation(_ activity: UUID) -> String { Route.evaluation.link(activity) }
        static let lessons = Route.lessons.link()
        static let lessonsCSV = Route.lessonsCSV.link()
        static func howWasIt(_ activity: UUID) -> String { Route.howWasIt.link(activity) }
    }
}
