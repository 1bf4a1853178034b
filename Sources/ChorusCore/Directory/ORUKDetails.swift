import Foundation

extension ORUK {
    /// A classification scheme (for Chorus, its own Directory categories, or a national one such as the LGA's
    /// service list). The specification requires `id`, `name` and `description`.
    public struct Taxonomy: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public var description: String
        public var uri: String?
        public var version: String?

        enum CodingKeys: String, CodingKey {
            case id, name, description, uri, version
        }

        /// Required properties first; `uri` and `version` default to absent.
        public init(id: String, name: String, description: String, uri: String? = nil, version: String? = nil) {
            self.id = id
            self.name = name
            self.description = description
            self.uri = uri
            self.version = version
        }
    }

    /// One term of a taxonomy ("Carers", "Youth clubs"). The specification requires `id`, `name` and
    /// `description`; `taxonomy_id` ties it to its ``Taxonomy`` and `parent_id` to a broader term.
    public struct TaxonomyTerm: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public var description: String
        public var parentID: String?
        public var taxonomy: String?
        public var taxonomyID: String?
        public var termURI: String?

        enum CodingKeys: String, CodingKey {
            case id
            case name
            case description
            case parentID = "parent_id"
            case taxonomy
            case taxonomyID = "taxonomy_id"
            case termURI = "term_uri"
        }

        /// Required properties first; the links default to absent.
        public init(
            id: String, name: String, description: String, parentID: String? = nil, taxonomy: String? = nil, taxonomyID: String? = nil,
            termURI: String? = nil
        ) {
            self.id = id
            self.name = name
            self.description = description
            self.parentID = parentID
            self.taxonomy = taxonomy
            self.taxonomyID = taxonomyID
            self.termURI = termURI
        }
    }

    /// The link from a service (or other object) to a taxonomy term, embedding the term on `/services/{id}`. Only
    /// `id` is required; Chorus always fills `taxonomy_term_id`, `link_entity` and `link_id` so the link reads on
    /// its own.
    public struct Attribute: Sendable, Equatable, Codable {
        public var id: String
        public var linkID: String?
        public var linkType: String?
        public var linkEntity: String?
        public var taxonomyTermID: String?
        public var value: String?
        public var taxonomyTerm: TaxonomyTerm?

        enum CodingKeys: String, CodingKey {
            case id
            case linkID = "link_id"
            case linkType = "link_type"
            case linkEntity = "link_entity"
            case taxonomyTermID = "taxonomy_term_id"
            case value
            case taxonomyTerm = "taxonomy_term"
        }

        /// `id` plus whatever parts of the link are known.
        public init(
            id: String, taxonomyTermID: String? = nil, linkID: String? = nil, linkType: String? = nil, linkEntity: String? = nil,
            value: String? = nil, taxonomyTerm: TaxonomyTerm? = nil
        ) {
            self.id = id
            self.linkID = linkID
            self.linkType = linkType
            self.linkEntity = linkEntity
            self.taxonomyTermID = taxonomyTermID
            self.value = value
            self.taxonomyTerm = taxonomyTerm
        }
    }

    /// An area a service covers (a ward, a parish, the whole council area). Only `id` is required; `extent` carries
    /// a GSS code or GeoJSON and `extent_type` says which, `uri` may point at the area's definition.
    public struct ServiceArea: Sendable, Equatable, Codable {
        public var id: String
        public var serviceID: String?
        public var name: String?
        public var extent: String?
        public var extentType: String?
        public var uri: String?

        enum CodingKeys: String, CodingKey {
            case id
            case serviceID = "service_id"
            case name
            case extent
            case extentType = "extent_type"
            case uri
        }

        /// `id` plus whatever describes the area.
        public init(
            id: String, serviceID: String? = nil, name: String? = nil, extent: String? = nil, extentType: String? = nil, uri: String? = nil
        ) {
            self.id = id
            self.serviceID = serviceID
            self.name = name
            self.extent = extent
            self.extentType = extentType
            self.uri = uri
        }
    }

    /// A language a service is offered in, so residents who do not speak English can find help they can use. Only
    /// `id` is required; `code` is an ISO 639 code where known.
    public struct Language: Sendable, Equatable, Codable {
        public var id: String
        public var serviceID: String?
        public var name: String?
        public var code: String?

        enum CodingKeys: String, CodingKey {
            case id
            case serviceID = "service_id"
            case name
            case code
        }

        /// `id` plus the language's name and code when known.
        public init(id: String, serviceID: String? = nil, name: String? = nil, code: String? = nil) {
            self.id = id
            self.serviceID = serviceID
            self.name = name
            self.code = code
        }
    }

    /// A named person or role to contact about a service (a group's organiser, a connector). Only `id` is required.
    public struct Contact: Sendable, Equatable, Codable {
        public var id: String
        public var serviceID: String?
        public var name: String?
        public var title: String?
        public var email: String?
        public var phones: [Phone]?

        enum CodingKeys: String, CodingKey {
            case id
            case serviceID = "service_id"
            case name
            case title
            case email
            case phones
        }

        /// `id` plus whatever is published about the person.
        public init(id: String, serviceID: String? = nil, name: String? = nil, title: String? = nil, email: String? = nil, phones: [Phone]? = nil) {
            self.id = id
            self.serviceID = serviceID
            self.name = name
            self.title = title
            self.email = email
            self.phones = phones
        }
    }

    /// A telephone number for a service or contact. The specification requires `id` and `number`.
    public struct Phone: Sendable, Equatable, Codable {
        public var id: String
        public var serviceID: String?
        public var contactID: String?
        public var number: String
        public var description: String?

        enum CodingKeys: String, CodingKey {
            case id
            case serviceID = "service_id"
            case contactID = "contact_id"
            case number
            case description
        }

        /// Required properties first; the owner links and description default to absent.
        public init(id: String, number: String, serviceID: String? = nil, contactID: String? = nil, description: String? = nil) {
            self.id = id
            self.serviceID = serviceID
            self.contactID = contactID
            self.number = number
            self.description = description
        }
    }
}
