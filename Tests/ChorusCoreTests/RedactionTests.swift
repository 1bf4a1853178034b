import Testing
import Foundation
@testable import ChorusCore

/// What the redactor found in `text`: kind and original text of each redaction, in order.
func piiFound(_ text: String) -> [String] {
    PIIRedactor.redact(text).redactions.map { "\($0.kind.rawValue):\($0.original)" }
}

func piiRedacted(_ text: String) -> String { PIIRedactor.redact(text).text }

@Suite struct RedactionResultTests {
    @Test func textWithoutPersonalDataComesBackUnchanged() {
        for text in ["", " ", "The bins on our road were not emptied for 3 weeks.", "Świetna robota! 🙂 ہمارے علاقے میں صفائی", "\n\n"] {
            let r = PIIRedactor.redact(text)
            #expect(r.text == text && r.redactions.isEmpty && r.postcodeSectors.isEmpty && r.isUnchanged)
        }
    }

    @Test func everyKindHasAReadableToken() {
        let r = PIIRedactor.redact(
            """
            My name is Sarah Jones, call 07700 900123 or email sarah.j@example.com. I live at Flat 3, 45 High Street, \
            HB3 4QT. NHS number 943 476 5919, NI number AB 12 34 56 C.
            """)
        #expect(
            r.text == """
                My name is [name], call [phone] or email [email]. I live at [address], HB3 4 [postcode]. NHS number \
                [NHS number], NI number [NI number].
                """)
        #expect(r.kinds == [.name, .email, .phone, .postcode, .nhsNumber, .niNumber, .address])
        #expect(r.postcodeSectors == ["HB3 4"])
        #expect(r.redactions.map(\.replacement) == ["[name]", "[phone]", "[email]", "[address]", "HB3 4 [postcode]", "[NHS number]", "[NI number]"])
    }

    @Test func rangesAreUTF8OffsetsIntoTheOriginalEvenAfterMultiByteText() throws {
        let text = "Żółć 🙂 ہمارے علاقے — zadzwoń 07700 900123, Łukasz. My name is Zoë Ó Súilleabháin 👍 HB3 4QT"
        let r = PIIRedactor.redact(text)
        #expect(r.redactions.map(\.original) == ["07700 900123", "Łukasz", "Zoë Ó Súilleabháin", "HB3 4QT"])
        let bytes = Array(text.utf8)
        for redaction in r.redactions {
            #expect(String(decoding: bytes[redaction.utf8Range], as: UTF8.self) == redaction.original)
        }
        #expect(r.text == "Żółć 🙂 ہمارے علاقے — zadzwoń [phone], [name]. My name is [name] 👍 HB3 4 [postcode]")
        // Rebuild the redacted text from the ranges: everything outside them is kept byte for byte.
        var rebuilt: [UInt8] = [], at = 0
        for redaction in r.redactions {
            rebuilt += bytes[at..<redaction.utf8Range.lowerBound] + Array(redaction.replacement.utf8)
            at = redaction.utf8Range.upperBound
        }
        rebuilt += bytes[at...]
        #expect(String(decoding: rebuilt, as: UTF8.self) == r.text)
    }

    @Test func redactingRedactedTextChangesNothing() {
        let samples = [
            "My name is Sarah Jones, call 07700 900123 or email sarah.j@example.com.",
            "I live at Flat 3, 45 High Street, HB3 4QT. Mrs Patel's dog barks. Kind regards,\nTom Hughes",
            "NHS no. 9434765919, NI AB123456C, +44 (0)20 7946 0958, hb34qt, Dr. J. Smith, my son Jack",
            "Call me Dave. This is Priya from 14a Mill Lane. Signed, Ann-Marie O'Brien",
            "Postcode sw1a 1aa; 12-14 St Mary's Road; Thanks, Sarah",
        ]
        for text in samples {
            let once = PIIRedactor.redact(text)
            #expect(!once.redactions.isEmpty)
            let twice = PIIRedactor.redact(once.text)
            #expect(twice.text == once.text, "\(once.text) → \(twice.text)")
            #expect(twice.redactions.isEmpty)
        }
    }

    @Test func overlappingMatchesKeepTheStrongestOnce() {
        // Digits inside an email address are part of the address, not a phone number.
        #expect(piiFound("write to 07700900123@example.com please") == ["email:07700900123@example.com"])
        // A postcode-looking local part belongs to the email.
        #expect(piiFound("hb34qt@example.org") == ["email:hb34qt@example.org"])
        // Ten digits that pass the NHS check and read as a 01 phone number: the phone number wins without an NHS cue…
        #expect(NHSNumber.isValid("0113496001"))
        #expect(piiFound("ring 0113496001 today") == ["phone:0113496001"])
        // …and an NHS cue makes it an NHS number.
        #expect(piiFound("NHS number 0113496001") == ["nhs_number:0113496001"])
        // "Dr" ending an address is the street, not a title before a name.
        #expect(piiFound("I live at 12 Elm Dr Harbourside") == ["address:12 Elm Dr"])
        // An address and the postcode after it are two redactions.
        #expect(piiFound("4 Ash Lane, po12 9ab.") == ["address:4 Ash Lane", "postcode:po12 9ab"])
    }

    @Test func resolveKeepsRankThenLengthThenPosition() {
        let candidates = [
            PIICandidate(kind: .name, start: 0, end: 10, rank: PIICandidate.rankName),
            PIICandidate(kind: .phone, start: 5, end: 16, rank: PIICandidate.rankPhone),
            PIICandidate(kind: .address, start: 16, end: 30, rank: PIICandidate.rankAddress),
            PIICandidate(kind: .postcode, start: 20, end: 27, rank: PIICandidate.rankPostcode),
        ]
        let kept = PIIRedactor.resolve(candidates)
        #expect(kept.map(\.kind) == [.phone, .postcode])
    }

    @Test func redactionsAreCodable() throws {
        let r = PIIRedactor.redact("call 07700 900123")
        let data = try JSONEncoder().encode(r.redactions)
        #expect(try JSONDecoder().decode([Redaction].self, from: data) == r.redactions)
        #expect(PIIKind(rawValue: "nhs_number") == .nhsNumber && PIIKind.niNumber.rawValue == "ni_number")
    }
}

@Suite struct RedactionPropertyTests {
    /// Deterministic pieces that sit near every rule's edges, glued at random: ranges must always rebuild the redacted
    /// text from the original, never split a character, and a second redaction must change nothing.
    @Test func randomTextKeepsRangesWholeAndIsIdempotent() {
        let pieces = [
            "My name is", "my name's", "Mr", "Mrs.", "Dr", "this is", "call me", "Kind regards,\n", "Thanks,", "my son",
            "Sarah", "O'Brien", "Smith-Jones", "Łukasz", "Zoë", "Ó", "J.", "07700", "900123", "+44", "(0)20", "(020)",
            "7946", "0958", "943", "476", "5919", "9434765919", "AB", "12", "34", "56", "C", "HB3", "4QT", "hb34qt",
            "SW1A", "1AA", "Flat", "3,", "45", "14a", "High", "Street", "Lane", "St", "Mary's", "@", "sarah.j",
            "example.com", "£", "2019", "-", ".", ",", "’", "'", "\n", "🙂", "ہمارے", "ż", "\u{301}", "NHS", "ref",
            "[name]", "[postcode]", "National Insurance", "GIR", "0AA", ":", "(", ")",
        ]
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<4000 {
            var text = ""
            for _ in 0..<(1 + next(14)) {
                text += pieces[next(pieces.count)]
                text += [" ", " ", " ", "", "  ", ", "][next(6)]
            }
            let once = PIIRedactor.redact(text)
            let bytes = Array(text.utf8)
            var rebuilt: [UInt8] = [], at = 0
            for r in once.redactions {
                #expect(r.utf8Range.lowerBound >= at && r.utf8Range.upperBound <= bytes.count && !r.utf8Range.isEmpty)
                guard r.utf8Range.lowerBound >= at, r.utf8Range.upperBound <= bytes.count else { break }
                #expect(Array(r.original.utf8) == Array(bytes[r.utf8Range]), "\(text.debugDescription)")
                rebuilt += bytes[at..<r.utf8Range.lowerBound] + Array(r.replacement.utf8)
                at = r.utf8Range.upperBound
            }
            rebuilt += bytes[min(at, bytes.count)...]
            #expect(rebuilt == Array(once.text.utf8), "\(text.debugDescription)")
            #expect(PIIRedactor.redact(once.text).text == once.text, "\(text.debugDescription) → \(once.text.debugDescription)")
        }
    }
}

@Suite struct RedactionLongTextTests {
    @Test func aLongTextWithThousandsOfMatchesIsRedactedWhole() {
        // A focus-group write-up pasted in full, or a hostile API client: 20,000 phone numbers and emails.
        let line = "ring 07700 900123 or mail a.b@example.com, HB3 4QT; "
        let text = String(repeating: line, count: 10_000)
        let r = PIIRedactor.redact(text)
        #expect(r.redactions.count == 30_000)
        #expect(r.text == String(repeating: "ring [phone] or mail [email], HB3 4 [postcode]; ", count: 10_000))
        #expect(r.postcodeSectors == ["HB3 4"])
    }
}
