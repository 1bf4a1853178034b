import Vapor
import Fluent
import ChorusCore

/// "You said, we did": staff editing and publishing, the public pages, unsubscribing, and the loop-closure page.
enum FeedbackRoutes {
    static func register(app: Application, html: any RoutesBuilder, staff: any RoutesBuilder) {
        let f = staff.grouped("feedback-reports")
        @Sendable func listPage(_ req: Request, errors: [FieldError] = [], input: Input? = nil) async throws -> Response {
            let user = try req.requireUser()
            let reports = try await FeedbackReport.query(on: req.db).sort(\.$updatedAt, .descending).limit(500).all()
            let titles = try await NameLookup.names(Activity.self, reports.compactMap { $0.$activity.id }, req.db) { $0.title }
            let themes = try await Theme.query(on: req.db).sort(\.$name).all()
            let themeNames = Dictionary(uniqueKeysWithValues: themes.map { ($0.id!, $0.name) })
            let reported = Set(reports.compactMap { $0.$activity.id })
            let waiting = try await Activity.query(on: req.db).filter(\.$status ~~ [ActivityStatus.closed.rawValue, ActivityStatus.reported.rawValue])
                .sort(\.$endDay, .descending).limit(500).all().filter { !reported.contains($0.id!) }
            // Edit links and "Start" buttons only where this person may use them (FeedbackService.canEdit).
            let mine = FeedbackService.canWrite(user) ? try await FeedbackService.editableActivities(user, req.db) : []
            var editable = Set<UUID>()
            for r in reports {
                switch r.scope {
                case .activity(let a): if mine?.contains(a) ?? true { editable.insert(r.id!) }
                case .theme(let t, let from, let to):
                    if mine == nil { editable.insert(r.id!); continue }
                    guard FeedbackService.canWrite(user) else { continue }
                    let organisations = try await FeedbackService.organisations(ofTheme: t, from: from, to: to, req.db)
                    if FeedbackService.canEdit(user, organisations: organisations) { editable.insert(r.id!) }
                case nil: break
                }
            }
            return FeedbackEditViews.list(req, reports: reports.map { r in
                let about: String
                switch r.scope {
                case .activity(let a): about = titles[a] ?? ""
                case .theme(let t, let from, let to): about = "Theme: \(themeNames[t] ?? ""), \(DayText.long(from)) to \(DayText.long(to))"
                case nil: about = ""
                }
                return .init(id: r.id!, title: r.title, published: r.publishedDay.map(Day.init(ordinal:)), activity: about, canEdit: editable.contains(r.id!))
            }, waiting: waiting.map { .init(id: $0.id!, title: $0.title, closed: $0.endDay.map(Day.init(ordinal:)), canStart: mine?.contains($0.id!) ?? true) },
               themes: themes, canEdit: FeedbackService.canWrite(user), errors: errors, input: input)
        }
        f.get { req in try await listPage(req) }
        f.get("outbox") { req in
            guard try req.requireUser().role.canAdministerPartnership else {
                throw Abort(.forbidden, reason: "Only a partnership admin sees the email outbox")
            }
            var counts: [String: Int] = [:]
            for status in ["pending", "sent", "failed", "cancelled"] {
                counts[status] = try await OutboxEmail.query(on: req.db).filter(\.$status == status).count()
            }
            let problems = try await OutboxEmail.query(on: req.db).group(.or) { g in
                g.filter(\.$status == OutboxEmail.Status.failed.rawValue)
                g.group(.and) { $0.filter(\.$status == OutboxEmail.Status.pending.rawValue).filter(\.$attempts > 0) }
            }.sort(\.$nextAttemptAt, .descending).sort(\.$id).limit(200).all()
            let transport = req.application.chorusConfig.smtp.map { "SMTP, \($0.redacted)" } ?? "files in the data folder's outbox (no CHORUS_SMTP_URL)"
            return OutboxView.render(req, counts: counts, problems: problems.map {
                .init(to: $0.toAddress, subject: $0.subject, status: $0.status, attempts: $0.attempts, next: $0.nextAttemptAt, reason: $0.lastError)
            }, transport: transport)
        }
        f.post { req in
            let input = try Input.form(req)
            do {
                let r = try await FeedbackService.startTheme(input, user: try req.requireUser(), on: req.db)
                return req.redirect(to: SiteURL.Feedback.edit(r.id!))
            } catch let failure as ValidationFailure {
                return try await listPage(req, errors: failure.errors, input: input)
            }
        }
        staff.post("activities", ":id", "feedback") { req in
            let r = try await FeedbackService.start(activityID: req.parameters.get("id", as: UUID.self), user: try req.requireUser(), on: req.db)
            return req.redirect(to: SiteURL.Feedback.edit(r.id!))
        }
        @Sendable func editPage(_ req: Request, errors: [FieldError], input: Input?, errorsFor: String?, notice: String?) async throws -> Response {
            let user = try req.requireUser()
            let r = try await FeedbackService.find(req.parameters.get("id", as: UUID.self), req.db)
            let translation = try await FeedbackTranslation.query(on: req.db).filter(\.$report.$id == r.id!).filter(\.$language == "ur").first()
            let organisations = FeedbackService.canWrite(user) ? try await FeedbackService.organisations(of: r, req.db) : []
            return FeedbackEditViews.edit(req, report: r, trail: try await FeedbackTrailService.load(r, req.db), translation: translation,
                                          canEdit: FeedbackService.canEdit(user, organisations: organisations),
                                          canPublish: FeedbackService.canPublish(user, organisations: organisations),
                                          errors: errors, input: input, errorsFor: errorsFor, notice: notice)
        }
        f.get(":id") { req in try await editPage(req, errors: [], input: nil, errorsFor: nil, notice: req.queryValues["notice"].map { String($0.prefix(200)) }) }
        f.post(":id") { req in
            let user = try req.requireUser()
            let r = try await FeedbackService.find(req.parameters.get("id", as: UUID.self), req.db)
            let input = try Input.form(req)
            do {
                try await FeedbackService.update(r, input, user: user, on: req.db)
                return req.redirect(to: SiteURL.with(SiteURL.Feedback.edit(r.id!), ["notice": "Report saved"]))
            } catch let failure as ValidationFailure {
                return try await editPage(req, errors: failure.errors, input: input, errorsFor: "en", notice: nil)
            }
        }
        f.post(":id", "translations", ":lang") { req in
            let user = try req.requireUser()
            let r = try await FeedbackService.find(req.parameters.get("id", as: UUID.self), req.db)
            let input = try Input.form(req)
            do {
                try await FeedbackService.saveTranslation(r, language: req.parameters.get("lang") ?? "", input, user: user, on: req.db)
                return req.redirect(to: SiteURL.with(SiteURL.Feedback.edit(r.id!), ["notice": "Translation saved"]))
            } catch let failure as ValidationFailure {
                return try await editPage(req, errors: failure.errors, input: input, errorsFor: req.parameters.get("lang"), notice: nil)
            }
        }
        f.post(":id", "publish") { req in
            let r = try await FeedbackService.find(req.parameters.get("id", as: UUID.self), req.db)
            let n = try await FeedbackService.publish(r, user: try req.requireUser(), today: Day(Date()), on: req.db, mail: req.mailContext)
            return req.redirect(to: SiteURL.with(SiteURL.Feedback.edit(r.id!), ["notice": "Published; \(n) resident\(n == 1 ? "" : "s") will be emailed"]))
        }
        staff.get("oversight", "loop-closure") { req in
            _ = try req.requireUser()
            return LoopClosureView.render(req, try await LoopClosureService.compute(req.db, today: Day(Date())))
        }

        // Public pages: no sign-in, no script.
        let p = html.grouped("you-said-we-did")
        p.get { req in
            let q = req.queryValues
            let wards = try await Place.query(on: req.db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$name).all()
            let themes = try await Theme.query(on: req.db).sort(\.$name).all()
            var errors: [FieldError] = []
            var ward: Place? = nil, theme: Theme? = nil
            if let code = q["ward"], !code.isEmpty {
                ward = wards.first { $0.code == code.uppercased() }
                if ward == nil { errors.append(FieldError("ward", req.t("ysyd.unknown_ward"))) }
            }
            if let raw = q["theme"], !raw.isEmpty {
                theme = UUID(uuidString: raw).flatMap { id in themes.first { $0.id == id } }
                if theme == nil { errors.append(FieldError("theme", req.t("ysyd.unknown_theme"))) }
            }
            let rows = errors.isEmpty ? try await FeedbackService.publicList(ward: ward?.id, theme: theme?.id, language: req.language, req.db) : []
            return PublicFeedbackViews.list(req, rows: rows, wards: wards, themes: themes, ward: q["ward"], theme: q["theme"], errors: errors)
        }
        p.get(":id") { req in
            guard let id = req.parameters.get("id", as: UUID.self), let r = try await FeedbackReport.find(id, on: req.db), r.isPublished else {
                throw Abort(.notFound)
            }
            let (text, language) = try await FeedbackService.text(r, language: req.language, req.db)
            let translated = try await FeedbackTranslation.query(on: req.db).filter(\.$report.$id == id).all().compactMap { UILanguage.named($0.language) }
            let others = ([UILanguage.english] + translated).filter { $0 != req.language }
            return PublicFeedbackViews.report(req, report: r, text: text, textLanguage: language, trail: try await FeedbackTrailService.load(r, req.db),
                                              translations: others)
        }
        html.get("unsubscribe", ":token") { req in
            let token = req.parameters.get("token") ?? ""
            guard OutboxService.address(fromToken: token, secret: req.application.sessionSecret) != nil else {
                throw Abort(.notFound)
            }
            return PublicFeedbackViews.unsubscribe(req, token: token, done: false)
        }
        // No CSRF token: the signed link is the proof, and mail clients' one-click unsubscribe (RFC 8058) posts here.
        app.grouped(SessionUserMiddleware()).post("unsubscribe", ":token") { req in
            let token = req.parameters.get("token") ?? ""
            guard let email = OutboxService.address(fromToken: token, secret: req.application.sessionSecret) else { throw Abort(.notFound) }
            try await OutboxService.unsubscribe(email, on: req.db)
            return PublicFeedbackViews.unsubscribe(req, token: token, done: true)
        }
    }
}
