import Testing
@testable import ChorusCore

@Suite struct PostcodeRedactionTests {
    @Test func fullPostcodesKeepTheirSector() {
        let r = PIIRedactor.redact("I live at HB3 4QT, near the park.")
        #expect(r.text == "I live at HB3 4 [postcode], near the park.")
        #expect(r.postcodeSectors == ["HB3 4"])
        #expect(r.redactions.first?.original == "HB3 4QT")
    }

    /// Issue 17.8: "HS2 4AB" was shown as "HS2 4[postcode]"; the sector digit and the token are two things.
    @Test func theSectorAndTheTokenAreSeparatedByASpace() {
        let r = PIIRedactor.redact("Damp in every room at HS2 4AB, Mrs Patel at 14 Acacia Avenue too")
        #expect(r.text == "Damp in every room at HS2 4 [postcode], Mrs [name] at [address] too")
        #expect(r.redactions.map(\.replacement) == ["HS2 4 [postcode]", "[name]", "[address]"])
        #expect(r.postcodeSectors == ["HS2 4"], "the sector recorded for mapping has no token or trailing space")
        // Every other token replaces exactly the span it stands for: the text around it keeps its own spacing.
        for kind in PIIKind.allCases where kind != .postcode { #expect(kind.token.first == "[" && kind.token.last == "]") }
        #expect(PIIRedactor.redact(r.text).text == r.text)
    }

    @Test func inSentencesAtTheEndAnyCaseWithOrWithoutTheSpace() {
        #expect(piiRedacted("Postcode hb3 4qt") == "Postcode HB3 4 [postcode]")
        #expect(piiRedacted("We are in HB34QT!") == "We are in HB3 4 [postcode]!")
        #expect(piiRedacted("(SW1A 1AA)") == "(SW1A 1 [postcode])")
        #expect(
            piiRedacted("M1 1AE. B33 8TH, EC1A 1BB; W1A 0AX? cr2 6xh")
                == "M1 1 [postcode]. B33 8 [postcode], EC1A 1 [postcode]; W1A 0 [postcode]? CR2 6 [postcode]")
        #expect(PIIRedactor.redact("HB3 4QT and hb3 4qx").postcodeSectors == ["HB3 4"], "each sector once")
        #expect(piiFound("GIR 0AA") == ["postcode:GIR 0AA"])
    }

    @Test func outwardCodesAloneAreAPlaceAndStay() {
        for text in ["Everyone in HB3 knows", "the HB3 area", "SW1A and E1", "HB3 4", "the M6 is gridlocked", "A1 road", "B1234"] {
            #expect(piiFound(text) == [], "\(text)")
        }
    }

    @Test func invalidFormatsAreKept() {
        for text in [
            "QB3 4QT", "VB3 4QT", "XB3 4QT", "HI3 4QT", "HJ3 4QT", "HZ3 4QT", "HB3 4CT", "HB3 4QI", "HB3 4KM", "HB3 4OV",
            "W1L 0AX", "EC1C 1BB", "HB3 44T", "HBB3 4QT", "HB123 4QT",
        ] {
            #expect(piiFound(text) == [], "\(text)")
        }
    }

    @Test func ordinalsAreNotInwardCodes() {
        #expect(piiFound("the A4 3rd edition") == [])
        #expect(piiFound("B12 1st floor") == [])
        #expect(piiFound("B12 6th") == [])
        #expect(piiFound("B12 6TH") == ["postcode:B12 6TH"], "in capitals it is a postcode")
        #expect(piiFound("nw13 0st") == ["postcode:nw13 0st"], "0st is no ordinal")
    }

    @Test func notInsideWords() {
        #expect(piiFound("XHB3 4QTX") == [])
        #expect(piiFound("HB3 4QTs") == [])
    }
}

@Suite struct AddressRedactionTests {
    @Test func houseNumberAndStreet() {
        #expect(piiRedacted("I live at 12 Acacia Avenue.") == "I live at [address].")
        #expect(piiFound("14a Mill Lane") == ["address:14a Mill Lane"])
        #expect(piiFound("at 3 St Mary's Road") == ["address:3 St Mary's Road"])
        #expect(piiFound("at 3 St. Mary’s Rd, Harbourside") == ["address:3 St. Mary’s Rd"])
        #expect(piiFound("12-14 High Street") == ["address:12-14 High Street"])
        #expect(piiFound("10 Downing Street London") == ["address:10 Downing Street"])
        #expect(piiFound("7 King Edward Court") == ["address:7 King Edward Court"])
        #expect(piiFound("12 Acacia avenue") == ["address:12 Acacia avenue"], "a lower-case street word after capitalised words")
        #expect(piiFound("12 ULLSWATER ROAD") == ["address:12 ULLSWATER ROAD"])
    }

    @Test func flatsAreOneRedactionWithTheirStreet() {
        #expect(piiFound("Flat 3, 45 High Street") == ["address:Flat 3, 45 High Street"])
        #expect(piiFound("Apartment 12b, 4 Mill Lane") == ["address:Apartment 12b, 4 Mill Lane"])
        #expect(piiFound("flat 3 Rose Court") == ["address:flat 3 Rose Court"])
    }

    @Test func numbersThatAreNotHouseNumbers() {
        let negatives = [
            "There are 2 Main points", "In 2019 Station Road flooded", "£12 High Street vouchers", "Flat white please",
            "Flat 3 upstairs is empty", "the 42 bus to Mill Lane", "The shops on Mill Lane", "I have 3 kids",
            "Year 7 pupils", "0 Main Street", "1000 Acacia Avenue", "3 Police Cars on Station Road",
            "2 Acacia", "12 acacia avenue",
        ]
        for text in negatives { #expect(piiFound(text) == [], "\(text)") }
    }
}
