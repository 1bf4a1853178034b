import Vapor
import Fluent
import ChorusCore

/// Training records: courses, sessions and who attended and completed them; coverage by organisation; refreshers due.
/// Officers and partnership admins keep the records; every member of staff reads them.
enum TrainingService {
    static let entity = "training_course"
    static let sessionEntity = "training_session"
    static let attendanceEntity = "training_attendance"

    static func canKeep(_ user: CurrentUser) -> Bool { user.role.canAdministerPartnership || user.role.canRegisterEngagement }

    static func requireKeeper(_ user: CurrentUser) throws {
        guard canKeep(user) else { throw Abort(.forbidden, reason: "Only officers and partnership admins keep training records") }
    }

    struct Course: Sendable {
        let id: UUID
        let title: String
        let level: TrainingLevel
        let description: String
        let refreshMonths: Int?
        let provider: String
        let sessions: Int
        let completed: Int
    }

    struct Session: Sendable {
        let id: UUID
        let courseID: UUID
        let day: Day
        let place: String
        let trainer: String
        let attendees: [Attendee]
    }

    struct Attendee: Sendable {
        let id: UUID
        let name: String
        let organisation: String
        let isStaff: Bool
        let completed: Bool
    }

    /// A member of staff whose training needs refreshing soon (or has lapsed).
    struct Refresher: Sendable {
        let person: String
        let organisation: String
        let course: String
        let courseID: UUID
        let currency: TrainingCurrency
    }

    /// The courses (`only`: that one) with how many sessions each has had and how many people completed it, counted
    /// in one pass over the sessions and completions.
    static func courses(only id: UUID? = nil, _ db: any Database) async throws -> [Course] {
        let q = TrainingCourse.query(on: db)
        if let id { q.filter(\.$id == id) }
        let rows = try await q.sort(\.$level).sort(\.$title).all()
        let orgs = try await OrganisationsReads.names(Array(Set(rows.map { $0.$organisation.id })), db)
        let sessionQuery = TrainingSession.query(on: db)
        if let id { sessionQuery.filter(\.$course.$id == id) }
        let sessions = try await sessionQuery.all()
        var sessionCount: [UUID: Int] = [:], completed: [UUID: Int] = [:]
        for s in sessions { sessionCount[s.$course.id, default: 0] += 1 }
        let courseOfSession = Dictionary(sessions.map { ($0.id!, $0.$course.id) }) { a, _ in a }
        if !sessions.isEmpty {
            let doneQuery = TrainingAttendance.query(on: db).filter(\.$completed == true)
            if id != nil { doneQuery.filter(\.$session.$id ~~ Array(courseOfSession.keys)) }
            for a in try await doneQuery.all() { if let c = courseOfSession[a.$session.id] { completed[c, default: 0] += 1 } }
        }
        return rows.map { c in
            Course(
                id: c.id!, title: c.title, level: TrainingLevel(rawValue: c.level) ?? .practitioner, description: c.description,
                refreshMonths: c.refreshMonths, provider: orgs[c.$organisation.id] ?? "", sessions: sessionCount[c.id!] ?? 0,
                completed: completed[c.id!] ?? 0)
        }
    }

    static func addCourse(_ input: Input, user: CurrentUser, on db: any Database) async throws -> UUID {
        try requireKeeper(user)
        var v = Validator()
        let title = v.required("title", input["title"], label: "Title", max: 200)
        let level = v.choice("level", input["level"], label: "Level", as: TrainingLevel.self)
        let description = v.optional("description", input["description"], label: "What it covers", max: 4000, multiline: true) ?? ""
        let refresh = v.integer("refresh_months", input["refresh_months"], label: "Refresh every (months)", range: 1...120)
        try v.check()
        let c = TrainingCourse()
        c.title = title; c.level = level!.rawValue; c.description = description; c.refreshMonths = refresh; c.$organisation.id = user.organisationID
        try await db.transaction { tx in
            try await c.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: c.id, label: title, after: ["level": level!.rawValue])
        }
        return c.id!
    }

    static func course(_ id: UUID?, _ db: any Database) async throws -> (Course, [Session]) {
        guard let id, let course = try await courses(only: id, db).first else { throw Abort(.notFound) }
        let sessions = try await TrainingSession.query(on: db).filter(\.$course.$id == id).sort(\.$day, .descending).all()
        let attendance = try await TrainingAttendance.query(on: db).filter(\.$session.$id ~~ sessions.compactMap(\.id)).sort(\.$attendeeName).all()
        let orgs = try await OrganisationsReads.names(Array(Set(attendance.compactMap { $0.$organisation.id })), db)
        return (
            course,
            sessions.map { s in
                Session(
                    id: s.id!, courseID: id, day: Day(ordinal: s.day), place: s.place, trainer: s.trainer,
                    attendees: attendance.filter { $0.$session.id == s.id }.map {
                        Attendee(
                            id: $0.id!, name: $0.attendeeName, organisation: $0.$organisation.id.flatMap { orgs[$0] } ?? "",
                            isStaff: $0.$person.id != nil,
                            completed: $0.completed)
                    })
            }
        )
    }

    static func addSession(course: UUID?, _ input: Input, user: CurrentUser, on db: any Database) async throws {
        try requireKeeper(user)
        guard let course, let c = try await TrainingCourse.find(course, on: db) else { throw Abort(.notFound) }
        var v = Validator()
        var day: Day? = nil
        if let s = v.optional("day", input["day"], label: "Date", max: 10) {
            day = Day(iso: s)
            if day == nil { v.add("day", "Enter the date as a real date, like 2027-03-14") }
        } else {
            v.add("day", "Enter the date of the session")
        }
        let place = v.required("place", input["place"], label: "Where", max: 200)
        let trainer = v.required("trainer", input["trainer"], label: "Trainer", max: 200)
        try v.check()
        let s = TrainingSession()
        s.$course.id = course; s.day = day!.ordinal; s.place = place; s.trainer = trainer
        let when = day!
        try await db.transaction { tx in
            try await s.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: sessionEntity, id: s.id, label: "\(c.title), \(when)", after: ["place": place])
        }
    }

    static func courseID(ofSession id: UUID?, _ db: any Database) async throws -> UUID {
        guard let id, let s = try await TrainingSession.find(id, on: db) else { throw Abort(.notFound) }
        return s.$course.id
    }

    /// Adds someone to a session: a member of staff chosen from the list, or a resident or volunteer by name (with the
    /// organisation or group they came through, if any). `completed`: they finished the course at this session.
    static func addAttendee(session: UUID?, _ input: Input, user: CurrentUser, on db: any Database) async throws -> UUID {
        try requireKeeper(user)
        guard let session, let s = try await TrainingSession.find(session, on: db) else { throw Abort(.notFound) }
        var v = Validator()
        var person: Person? = nil
        var name = ""
        if let raw = input["person_id"], !raw.isEmpty {
            if let id = UUID(uuidString: raw), let p = try await Person.find(id, on: db), p.active {
                person = p; name = p.name
            } else {
                v.add("person_id", "Select the member of staff from the list")
            }
        }
        let typed = v.optional("attendee_name", input["attendee_name"], label: "Name", max: 120)
        if person == nil && v.message(for: "person_id") == nil {
            if let typed { name = typed } else { v.add("person_id", "Choose a member of staff, or type a resident's or volunteer's name") }
        }
        var org = person?.$organisation.id
        if person == nil, let raw = input["organisation_id"], !raw.isEmpty {
            if let id = UUID(uuidString: raw), try await Organisation.find(id, on: db) != nil {
                org = id
            } else {
                v.add("organisation_id", "Select the organisation from the list")
            }
        }
        if let p = person, try await TrainingAttendance.query(on: db).filter(\.$session.$id == session).filter(\.$person.$id == p.id!).count() > 0 {
            v.add("person_id", "\(p.name) is already on this session")
        }
        try v.check()
        let a = TrainingAttendance()
        a.$session.id = session; a.$person.id = person?.id; a.attendeeName = name; a.$organisation.id = org
        a.completed = Input.isTrue(input["completed"])
        let staff = person != nil, label = name
        try await db.transaction { tx in
            try await a.create(on: tx)
            // Residents' and volunteers' names stay out of the audit log.
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: attendanceEntity, id: a.id, label: staff ? label : "A resident or volunteer",
                after: ["session": s.id!.uuidString, "completed": String(a.completed)])
        }
        return s.$course.id
    }

    /// A completion: who (their attendance), which course, and the day of the session.
    typealias Completion = (attendance: TrainingAttendance, course: TrainingCourse, day: Day)

    /// Who completed what, read once for both coverage and refreshers; `person`: only theirs, read by their id (the
    /// dashboard asks on every sign-in, so it never reads the whole record).
    static func completions(person: UUID? = nil, _ db: any Database) async throws -> [Completion] {
        let q = TrainingAttendance.query(on: db).filter(\.$completed == true)
        if let person { q.filter(\.$person.$id == person) }
        let done = try await q.all()
        guard !done.isEmpty else { return [] }
        let sessionQuery = TrainingSession.query(on: db)
        if person != nil { sessionQuery.filter(\.$id ~~ Array(Set(done.map { $0.$session.id }))) }
        let sessions = Dictionary(try await sessionQuery.all().map { ($0.id!, $0) }) { a, _ in a }
        let courseQuery = TrainingCourse.query(on: db)
        if person != nil { courseQuery.filter(\.$id ~~ Array(Set(sessions.values.map { $0.$course.id }))) }
        let courses = Dictionary(try await courseQuery.all().map { ($0.id!, $0) }) { a, _ in a }
        return done.compactMap { a in
            guard let s = sessions[a.$session.id], let c = courses[s.$course.id] else { return nil }
            return (a, c, Day(ordinal: s.day))
        }
    }

    static func coverage(_ done: [Completion], today: Day, _ db: any Database) async throws -> [(organisation: String, row: TrainingCoverage.Row)] {
        let staff = try await Person.query(on: db).filter(\.$active == true).all()
        let rows = TrainingCoverage.byOrganisation(
            staff: staff.map { ($0.id!, $0.$organisation.id) },
            completions: done.map { a, c, day in
                .init(
                    person: a.$person.id, organisation: a.$organisation.id, level: TrainingLevel(rawValue: c.level) ?? .practitioner,
                    completedOn: day,
                    refreshMonths: c.refreshMonths)
            }, today: today)
        let names = try await OrganisationsReads.names(Array(rows.keys), db)
        return rows.map { (names[$0.key] ?? "", $0.value) }.sorted { $0.organisation < $1.organisation }
    }

    /// Staff whose latest completion of a course with a refresher is due within `TrainingCurrency.soonDays` or lapsed
    /// (and not since refreshed).
    static func refreshers(_ done: [Completion], today: Day, _ db: any Database) async throws -> [Refresher] {
        var latest: [String: Completion] = [:]
        for (a, c, day) in done where c.refreshMonths != nil {
            guard let p = a.$person.id else { continue }
            let key = p.uuidString + c.id!.uuidString
            if let seen = latest[key], seen.day >= day { continue }
            latest[key] = (a, c, day)
        }
        let orgs = try await OrganisationsReads.names(Array(Set(latest.values.compactMap { $0.attendance.$organisation.id })), db)
        return latest.values.compactMap { a, c, day in
            let currency = TrainingCurrency.of(completedOn: day, refreshMonths: c.refreshMonths, today: today)
            if case .current = currency { return nil }
            return Refresher(
                person: a.attendeeName, organisation: a.$organisation.id.flatMap { orgs[$0] } ?? "", course: c.title, courseID: c.id!,
                currency: currency)
        }.sorted { $0.person < $1.person }
    }
}
