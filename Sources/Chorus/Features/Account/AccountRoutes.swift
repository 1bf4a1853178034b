import Vapor
import ChorusCore

enum AccountRoutes {
    static func register(html: any RoutesBuilder, staff: any RoutesBuilder, api: any RoutesBuilder, docs: APIDocs) {
        html.get("sign-in") { req in
            if req.currentUser != nil { return req.redirect(to: SiteURL.safeBack(req.queryValues["back"])) }
            return AccountViews.signIn(req, email: "", errors: [], status: .ok)
        }
        html.post("sign-in") { req in
            let form = try Input.form(req)
            var v = Validator()
            let email = v.required("email", form["email"], label: "Email address", max: 254)
            if (form["password"] ?? "").isEmpty { v.add("password", req.t("signin.enter_password")) }
            if !v.errors.isEmpty { return AccountViews.signIn(req, email: email, errors: v.errors, status: .badRequest) }
            let address = req.remoteAddress?.ipAddress ?? "unknown"
            switch try await AccountService.signIn(email: email, password: form["password"] ?? "", address: address, req: req) {
            case .wrongCredentials:
                return AccountViews.signIn(req, email: email, errors: [FieldError("email", req.t("signin.wrong"))], status: .unauthorized)
            case .locked(let minutes):
                return AccountViews.signIn(req, email: email, errors: [FieldError("email", req.t("signin.locked", minutes))], status: .tooManyRequests)
            case .success(let id):
                let response = req.redirect(to: SiteURL.safeBack(form["back"]))
                try await req.gatedWrite { try await StaffSessions.start(for: id, req: req, response: response) }
                return response
            }
        }.gatesItsOwnWrites()   // the password check (bcrypt) runs outside the write gate
        html.post("sign-out") { req in
            let response = req.redirect(to: SiteURL.signIn)
            try await StaffSessions.end(req: req, response: response)
            return response
        }
        html.get("language", ":code") { req in
            guard let lang = UILanguage.named(req.parameters.get("code")) else { throw Abort(.notFound) }
            let response = req.redirect(to: SiteURL.safeBack(req.queryValues["back"]))
            response.cookies[Request.languageCookie] = HTTPCookies.Value(
                string: lang.code, maxAge: 365 * 24 * 3600, path: "/",
                isSecure: req.application.chorusConfig.secureCookies, isHTTPOnly: true, sameSite: .lax)
            return response
        }
        html.get("invitation", ":token") { req in
            guard let token = req.parameters.get("token"), let inv = try await PeopleService.invitation(token: token, db: req.db) else {
                throw Abort(.notFound)
            }
            return AccountViews.invitation(req, name: inv.person.name, email: inv.person.email, token: token, errors: [])
        }
        html.post("invitation", ":token") { req in
            let token = req.parameters.get("token") ?? ""
            let form = try Input.form(req)
            do {
                let person = try await PeopleService.acceptInvitation(token: token, password: form["password"] ?? "", confirm: form["confirm"] ?? "",
                                                                     db: req.db, cost: req.application.chorusConfig.bcryptCost, app: req.application)
                let response = req.redirect(to: SiteURL.home)
                try await StaffSessions.start(for: person.id!, req: req, response: response)
                return response
            } catch let failure as ValidationFailure {
                guard let inv = try await PeopleService.invitation(token: token, db: req.db) else { throw Abort(.notFound) }
                return AccountViews.invitation(req, name: inv.person.name, email: inv.person.email, token: token, errors: failure.errors)
            }
        }

        staff.get("account", "tokens") { req in
            let user = try req.requireUser()
            return AccountViews.tokens(req, tokens: try await AccountService.tokens(for: user, db: req.db), newSecret: nil, errors: [])
        }
        staff.post("account", "tokens") { req in
            let user = try req.requireUser()
            let form = try Input.form(req)
            do {
                let secret = try await AccountService.createToken(name: form["name"], user: user, db: req.db)
                return AccountViews.tokens(req, tokens: try await AccountService.tokens(for: user, db: req.db), newSecret: secret, errors: [])
            } catch let failure as ValidationFailure {
                return AccountViews.tokens(req, tokens: try await AccountService.tokens(for: user, db: req.db), newSecret: nil,
                                           errors: failure.errors, status: .badRequest)
            }
        }
        staff.post("account", "tokens", ":id", "revoke") { req in
            try await AccountService.revokeToken(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), db: req.db)
            return req.redirect(to: SiteURL.apiTokens)
        }

        docs.addSchema("Me", .object([
            "id": .string(format: "uuid"), "name": .string(), "email": .string(format: "email"),
            "role": .string(enumValues: Role.allCases.map(\.rawValue)), "organisation_id": .string(format: "uuid"),
            "organisation_name": .string(),
        ], required: ["id", "name", "email", "role", "organisation_id", "organisation_name"]))
        docs.route(api, .GET, "/me", summary: "The person the token belongs to", tag: "account", response: .ref("Me")) { req in
            let u = try req.requireUser()
            return try APIResponse.json([
                "id": u.id.uuidString, "name": u.name, "email": u.email, "role": u.role.rawValue,
                "organisation_id": u.organisationID.uuidString, "organisation_name": u.organisationName,
            ])
        }
    }
}
