import Foundation

/// The OpenAPI document of the Open Referral UK read API, which the API's root names as its `openapi_url`: every
/// path, its parameters and its answers. The objects themselves are the standard's (HSDS 3.0, UK profile): the document
/// points at it rather than repeating its schemas.
enum DirectoryORUKOpenAPI {
    /// A GET operation: what it returns, its query parameters by name, and whether it takes an `{id}`.
    private struct Operation: Sendable {
        let path: String
        let summary: String
        let query: [String]
        let byID: Bool
    }

    private static var parameters: [String: (String, [String: Any])] {
        [
            "page": ("The page, from 1", ["type": "integer", "minimum": 1, "default": 1]),
            "per_page": ("Items a page, at most 200", ["type": "integer", "minimum": 1, "maximum": 200, "default": 50]),
            "search": ("Words in the name or description", ["type": "string"]),
            "text": ("The same as search", ["type": "string"]),
            "taxonomy_id": ("Only services with a term of this taxonomy", ["type": "string", "format": "uuid"]),
            "taxonomy_term_id": ("Only services with this term", ["type": "string", "format": "uuid"]),
            "modified_after": ("Only services changed after this date-time (or day)", ["type": "string"]),
        ]
    }

    private static let operations: [Operation] = [
        Operation(
            path: "/services", summary: "Services (groups and venues), paged",
            query: ["page", "per_page", "search", "text", "taxonomy_id", "taxonomy_term_id", "modified_after"], byID: false),
        Operation(path: "/services/{id}", summary: "One service, fully nested", query: [], byID: true),
        Operation(path: "/organizations", summary: "Organizations, paged", query: ["page", "per_page", "search", "text"], byID: false),
        Operation(path: "/organizations/{id}", summary: "One organization", query: [], byID: true),
        Operation(path: "/service_at_locations", summary: "Services at their locations, paged", query: ["page", "per_page"], byID: false),
        Operation(path: "/service_at_locations/{id}", summary: "One service at its location", query: [], byID: true),
        Operation(path: "/taxonomies", summary: "Taxonomies, paged", query: ["page", "per_page"], byID: false),
        Operation(path: "/taxonomies/{id}", summary: "One taxonomy", query: [], byID: true),
        Operation(path: "/taxonomy_terms", summary: "Taxonomy terms, paged", query: ["page", "per_page", "taxonomy_id"], byID: false),
        Operation(path: "/taxonomy_terms/{id}", summary: "One taxonomy term", query: [], byID: true),
    ]

    /// The document, as JSON, for a server at `base` (the API's own base URL).
    static func document(base: String) -> Data {
        var paths: [String: Any] = [
            "/": ["get": ["summary": "The API's version and profile", "responses": ["200": ["description": "version, profile and openapi_url"]]]]
        ]
        for op in operations {
            var parameters: [[String: Any]] = op.query.compactMap { name in
                Self.parameters[name].map { ["name": name, "in": "query", "required": false, "description": $0.0, "schema": $0.1] }
            }
            if op.byID { parameters.append(["name": "id", "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]) }
            var responses: [String: Any] = [
                "200": [
                    "description": op.byID ? "The object, as HSDS 3.0 (UK profile) defines it" : "A page: the HSDS paging envelope around `contents`"
                ],
                "400": ["description": "A parameter is not valid: the answer names it"],
            ]
            if op.byID { responses["404"] = ["description": "No such object"] }
            paths[op.path] = ["get": ["summary": op.summary, "parameters": parameters, "responses": responses]]
        }
        let doc: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Chorus directory: Open Referral UK", "version": "3.0",
                "description":
                    "Community groups and venues in Open Referral UK (HSDS 3.0, UK profile: https://openreferraluk.org). Read only, public.",
            ],
            "servers": [["url": base]],
            "paths": paths,
        ]
        return (try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
