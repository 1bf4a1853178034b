import Foundation

extension ORUK {
    /// The lifecycle states HSDS 3.0 allows for a service's `status` (its only enumerated service property), so that
    /// a group that has stopped meeting can be published as such instead of disappearing from consumers' copies.
    public enum ServiceStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case active
        case inactive
        case defunct
        case temporarilyClosed = "temporarily closed"

        /// The spellings the specification lists, in its order.
        public static var specValues: [String] { allCases.map(\.rawValue) }
    }

    /// A service: in Chorus, one Directory entry (a community group's activity, a venue's offer, a connector's
    /// support). `id`, `name` and `status` are required by the specification; the arrays are nil on list endpoints,
    /// which carry one-to-one fields only, and present (possibly empty) on `/services/{id}`.
    public struct Service: Sendable, Equatable, Codable {
        public var id: String
        public var organizationID: String?
        public var name: String
        public var description: String?
        public var url: String?
        public var email: String?
        public var status: ServiceStatus
        public var assuredDate: Day?
        public var lastModified: Date?
        public var organization: Organization?
        public var serviceAtLocations: [ServiceAtLocation]?
        public var serviceAreas: [ServiceArea]?
        public var languages: [Language]?
        public var contacts: [Contact]?
        public var phones: [Phone]?
        public var attributes: [Attribute]?

        enum CodingKeys: String, CodingKey {
            case id
            case organizationID = "organization_id"
            case name
            case description
            case url
            case email
            case status
            case assuredDate = "assured_date"
            case lastModified = "last_modified"
            case organization
            case serviceAtLocations = "service_at_locations"
            case serviceAreas = "service_areas"
            case languages
            case contacts
            case phones
            case attributes
        }

        /// Every property but the three required ones defaults to absent, so callers name only what they have.
        public init(
            id: String, name: String, status: ServiceStatus, organizationID: String? = nil, description: String? = nil, url: String? = nil,
            email: String? = nil, assuredDate: Day? = nil, lastModified: Date? = nil, organization: Organization? = nil,
            serviceAtLocations: [ServiceAtLocation]? = nil, serviceAreas: [ServiceArea]? = nil, languages: [Language]? = nil,
            contacts: [Contact]? = nil, phones: [Phone]? = nil, attributes: [Attribute]? = nil
        ) {
            self.id = id
            self.organizationID = organizationID
            self.name = name
            self.description = description
            self.url = url
            self.email = email
            self.status = status
            self.assuredDate = assuredDate
            self.lastModified = lastModified
            self.organization = organization
            self.serviceAtLocations = serviceAtLocations
            self.serviceAreas = serviceAreas
            self.languages = languages
            self.contacts = contacts
            self.phones = phones
            self.attributes = attributes
        }

        /// The same service with its child arrays dropped, as the `/services` list endpoint publishes it (one-to-one
        /// fields and the embedded organization only).
        public var listed: Service {
            var copy = self
            copy.serviceAtLocations = nil
            copy.serviceAreas = nil
            copy.languages = nil
            copy.contacts = nil
            copy.phones = nil
            copy.attributes = nil
            return copy
        }
    }

    /// The organization behind a service (the group, the venue's operator, the connector's employer). The
    /// specification requires `id`, `name` and `description`.
    public struct Organization: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public var description: String
        public var email: String?
        public var website: String?

        enum CodingKeys: String, CodingKey {
            case id, name, description, email, website
        }

        /// Required properties first; contact details default to absent.
        public init(id: String, name: String, description: String, email: String? = nil, website: String? = nil) {
            self.id = id
            self.name = name
            self.description = description
            self.email = email
            self.website = website
        }
    }

    /// The kinds of location HSDS 3.0 allows for `location_type` and `address_type`: somewhere to visit, somewhere
    /// to write to, or online only.
    public enum LocationType: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case physical
        case postal
        case virtual
    }

    /// A place a service is delivered (in Chorus, a venue). `id` and `location_type` are required;
    /// `external_identifier` carries a UPRN when Chorus knows one (`external_identifier_type` "uprn").
    public struct Location: Sendable, Equatable, Codable {
        public var id: String
        public var locationType: LocationType
        public var name: String?
        public var description: String?
        public var latitude: Double?
        public var longitude: Double?
        public var externalIdentifier: String?
        public var externalIdentifierType: String?
        public var addresses: [Address]?
        public var accessibility: [Accessibility]?

        enum CodingKeys: String, CodingKey {
            case id
            case locationType = "location_type"
            case name
            case description
            case latitude
            case longitude
            case externalIdentifier = "external_identifier"
            case externalIdentifierType = "external_identifier_type"
            case addresses
            case accessibility
        }

        /// Required properties first; everything else defaults to absent.
        public init(
            id: String, locationType: LocationType, name: String? = nil, description: String? = nil, latitude: Double? = nil,
            longitude: Double? = nil, externalIdentifier: String? = nil, externalIdentifierType: String? = nil, addresses: [Address]? = nil,
            accessibility: [Accessibility]? = nil
        ) {
            self.id = id
            self.locationType = locationType
            self.name = name
            self.description = description
            self.latitude = latitude
            self.longitude = longitude
            self.externalIdentifier = externalIdentifier
            self.externalIdentifierType = externalIdentifierType
            self.addresses = addresses
            self.accessibility = accessibility
        }
    }

    /// A location's address. The specification requires `address_1`, `city`, `state_province` (for UK data, the
    /// county or unitary area), `postal_code`, `country` (ISO 3166-1 alpha-2, "GB") and `address_type`; the UK
    /// profile drops `address_2`, so further address lines are joined into `address_1`.
    public struct Address: Sendable, Equatable, Codable {
        public var id: String
        public var locationID: String?
        public var address1: String
        public var city: String
        public var region: String?
        public var stateProvince: String
        public var postalCode: String
        public var country: String
        public var addressType: LocationType

        enum CodingKeys: String, CodingKey {
            case id
            case locationID = "location_id"
            case address1 = "address_1"
            case city
            case region
            case stateProvince = "state_province"
            case postalCode = "postal_code"
            case country
            case addressType = "address_type"
        }

        /// All required properties; `country` defaults to "GB" and `address_type` to physical, Chorus's usual case.
        public init(
            id: String, address1: String, city: String, stateProvince: String, postalCode: String, country: String = "GB",
            addressType: LocationType = .physical, locationID: String? = nil, region: String? = nil
        ) {
            self.id = id
            self.locationID = locationID
            self.address1 = address1
            self.city = city
            self.region = region
            self.stateProvince = stateProvince
            self.postalCode = postalCode
            self.country = country
            self.addressType = addressType
        }
    }

    /// One accessibility feature of a location (step-free access, hearing loop), so residents can tell before they
    /// travel. Only `id` is required.
    public struct Accessibility: Sendable, Equatable, Codable {
        public var id: String
        public var locationID: String?
        public var description: String?
        public var details: String?
        public var url: String?

        enum CodingKeys: String, CodingKey {
            case id
            case locationID = "location_id"
            case description
            case details
            case url
        }

        /// `id` plus whatever is known.
        public init(id: String, locationID: String? = nil, description: String? = nil, details: String? = nil, url: String? = nil) {
            self.id = id
            self.locationID = locationID
            self.description = description
            self.details = details
            self.url = url
        }
    }

    /// The link between a service and a location where it happens, embedding the location on `/services/{id}`.
    /// Only `id` is required.
    public struct ServiceAtLocation: Sendable, Equatable, Codable {
        public var id: String
        public var serviceID: String?
        public var locationID: String?
        public var location: Location?

        enum CodingKeys: String, CodingKey {
            case id
            case serviceID = "service_id"
            case locationID = "location_id"
            case location
        }

        /// `id` plus the two ends of the link and the embedded location when published fully nested.
        public init(id: String, serviceID: String? = nil, locationID: String? = nil, location: Location? = nil) {
            self.id = id
            self.serviceID = serviceID
            self.locationID = locationID
            self.location = location
        }
    }
}
