import Testing
@testable import ChorusCore

@Suite struct NHSNumberTests {
    @Test func checksum() {
        #expect(NHSNumber.isValid("943 476 5919"))
        #expect(NHSNumber.isValid("4010232137"))
        #expect(!NHSNumber.isValid("943 476 5918"), "wrong check digit")
        #expect(!NHSNumber.isValid("1234567890"), "check digit would be 10: never valid")
        #expect(!NHSNumber.isValid("94347659190") && !NHSNumber.isValid("943476591"), "not ten digits")
        #expect(NHSNumber.isValid([4, 0, 1, 0, 2, 3, 2, 1, 3, 7]))
    }

    @Test func validNumbersAreRedactedSpacedOrNot() {
        #expect(piiRedacted("My NHS number is 943 476 5919.") == "My NHS number is [NHS number].")
        #expect(piiFound("NHS no: 9434765919") == ["nhs_number:9434765919"])
        #expect(piiFound("patient number 943-476-5919 at the Royal") == ["nhs_number:943-476-5919"])
        #expect(piiFound("my number is 401 023 2137 thanks") == ["nhs_number:401 023 2137"], "3-3-4 spacing is enough")
    }

    @Test func invalidChecksumIsKeptEvenWithContext() {
        #expect(piiFound("My NHS number is 943 476 5918 but the app says no") == [])
        #expect(piiFound("NHS 9434765918") == [])
    }

    @Test func withoutContextAValidNumberIsStillRedactedButNotAReference() {
        #expect(piiFound("it was 4010232137 last time") == ["nhs_number:4010232137"])
        #expect(piiFound("order number 4010232137 never came") == [])
        #expect(piiFound("My complaint reference is 4010232137.") == [])
        #expect(piiFound("ref: 401 023 2137") == [])
        #expect(piiFound("NHS no. 4010232137 (not the order number)") == ["nhs_number:4010232137"])
    }

    @Test func notPartOfLongerNumbers() {
        #expect(piiFound("card 94347659190001") == [])
        #expect(piiFound("9434765919-2") == [])
        #expect(piiFound("£9434765919") == [])
        #expect(piiFound("A-9434765919") == [])
    }
}

@Suite struct NINumberTests {
    @Test func validFormats() {
        #expect(piiFound("NI: AB 12 34 56 C.") == ["ni_number:AB 12 34 56 C"])
        #expect(piiFound("my ni is JS723468D") == ["ni_number:JS723468D"])
        #expect(piiFound("AB 123456 A and ab123456c") == ["ni_number:AB 123456 A", "ni_number:ab123456c"])
        #expect(piiRedacted("(NI number: CE 01 02 03 B)") == "(NI number: [NI number])")
    }

    @Test func invalidPrefixesAreKept() {
        for first in ["D", "F", "I", "Q", "U", "V"] {
            #expect(piiFound("\(first)A123456A") == [], "\(first) is never a first letter")
            #expect(piiFound("A\(first)123456A") == [], "\(first) is never a second letter")
        }
        #expect(piiFound("AO123456A") == [], "O is not a second letter")
        #expect(piiFound("OA123456A") == ["ni_number:OA123456A"], "O may be a first letter")
        for prefix in ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "QQ"] {
            #expect(piiFound("NI number \(prefix) 12 34 56 C") == [], "\(prefix) is not allocated")
            #expect(!NINumber.isValidPrefix(prefix.utf8.first!, prefix.utf8.last!))
        }
        #expect(NINumber.isValidPrefix(UInt8(ascii: "a"), UInt8(ascii: "b")))
    }

    @Test func suffixIsAToDAndNeededUnlessTheTextSaysNationalInsurance() {
        #expect(piiFound("AB123456E") == [])
        #expect(piiFound("AB123456") == [])
        #expect(piiFound("National Insurance: AB123456") == ["ni_number:AB123456"])
        #expect(piiFound("NINO AB 12 34 56") == ["ni_number:AB 12 34 56"])
        #expect(piiFound("reported on 123456 a date") == [], "spaced lower case needs a cue")
        #expect(piiFound("AB1234567C") == [] && piiFound("AB12345C") == [], "six digits exactly")
    }
}

@Suite struct PhoneNumberTests {
    @Test func mobiles() {
        for phone in ["07700 900123", "07700900123", "07700 900 123", "07700-900-123", "0770 090 0123"] {
            #expect(piiFound("Call me on \(phone).") == ["phone:\(phone)"], "\(phone)")
        }
    }

    @Test func international() {
        for phone in ["+44 7700 900123", "+447700900123", "+44 (0)20 7946 0958", "+44(0)20 7946 0958", "0044 7700 900123", "+44 07700 900123"] {
            #expect(piiFound("ring \(phone) any time") == ["phone:\(phone)"], "\(phone)")
        }
    }

    @Test func landlines() {
        for phone in [
            "020 7946 0958", "(020) 7946 0958", "0113 496 0000", "01632 960123", "(01632) 960123", "0161 496 0000",
            "01632960123", "016977 4567", "0300 123 4567",
        ] {
            #expect(piiFound("Tel: \(phone)") == ["phone:\(phone)"], "\(phone)")
        }
        #expect(piiRedacted("Tel: 020 7946 0958, after 6pm") == "Tel: [phone], after 6pm")
    }

    @Test func notYearsPricesDatesTimesOrReferences() {
        let negatives = [
            "since 2019", "in 1998 and 2020", "it cost £1,250", "£07700 900123", "costs £0.07700", "12/01/2023",
            "01/02/2023", "01.02.2023", "at 10:30", "the 42 bus", "ref 01632 960123", "order number 07700900123",
            "0770090012345", "07700 90012", "0800 123 4567", "0612 345 6789", "call 999 or 111", "room 0113",
            "ABC-07700900123", "07700900123abc", "version 0.7.7", "2 0 7 7 0 0 9 0 0 1 2 3",
        ]
        for text in negatives { #expect(piiFound(text) == [], "\(text)") }
    }

    @Test func aTrailingNumberIsNotSwallowed() {
        #expect(piiFound("ring 07700 900123 2 times") == ["phone:07700 900123"])
    }
}
