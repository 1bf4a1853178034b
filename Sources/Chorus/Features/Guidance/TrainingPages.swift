import Vapor
import Fluent
import ChorusCore

/// Page models of the training records.
enum TrainingPages {
    struct Home: Sendable {
        let courses: [TrainingService.Course]
        let coverage: [(organisation: String, row: TrainingCoverage.Row)]
        let refreshers: [TrainingService.Refresher]
        let canKeep: Bool
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    struct CoursePage: Sendable {
        let course: TrainingService.Course
        let sessions: [TrainingService.Session]
        let canKeep: Bool
        let people: [Form.Option]
        let organisations: [Form.Option]
        var errors: [FieldError] = []
        var input: Input? = nil
        /// The session whose form sent `input` (its fields are shown again with the errors).
        var session: UUID? = nil
    }

    static func home(user: CurrentUser, today: Day, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws -> Home {
        let done = try await TrainingService.completions(db)
        return Home(
            courses: try await TrainingService.courses(db), coverage: try await TrainingService.coverage(done, today: today, db),
            refreshers: try await TrainingService.refreshers(done, today: today, db), canKeep: TrainingService.canKeep(user), errors: errors,
            input: input)
    }

    static func course(
        _ id: UUID?, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, session: UUID? = nil, _ db: any Database
    ) async throws -> CoursePage {
        let (course, sessions) = try await TrainingService.course(id, db)
        let keep = TrainingService.canKeep(user)
        return CoursePage(
            course: course, sessions: sessions, canKeep: keep, people: keep ? try await PeopleService.options(db) : [],
            organisations: keep ? try await Organisation.query(on: db).sort(\.$name).all().map { .init($0.id!.uuidString, $0.name) } : [],
            errors: errors, input: input, session: session)
    }
}
