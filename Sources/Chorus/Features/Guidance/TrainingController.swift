import Vapor
import ChorusCore

/// Training records' routes, then each handler.
enum TrainingController {
    typealias URLs = SiteURL.Guidance.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.training, use: home)
        r.staff.post(URLs.courses, use: addCourse)
        r.staff.get(URLs.course, use: course)
        r.staff.post(URLs.sessions, use: addSession)
        r.staff.post(URLs.attendees, use: addAttendee)
    }

    @Sendable static func home(_ req: Request) async throws -> Response {
        TrainingViews.home(try await TrainingPages.home(user: req.requireUser(), today: Day(Date()), req.db), req.page).response(req.page)
    }

    @Sendable static func addCourse(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        do {
            return req.redirect(to: SiteURL.Guidance.course(try await TrainingService.addCourse(input, user: user, on: req.db)))
        } catch let failure as ValidationFailure {
            let page = try await TrainingPages.home(user: user, today: Day(Date()), errors: failure.errors, input: input, req.db)
            return TrainingViews.home(page, req.page).response(req.page)
        }
    }

    @Sendable static func course(_ req: Request) async throws -> Response {
        let page = try await TrainingPages.course(req.parameters.get("id", as: UUID.self), user: req.requireUser(), req.db)
        return TrainingViews.course(page, req.page).response(req.page)
    }

    @Sendable static func addSession(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        let id = req.parameters.get("id", as: UUID.self)
        do {
            try await TrainingService.addSession(course: id, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Guidance.course(id!) + "#sessions")
        } catch let failure as ValidationFailure {
            let page = try await TrainingPages.course(id, user: user, errors: failure.errors, input: input, req.db)
            return TrainingViews.course(page, req.page).response(req.page)
        }
    }

    @Sendable static func addAttendee(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        let session = req.parameters.get("id", as: UUID.self)
        do {
            let course = try await TrainingService.addAttendee(session: session, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Guidance.course(course) + "#session-\(session!.uuidString.lowercased())")
        } catch let failure as ValidationFailure {
            // The session's own form shows the problems: its fields carry the session in their ids.
            let suffix = session!.uuidString.lowercased()
            let course = try await TrainingService.courseID(ofSession: session, req.db)
            let page = try await TrainingPages.course(
                course, user: user, errors: failure.errors.map { FieldError("\($0.field)-\(suffix)", $0.message) }, input: input, session: session,
                req.db)
            return TrainingViews.course(page, req.page).response(req.page)
        }
    }
}
