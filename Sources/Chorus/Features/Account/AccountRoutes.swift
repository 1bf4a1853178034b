import Vapor
import ChorusCore

/// The account's API operation (`/me`); its pages are `AccountController`'s.
enum AccountRoutes {
    static func register(api: any RoutesBuilder, docs: APIDocs) {
        docs.addSchema(
            "Me",
            .object(
                [
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
