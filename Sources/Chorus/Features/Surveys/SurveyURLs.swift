import Foundation

extension SiteURL {
    /// Residents answer at `/have-your-say/…` (one page at a time, no script); staff build, run and read surveys at
    /// `/surveys/…`.
    enum Surveys {
        enum Route {
            static let start = URLPattern("/have-your-say/:id")
            static let begin = URLPattern("/have-your-say/:id/start")
            static let page = URLPattern("/have-your-say/:id/page/:n")
            static let check = URLPattern("/have-your-say/:id/check")
            static let resume = URLPattern("/have-your-say/:id/resume")
            static let aboutYou = URLPattern("/have-your-say/:id/about-you")
            static let done = URLPattern("/have-your-say/:id/done")
            static let list = URLPattern("/surveys")
            static let new = URLPattern("/surveys/new")
            static let survey = URLPattern("/surveys/:id")
            static let settings = URLPattern("/surveys/:id/settings")
            static let questions = URLPattern("/surveys/:id/questions")
            static let question = URLPattern("/surveys/:id/questions/:question")
            static let moveQuestion = URLPattern("/surveys/:id/questions/:question/move")
            static let removeQuestion = URLPattern("/surveys/:id/questions/:question/remove")
            static let translation = URLPattern("/surveys/:id/translations/:language")
            static let skips = URLPattern("/surveys/:id/skips")
            static let removeSkip = URLPattern("/surveys/:id/skips/:page/:n/remove")
            static let definition = URLPattern("/surveys/:id/definition")
            static let publish = URLPattern("/surveys/:id/publish")
            static let close = URLPattern("/surveys/:id/close")
            static let reopen = URLPattern("/surveys/:id/reopen")
            static let duplicate = URLPattern("/surveys/:id/duplicate")
            static let preview = URLPattern("/surveys/:id/preview")
            static let results = URLPattern("/surveys/:id/results")
            static let summary = URLPattern("/surveys/:id/summary")
            static let csv = URLPattern("/surveys/:id/responses.csv")
            static let json = URLPattern("/surveys/:id/responses.json")
            static let paper = URLPattern("/surveys/:id/paper")
            static let keyIn = URLPattern("/surveys/:id/key-in")
        }
        static func start(_ id: UUID) -> String { Route.start.link(id) }
        static func begin(_ id: UUID) -> String { Route.begin.link(id) }
        static func page(_ id: UUID, _ n: Int) -> String { Route.page.link(id, n) }
        static func check(_ id: UUID) -> String { Route.check.link(id) }
        static func resume(_ id: UUID) -> String { Route.resume.link(id) }
        static func aboutYou(_ id: UUID) -> String { Route.aboutYou.link(id) }
        static func done(_ id: UUID, reference: String) -> String { SiteURL.with(Route.done.link(id), ["ref": reference]) }
        static let list = Route.list.link()
        static let new = Route.new.link()
        static func survey(_ id: UUID) -> String { Route.survey.link(id) }
        static func settings(_ id: UUID) -> String { Route.settings.link(id) }
        static func questions(_ id: UUID) -> String { Route.questions.link(id) }
        static func question(_ id: UUID, _ q: String) -> String { Route.question.link(id, q) }
        static func moveQuestion(_ id: UUID, _ q: String) -> String { Route.moveQuestion.link(id, q) }
        static func removeQuestion(_ id: UUID, _ q: String) -> String { Route.removeQuestion.link(id, q) }
        static func translation(_ id: UUID, _ language: String) -> String { Route.translation.link(id, language) }
        static func skips(_ id: UUID) -> String { Route.skips.link(id) }
        static func removeSkip(_ id: UUID, page: String, _ n: Int) -> String { Route.removeSkip.link(id, page, n) }
        static func definition(_ id: UUID) -> String { Route.definition.link(id) }
        static func publish(_ id: UUID) -> String { Route.publish.link(id) }
        static func close(_ id: UUID) -> String { Route.close.link(id) }
        static func reopen(_ id: UUID) -> String { Route.reopen.link(id) }
        static func duplicate(_ id: UUID) -> String { Route.duplicate.link(id) }
        static func preview(_ id: UUID, language: String? = nil) -> String {
            language.map { SiteURL.with(Route.preview.link(id), ["lang": $0]) } ?? Route.preview.link(id)
        }
        static func results(_ id: UUID) -> String { Route.results.link(id) }
        static func summary(_ id: UUID) -> String { Route.summary.link(id) }
        static func csv(_ id: UUID) -> String { Route.csv.link(id) }
        static func json(_ id: UUID) -> String { Route.json.link(id) }
        static func paper(_ id: UUID) -> String { Route.paper.link(id) }
        static func keyIn(_ id: UUID) -> String { Route.keyIn.link(id) }
    }
}
