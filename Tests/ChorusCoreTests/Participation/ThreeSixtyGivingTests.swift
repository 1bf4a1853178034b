// The checker below is written from the 360Giving Data Standard as published in github.com/ThreeSixtyGiving/standard
// at commit 9387abcf8fa3db035b1ae9584c1ec68ae561af70 (schema $id .../1.4.3/...): schema/360-giving-schema.json (the
// grant's required fields, types and date patterns, and each field's title), schema/360-giving-package-schema.json
// ("grants" required, at least one; "version" as major.minor), codelists/geoCodeType.csv (geographic code types),
// documentation/technical/identifiers.md (360G- prefixes, org-id.guide list codes), documentation/technical/reference.md
// (Award Date YYYY-MM-DD, Last Modified a full date-time) and the 'grants' sheet of
// documentation/_static/360-giving-schema-titles-with-meta-tab-2023.xlsx (the column titles).
import Foundation
import Testing

@testable import ChorusCore

/// What the standard asks of one grant, in the words of its spreadsheet titles: a grant as column title → value,
/// whether it came from a CSV row or from the JSON.
private enum Standard360 {
    /// Required by the schema's first `oneOf` branch (a grant to an organisation), as titles.
    static let required = [
        "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
        "Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name",
    ]

    /// A sample of the schema's currency enum; the rule is three capital letters from ISO 4217.
    static let currencies: Set<String> = ["GBP", "EUR", "USD"]

    /// The distinct codes in codelists/geoCodeType.csv.
    static let geoCodeTypes: Set<String> = [
        "OA", "LSOA", "MSOA", "PAR", "WD", "UA", "NMD", "MD", "LONB", "CTY", "RGN/GOR", "WPC", "EER", "CANNET", "CSP", "PFA",
        "PUA", "NPARK", "REGD", "REGSD", "TTWA", "FRA", "LAC", "WZ", "CMWD", "LEP", "CCG", "NHSAT", "CMLAD", "CMCTY", "SA", "DZ",
        "IG", "CHP", "ROA - CPP", "ROA - Local", "HB", "CA", "SPC", "USOA", "COM", "NAWC", "CDRP", "AgricSmall", "CFA",
    ]

    static let fullDate = #"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$"#
    /// RFC 3339 date-time, as JSON Schema's "format": "date-time".
    static let dateTime =
        #"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"#
    /// Event dates may also drop the day, or the month and day.
    static let eventDate = #"^[0-9]{4}(-(0[1-9]|1[012]))?$"#
    static let number = #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$"#
    static let grantID = #"^360G-[A-Za-z0-9]+(-[A-Za-z0-9]+)*-[^\s/\\]+$"#
    static let orgID = #"^([A-Z]{2}-[A-Z0-9]+-\S+|360G-[A-Za-z0-9-]+-\S+)$"#
    static let gss = #"^[EWSN][0-9]{8}$"#

    static func matches(_ text: String, _ pattern: String) -> Bool { text.range(of: pattern, options: .regularExpression) != nil }

    /// Every way `grant` breaks the rules, one line each; empty when it keeps them all.
    static func problems(_ grant: [String: String]) -> [String] {
        var out: [String] = []
        func value(_ title: String) -> String { grant[title] ?? "" }
        for title in required where value(title).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { out.append("\(title) is missing") }
        let currency = value("Currency")
        if !currency.isEmpty && !(matches(currency, "^[A-Z]{3}$") && currencies.contains(currency)) { out.append("Currency \(currency)") }
        let amount = value("Amount Awarded")
        if !amount.isEmpty && !matches(amount, number) { out.append("Amount Awarded \(amount) is not a number") }
        let award = value("Award Date")
        if !award.isEmpty && !matches(award, fullDate) && !matches(award, dateTime) { out.append("Award Date \(award)") }
        for title in ["Planned Dates:Start Date", "Planned Dates:End Date"] {
            let d = value(title)
            if !d.isEmpty && !matches(d, fullDate) && !matches(d, dateTime) && !matches(d, eventDate) { out.append("\(title) \(d)") }
        }
        let modified = value("Last Modified")
        if !modified.isEmpty && !matches(modified, dateTime) { out.append("Last Modified \(modified) is not a date-time") }
        let id = value("Identifier")
        if !id.isEmpty && !matches(id, grantID) { out.append("Identifier \(id) has no 360G- prefix") }
        for title in ["Recipient Org:Identifier", "Funding Org:Identifier"] {
            let org = value(title)
            if !org.isEmpty && !matches(org, orgID) { out.append("\(title) \(org) has no registered prefix") }
        }
        let codeType = value("Beneficiary Location:Geographic Code Type")
        if !codeType.isEmpty && !geoCodeTypes.contains(codeType) { out.append("Geographic Code Type \(codeType) is not in the codelist") }
        let code = value("Beneficiary Location:Geographic Code")
        if !code.isEmpty && !matches(code, gss) { out.append("Geographic Code \(code) is not a GSS code") }
        if !code.isEmpty && codeType.isEmpty { out.append("Geographic Code without its type") }
        return out
    }

    /// One JSON grant as titles, checking the JSON types on the way (strings are strings, the amount a number,
    /// organisations non-empty arrays of objects); type faults are returned as problems too.
    static func flatten(_ grant: [String: Any]) -> (grant: [String: String], problems: [String]) {
        var flat: [String: String] = [:]
        var problems: [String] = []
        func string(_ key: String, _ title: String, in object: [String: Any], required: Bool = false) {
            switch object[key] {
            case let s as String: flat[title] = s
            case nil: if required { problems.append("\(key) is missing") }
            default: problems.append("\(key) is not a string")
            }
        }
        for (key, title) in [("id", "Identifier"), ("title", "Title"), ("description", "Description"), ("currency", "Currency")] {
            string(key, title, in: grant, required: true)
        }
        string("awardDate", "Award Date", in: grant, required: true)
        string("dateModified", "Last Modified", in: grant)
        if let amount = grant["amountAwarded"] as? NSNumber, !(grant["amountAwarded"] is Bool) {
            flat["Amount Awarded"] = "\(amount.decimalValue)"
        } else {
            problems.append("amountAwarded is not a number")
        }
        for (key, title) in [("recipientOrganization", "Recipient Org"), ("fundingOrganization", "Funding Org")] {
            guard let orgs = grant[key] as? [[String: Any]], let org = orgs.first else {
                problems.append("\(key) is not an array of at least one organisation")
                continue
            }
            string("id", "\(title):Identifier", in: org, required: true)
            string("name", "\(title):Name", in: org, required: true)
        }
        if let places = grant["beneficiaryLocation"] {
            if let place = (places as? [[String: Any]])?.first {
                string("name", "Beneficiary Location:Name", in: place)
                string("geoCode", "Beneficiary Location:Geographic Code", in: place)
                string("geoCodeType", "Beneficiary Location:Geographic Code Type", in: place)
            } else {
                problems.append("beneficiaryLocation is not an array of locations")
            }
        }
        if let programmes = grant["grantProgramme"] {
            if let programme = (programmes as? [[String: Any]])?.first {
                string("title", "Grant Programme:Title", in: programme)
            } else {
                problems.append("grantProgramme is not an array of programmes")
            }
        }
        if let dates = grant["plannedDates"] {
            if let event = (dates as? [[String: Any]])?.first {
                string("startDate", "Planned Dates:Start Date", in: event)
                string("endDate", "Planned Dates:End Date", in: event)
            } else {
                problems.append("plannedDates is not an array of events")
            }
        }
        return (flat, problems)
    }

    /// Every problem in a CSV export: the header row is the standard's titles, every row has a cell per column.
    static func csvProblems(_ text: String) throws -> [String] {
        let records = try CSV.parse(text)
        guard let header = records.first else { return ["no header row"] }
        var out = required.filter { !header.contains($0) }.map { "no \($0) column" }
        for (n, row) in records.dropFirst().enumerated() {
            guard row.count == header.count else {
                out.append("row \(n + 1) has \(row.count) cells for \(header.count) columns")
                continue
            }
            out += problems(Dictionary(zip(header, row), uniquingKeysWith: { a, _ in a })).map { "row \(n + 1): \($0)" }
        }
        return out
    }

    /// Every problem in a JSON data package.
    static func jsonProblems(_ data: Data) throws -> [String] {
        guard let package = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return ["not a JSON object"] }
        guard let grants = package["grants"] as? [[String: Any]], !grants.isEmpty else { return ["grants is not a non-empty array"] }
        var out: [String] = []
        if let version = package["version"], !((version as? String).map { matches($0, #"^(\d+\.)(\d+)$"#) } ?? false) {
            out.append("version \(version) is not major.minor")
        }
        for (n, grant) in grants.enumerated() {
            let (flat, typeProblems) = flatten(grant)
            out += (typeProblems + problems(flat)).map { "grant \(n): \($0)" }
        }
        return out
    }
}

@Suite struct ThreeSixtyGivingTests {
    static func at(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    static let hostile = "Park \"bench\" & <b>'fund'</b>\r\nsecond line\nthird, with comma"

    static let awards = [
        GrantRecord(
            identifier: ThreeSixtyGiving.grantIdentifier(publisherPrefix: "360G-chorus-oldham", localID: "6F9619FF-8B86-D011-B42D-00C04FC964FF"),
            title: "=HYPERLINK(\"http://evil.example\",\"Click\")", description: hostile, amountAwardedPence: 123_450,
            awardDate: at("2026-03-31T23:30:00Z"), recipientOrgIdentifier: "GB-CHC-1164883",
            recipientOrgName: "+Friends of \"Alexandra\" Park <script>\r\n@once", fundingOrgIdentifier: "GB-LAE-OLD",
            fundingOrgName: "Oldham Council", beneficiaryLocationName: "Alexandra", beneficiaryLocationCode: "E05000001",
            beneficiaryLocationCodeType: "WD", grantProgrammeTitle: "Community Match Fund 2026", plannedStart: at("2026-05-01T00:00:00Z"),
            plannedEnd: at("2026-10-31T00:00:00Z"), lastModified: at("2026-04-01T09:15:30Z")),
        GrantRecord(
            identifier: ThreeSixtyGiving.grantIdentifier(publisherPrefix: "chorus-oldham", localID: "match 2/7"),
            title: "Bulbs for the square", description: "-5 tulips, then more", amountAwardedPence: 5, awardDate: at("2026-01-02T00:00:00Z"),
            recipientOrgIdentifier: "360G-chorus-oldham-Bulb-Gang", recipientOrgName: "Bulb Gang", fundingOrgIdentifier: "GB-LAE-OLD",
            fundingOrgName: "Oldham Council", lastModified: at("2026-01-02T10:00:00Z")),
    ]

    @Test func theCSVKeepsTheStandardsRules() throws {
        let text = ThreeSixtyGiving.csv(Self.awards)
        #expect(try Standard360.csvProblems(text) == [])
        let records = try CSV.parse(text)
        #expect(records.count == 3)
        #expect(
            records[0] == [
                "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date", "Planned Dates:Start Date",
                "Planned Dates:End Date", "Recipient Org:Identifier", "Recipient Org:Name", "Beneficiary Location:Name",
                "Beneficiary Location:Geographic Code", "Beneficiary Location:Geographic Code Type", "Funding Org:Identifier",
                "Funding Org:Name", "Grant Programme:Title", "Last Modified",
            ])
        let first = Dictionary(uniqueKeysWithValues: zip(records[0], records[1]))
        #expect(first["Identifier"] == "360G-chorus-oldham-6F9619FF-8B86-D011-B42D-00C04FC964FF")
        #expect(first["Amount Awarded"] == "1234.50")
        #expect(first["Award Date"] == "2026-03-31")
        #expect(first["Planned Dates:Start Date"] == "2026-05-01")
        #expect(first["Last Modified"] == "2026-04-01T09:15:30Z")
        let second = Dictionary(uniqueKeysWithValues: zip(records[0], records[2]))
        #expect(second["Identifier"] == "360G-chorus-oldham-match_2_7")
        #expect(second["Amount Awarded"] == "0.05")
        #expect(second["Beneficiary Location:Geographic Code Type"] == "")
        #expect(text.hasSuffix("\r\n"))
    }

    @Test func hostileTextComesBackFromTheCSVWithItsFormulasDisarmed() throws {
        let records = try CSV.parse(ThreeSixtyGiving.csv(Self.awards))
        let first = Dictionary(uniqueKeysWithValues: zip(records[0], records[1]))
        // The description keeps its quotes, angle brackets, commas and line breaks exactly.
        #expect(first["Description"] == Self.hostile)
        // Cells a spreadsheet would run are given CSV's apostrophe, and are otherwise untouched.
        #expect(first["Title"] == "'" + Self.awards[0].title)
        #expect(first["Recipient Org:Name"] == "'" + Self.awards[0].recipientOrgName)
        let second = Dictionary(uniqueKeysWithValues: zip(records[0], records[2]))
        #expect(second["Description"] == "'-5 tulips, then more")
        for row in records.dropFirst() {
            for cell in row { #expect(!CSV.looksLikeFormula(cell), "\(cell)") }
        }
    }

    @Test func theJSONKeepsTheStandardsRules() throws {
        let data = ThreeSixtyGiving.json(Self.awards)
        #expect(try Standard360.jsonProblems(data) == [])
        let package = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(package.keys) == ["grants", "version"])
        #expect(package["version"] as? String == "1.4")
        let grants = try #require(package["grants"] as? [[String: Any]])
        #expect(grants.count == 2)
        let first = grants[0]
        #expect(first["title"] as? String == Self.awards[0].title)
        #expect(first["description"] as? String == Self.hostile)
        #expect((first["amountAwarded"] as? NSNumber)?.decimalValue == Decimal(string: "1234.5"))
        #expect(first["awardDate"] as? String == "2026-03-31")
        #expect(first["dateModified"] as? String == "2026-04-01T09:15:30Z")
        let recipient = try #require((first["recipientOrganization"] as? [[String: String]])?.first)
        #expect(recipient == ["id": "GB-CHC-1164883", "name": Self.awards[0].recipientOrgName])
        #expect(first["fundingOrganization"] as? [[String: String]] == [["id": "GB-LAE-OLD", "name": "Oldham Council"]])
        #expect(first["beneficiaryLocation"] as? [[String: String]] == [["name": "Alexandra", "geoCode": "E05000001", "geoCodeType": "WD"]])
        #expect(first["grantProgramme"] as? [[String: String]] == [["title": "Community Match Fund 2026"]])
        #expect(first["plannedDates"] as? [[String: String]] == [["startDate": "2026-05-01", "endDate": "2026-10-31"]])
        // Optional fields with nothing in them are left out, not written as null or "".
        #expect(
            Set(grants[1].keys) == [
                "id", "title", "description", "currency", "amountAwarded", "awardDate", "recipientOrganization", "fundingOrganization",
                "dateModified",
            ])
        // Sorted keys, and the amount written from pence without a binary fraction.
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasPrefix(#"{"grants":[{"amountAwarded":1234.5,"awardDate":"2026-03-31","beneficiaryLocation":"#))
        #expect(text.contains(#""amountAwarded":0.05,"#))
        #expect(text.hasSuffix(#"],"version":"1.4"}"#))
    }

    @Test func moneyIsWrittenFromPenceExactly() throws {
        #expect(ThreeSixtyGiving.pounds(0) == "0.00")
        #expect(ThreeSixtyGiving.pounds(7) == "0.07")
        #expect(ThreeSixtyGiving.pounds(1_000) == "10.00")
        #expect(ThreeSixtyGiving.pounds(123_456_789_01) == "123456789.01")
        #expect(ThreeSixtyGiving.pounds(-250) == "-2.50")
        #expect(ThreeSixtyGiving.pounds(Int.max) == "92233720368547758.07")
        var big = Self.awards[1]
        big.amountAwardedPence = 999_999_999_999_99
        let text = try #require(String(data: ThreeSixtyGiving.json([big]), encoding: .utf8))
        #expect(text.contains(#""amountAwarded":999999999999.99,"#))
    }

    @Test func datesAreWrittenInUTC() {
        var late = Self.awards[1]
        // 00:30 on 1 April in London (BST) is still 31 March in UTC.
        late.awardDate = Self.at("2026-04-01T00:30:00+01:00")
        #expect(ThreeSixtyGiving.csv([late]).contains(",2026-03-31,"))
    }

    @Test func theCheckerFailsABadRecord() throws {
        var bad = Self.awards[0]
        bad.recipientOrgIdentifier = ""
        bad.fundingOrgIdentifier = "Oldham Council"
        bad.identifier = "chorus-oldham-1"
        bad.currency = "pounds"
        bad.beneficiaryLocationCode = "Alexandra ward"
        bad.beneficiaryLocationCodeType = "ward"
        let expected = [
            "Recipient Org:Identifier is missing", "Currency pounds", "Identifier chorus-oldham-1 has no 360G- prefix",
            "Funding Org:Identifier Oldham Council has no registered prefix", "Geographic Code Type ward is not in the codelist",
            "Geographic Code Alexandra ward is not a GSS code",
        ]
        #expect(try Standard360.csvProblems(ThreeSixtyGiving.csv([bad])) == expected.map { "row 1: \($0)" })
        #expect(try Standard360.jsonProblems(ThreeSixtyGiving.json([bad])) == expected.map { "grant 0: \($0)" })
        // And what the writers cannot produce but a hand-edited file can.
        #expect(Standard360.problems(["Amount Awarded": "£1,234.50", "Award Date": "31/03/2026", "Last Modified": "2026-04-01"]).count == 11)
        let wrongTypes =
            #"{"grants":[{"id":"360G-a-1","title":"t","description":"d","currency":"GBP","amountAwarded":"12","awardDate":"2026-01-01","recipientOrganization":[],"fundingOrganization":[{"id":"GB-LAE-OLD","name":"Oldham"}]}]}"#
        #expect(
            try Standard360.jsonProblems(Data(wrongTypes.utf8)) == [
                "grant 0: amountAwarded is not a number", "grant 0: recipientOrganization is not an array of at least one organisation",
                "grant 0: Amount Awarded is missing", "grant 0: Recipient Org:Identifier is missing", "grant 0: Recipient Org:Name is missing",
            ])
        #expect(try Standard360.jsonProblems(ThreeSixtyGiving.json([])) == ["grants is not a non-empty array"])
    }

    @Test func organisationIdentifiers() {
        for good in [
            "GB-CHC-1164883", "GB-COH-01234567", "GB-COH-SC123456", "GB-LAE-OLD", "GB-NHS-RW6", "GB-SC-SC012345", "XI-GRID-grid.1234.5",
            "360G-chorus-oldham-Bulb-Gang",
        ] {
            #expect(ThreeSixtyGiving.organisationIdentifierProblem(good) == nil, "\(good)")
            #expect(Standard360.matches(good, Standard360.orgID), "\(good)")
        }
        let cases: [(String, String)] = [
            ("", "Enter the organisation's identifier"), ("  ", "Enter the organisation's identifier"),
            ("1164883", "must start with a registered prefix such as GB-CHC-"), ("Oldham Council", "no spaces"),
            ("GB-CHC-116 4883", "no spaces"), ("GB-CHC-1164883\n", "no spaces"), ("gb-chc-1164883", "in capitals: GB-CHC-"),
            ("GB-CHC-", "must start with a registered prefix"), ("GB-CHC", "must start with a registered prefix"),
            ("GBR-CHC-1164883", "must start with a registered prefix"), ("GB-COH-1234567", "leading zeros"),
            ("360g-chorus-x", "360G- in capitals"), ("360G-chorus", "publisher prefix then"), ("360G--x", "publisher prefix then"),
        ]
        for (bad, says) in cases {
            let problem = ThreeSixtyGiving.organisationIdentifierProblem(bad)
            #expect(problem?.contains(says) == true, "\(bad): \(problem ?? "nil")")
        }
    }

    @Test func grantIdentifiers() {
        #expect(ThreeSixtyGiving.grantIdentifier(publisherPrefix: "chorus-oldham", localID: "42") == "360G-chorus-oldham-42")
        #expect(ThreeSixtyGiving.grantIdentifier(publisherPrefix: "360G-chorus-oldham", localID: "42") == "360G-chorus-oldham-42")
        #expect(ThreeSixtyGiving.grantIdentifier(publisherPrefix: "Oldham2", localID: "a b/c\\d\u{e9}.e_f-g") == "360G-Oldham2-a_b_c_d_.e_f-g")
        #expect(ThreeSixtyGiving.publisherPrefixProblem("chorus-oldham") == nil)
        #expect(ThreeSixtyGiving.publisherPrefixProblem("360G-chorus") == nil)
        for bad in ["", "360G-", "chorus oldham", "chorus_oldham", "-chorus", "chorus-", "chorus--oldham", "ch\u{f6}rus"] {
            #expect(ThreeSixtyGiving.publisherPrefixProblem(bad) != nil, "\(bad)")
        }
    }
}
