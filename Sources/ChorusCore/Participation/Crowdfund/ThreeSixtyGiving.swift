import Foundation

/// One match-fund award, as the 360Giving Data Standard describes a grant: the record a council or funder publishes
/// so that its civic crowdfunding awards can be found and added up alongside every other UK funder's grants.
/// Money is whole pence so that nothing is lost to floating point on the way to the file.
public struct GrantRecord: Sendable, Equatable {
    /// The grant's identifier, "360G-<publisher prefix>-<local id>" (see `ThreeSixtyGiving.grantIdentifier`).
    public var identifier: String
    public var title: String
    public var description: String
    /// ISO 4217 code, such as "GBP".
    public var currency: String
    /// Written in pounds with two decimals in CSV ("1234.50"), as a JSON number in JSON (1234.5).
    public var amountAwardedPence: Int
    /// Written as a UTC date, YYYY-MM-DD: the standard says the time of an award date is never significant.
    public var awardDate: Date
    /// An org-id.guide identifier ("GB-CHC-1234567") or, for a group with no registered number, "360G-<publisher>-…".
    public var recipientOrgIdentifier: String
    public var recipientOrgName: String
    public var fundingOrgIdentifier: String
    public var fundingOrgName: String
    public var beneficiaryLocationName: String?
    /// A GSS code such as E05000001 (a ward in England).
    public var beneficiaryLocationCode: String?
    /// A value from the standard's geoCodeType codelist, such as "WD" for an electoral ward.
    public var beneficiaryLocationCodeType: String?
    public var grantProgrammeTitle: String?
    /// Written as UTC dates, YYYY-MM-DD.
    public var plannedStart: Date?
    public var plannedEnd: Date?
    /// Written as a full UTC date-time, as the standard requires for Last Modified.
    public var lastModified: Date

    public init(
        identifier: String, title: String, description: String, currency: String = "GBP", amountAwardedPence: Int, awardDate: Date,
        recipientOrgIdentifier: String, recipientOrgName: String, fundingOrgIdentifier: String, fundingOrgName: String,
        beneficiaryLocationName: String? = nil, beneficiaryLocationCode: String? = nil, beneficiaryLocationCodeType: String? = nil,
        grantProgrammeTitle: String? = nil, plannedStart: Date? = nil, plannedEnd: Date? = nil, lastModified: Date
    ) {
        self.identifier = identifier
        self.title = title
        self.description = description
        self.currency = currency
        self.amountAwardedPence = amountAwardedPence
        self.awardDate = awardDate
        self.recipientOrgIdentifier = recipientOrgIdentifier
        self.recipientOrgName = recipientOrgName
        self.fundingOrgIdentifier = fundingOrgIdentifier
        self.fundingOrgName = fundingOrgName
        self.beneficiaryLocationName = beneficiaryLocationName
        self.beneficiaryLocationCode = beneficiaryLocationCode
        self.beneficiaryLocationCodeType = beneficiaryLocationCodeType
        self.grantProgrammeTitle = grantProgrammeTitle
        self.plannedStart = plannedStart
        self.plannedEnd = plannedEnd
        self.lastModified = lastModified
    }
}

/// Match-fund awards written in the 360Giving Data Standard (version 1.4), so that 360Giving's Data Quality Checker,
/// GrantNav and 360Insights can read them: a one-sheet CSV with the standard's column titles, and the JSON data
/// package. Also the identifier rules a form needs to check what staff type in.
public enum ThreeSixtyGiving {
    /// The standard's version ("major.minor") that `json` declares in the package's `version` field.
    public static let standardVersion = "1.4"

    /// The column titles, in the order of the standard's spreadsheet template ('grants' sheet), each the title of the
    /// schema field it carries: `id` "Identifier", `recipientOrganization/0/id` "Recipient Org:Identifier", and so on.
    public static let columns = [
        "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
        "Planned Dates:Start Date", "Planned Dates:End Date",
        "Recipient Org:Identifier", "Recipient Org:Name",
        "Beneficiary Location:Name", "Beneficiary Location:Geographic Code", "Beneficiary Location:Geographic Code Type",
        "Funding Org:Identifier", "Funding Org:Name",
        "Grant Programme:Title",
        "Last Modified",
    ]

    /// The CSV (one row per grant, header row of the standard's column titles), RFC 4180, via `CSV.write`: a cell
    /// that a spreadsheet could run as a formula gets CSV's apostrophe, the same as every other export.
    public static func csv(_ grants: [GrantRecord]) -> String {
        let rows = grants.map { g in
            [
                g.identifier, g.title, g.description, g.currency, pounds(g.amountAwardedPence), day(g.awardDate),
                g.plannedStart.map(day) ?? "", g.plannedEnd.map(day) ?? "",
                g.recipientOrgIdentifier, g.recipientOrgName,
                g.beneficiaryLocationName ?? "", g.beneficiaryLocationCode ?? "", g.beneficiaryLocationCodeType ?? "",
                g.fundingOrgIdentifier, g.fundingOrgName,
                g.grantProgrammeTitle ?? "",
                ISOTime.string(g.lastModified),
            ]
        }
        return CSV.write(header: columns, rows: rows)
    }

    /// The JSON data package {"grants":[…],"version":"1.4"}, sorted keys, UTF-8. The package schema asks for at least
    /// one grant, so a file for no grants is not one to publish. Optional fields that are nil are left out.
    public static func json(_ grants: [GrantRecord]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only strings, Decimals and arrays of them: encoding cannot fail.
        return try! encoder.encode(Package(grants: grants.map(Grant.init), version: standardVersion))
    }

    /// Nil when `identifier` looks like an org-id.guide organisation identifier ("GB-CHC-1164883") or a 360G- one
    /// ("360G-chorus-oldham-friends-of-alexandra-park"); else a plain-English problem to show beside the form field.
    public static func organisationIdentifierProblem(_ identifier: String) -> String? {
        let id = identifier
        let examples =
            "such as GB-CHC- (a charity in England and Wales), GB-COH- (a company) or GB-LAE- (an English council), "
            + "or your 360G- prefix for a group with no registered number"
        if id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return "Enter the organisation's identifier: a registered prefix and number \(examples)."
        }
        if id.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            return "An organisation identifier has no spaces or line breaks: write it like GB-CHC-1164883."
        }
        let parts = id.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        if parts[0].uppercased() == "360G" {
            guard parts[0] == "360G" else { return "A 360Giving identifier starts with 360G- in capitals." }
            guard parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty else {
                return "A 360G- identifier is your publisher prefix then the organisation's own reference, like 360G-chorus-friends-of-the-park."
            }
            return nil
        }
        guard parts.count == 3, isCountry(parts[0]), isListCode(parts[1]), !parts[2].isEmpty, !parts[2].hasPrefix("-") else {
            if parts.count == 3, isCountry(parts[0].uppercased()), isListCode(parts[1].uppercased()), !parts[2].isEmpty {
                return "The prefix of an organisation identifier is in capitals: \(parts[0].uppercased())-\(parts[1].uppercased())-."
            }
            return "An organisation identifier must start with a registered prefix \(examples)."
        }
        if parts[0] == "GB" && parts[1] == "COH" && parts[2].count < 8 {
            return "UK company numbers have eight characters: keep any leading zeros (GB-COH-01234567)."
        }
        return nil
    }

    /// Nil when `prefix` can be a 360Giving publisher prefix (letters, digits and single hyphens, with or without its
    /// leading "360G-"); else why not.
    public static func publisherPrefixProblem(_ prefix: String) -> String? {
        let bare = withoutRegistryPart(prefix)
        if bare.isEmpty { return "Enter the 360Giving publisher prefix you registered, such as 360G-chorus-oldham." }
        let allowed = bare.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        if !allowed || bare.hasPrefix("-") || bare.hasSuffix("-") || bare.contains("--") {
            return "A 360Giving publisher prefix has only letters, digits and single hyphens, such as 360G-chorus-oldham."
        }
        return nil
    }

    /// A grant identifier: "360G-" + publisher prefix + "-" + local id. The prefix may be given with or without its
    /// "360G-"; it must pass `publisherPrefixProblem` (a configuration mistake, so a precondition). In the local id,
    /// anything but letters, digits, hyphens, underscores and full stops becomes "_", as the standard recommends for
    /// spaces and special characters (and slashes, which break some applications).
    public static func grantIdentifier(publisherPrefix: String, localID: String) -> String {
        precondition(publisherPrefixProblem(publisherPrefix) == nil, "not a 360Giving publisher prefix: \(publisherPrefix)")
        precondition(!localID.isEmpty, "a grant identifier needs a local id")
        var local = String.UnicodeScalarView()
        for s in localID.unicodeScalars {
            let keep = s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == ".")
            local.append(keep ? s : "_")
        }
        return "360G-" + withoutRegistryPart(publisherPrefix) + "-" + String(local)
    }

    // MARK: - Writing values

    /// Integer pence as pounds with exactly two decimals: 123450 → "1234.50", -5 → "-0.05".
    static func pounds(_ pence: Int) -> String { MoneyText.decimal(Int64(pence)) }

    /// The UTC calendar date, YYYY-MM-DD.
    static func day(_ date: Date) -> String { String(ISOTime.string(date).prefix(10)) }

    private static func withoutRegistryPart(_ prefix: String) -> String {
        prefix.uppercased().hasPrefix("360G-") ? String(prefix.dropFirst(5)) : prefix
    }

    private static func isCountry(_ s: Substring) -> Bool {
        s.count == 2 && s.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }

    private static func isListCode(_ s: Substring) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    private static func isCountry(_ s: String) -> Bool { isCountry(Substring(s)) }
    private static func isListCode(_ s: String) -> Bool { isListCode(Substring(s)) }

    // MARK: - The JSON shape (schema/360-giving-package-schema.json and 360-giving-schema.json)

    private struct Package: Encodable {
        let grants: [Grant]
        let version: String
    }

    private struct Organization: Encodable {
        let id: String
        let name: String
    }

    private struct Location: Encodable {
        let name: String?
        let geoCode: String?
        let geoCodeType: String?
    }

    private struct Programme: Encodable {
        let title: String
    }

    private struct Event: Encodable {
        let startDate: String?
        let endDate: String?
    }

    private struct Grant: Encodable {
        let id: String
        let title: String
        let description: String
        let currency: String
        let amountAwarded: Decimal
        let awardDate: String
        let recipientOrganization: [Organization]
        let fundingOrganization: [Organization]
        let beneficiaryLocation: [Location]?
        let grantProgramme: [Programme]?
        let plannedDates: [Event]?
        let dateModified: String

        init(_ g: GrantRecord) {
            id = g.identifier
            title = g.title
            description = g.description
            currency = g.currency
            // Exact: the pence are the significand, so 123450 is 1234.50 with no binary fraction in between.
            amountAwarded = Decimal(
                sign: g.amountAwardedPence < 0 ? .minus : .plus, exponent: -2, significand: Decimal(g.amountAwardedPence.magnitude))
            awardDate = ThreeSixtyGiving.day(g.awardDate)
            recipientOrganization = [Organization(id: g.recipientOrgIdentifier, name: g.recipientOrgName)]
            fundingOrganization = [Organization(id: g.fundingOrgIdentifier, name: g.fundingOrgName)]
            let place = Location(name: g.beneficiaryLocationName, geoCode: g.beneficiaryLocationCode, geoCodeType: g.beneficiaryLocationCodeType)
            beneficiaryLocation = place.name == nil && place.geoCode == nil && place.geoCodeType == nil ? nil : [place]
            grantProgramme = g.grantProgrammeTitle.map { [Programme(title: $0)] }
            let dates = Event(startDate: g.plannedStart.map(ThreeSixtyGiving.day), endDate: g.plannedEnd.map(ThreeSixtyGiving.day))
            plannedDates = dates.startDate == nil && dates.endDate == nil ? nil : [dates]
            dateModified = ISOTime.string(g.lastModified)
        }
    }
}
