import Testing
@testable import ChorusCore

@Suite struct NameRedactionTests {
    @Test func afterCueWords() {
        #expect(piiRedacted("My name is Sarah Jones and I live here") == "My name is [name] and I live here")
        #expect(piiFound("my name's Tom.") == ["name:Tom"])
        #expect(piiFound("I'm called Ayesha, I've been here ten years") == ["name:Ayesha"])
        #expect(piiFound("I’m called Priya") == ["name:Priya"], "curly apostrophe")
        #expect(piiFound("I am called Jo") == ["name:Jo"])
        #expect(piiFound("You can call me Dave, everyone does.") == ["name:Dave"])
        #expect(piiFound("Hi, this is Sarah from the residents' association.") == ["name:Sarah"])
        #expect(piiFound("Signed, Jane Doe") == ["name:Jane Doe"])
        #expect(piiFound("Name: Ayesha Khan\nWard: Dockside") == ["name:Ayesha Khan"])
        #expect(piiFound("his name is Tom Hughes") == ["name:Tom Hughes"])
        #expect(piiFound("Dear Sarah, thank you") == ["name:Sarah"])
    }

    @Test func strongCuesTakeLowerCaseNames() {
        #expect(piiFound("my name is john smith and i am fed up") == ["name:john smith"])
        #expect(piiFound("im called jo") == ["name:jo"])
        #expect(piiFound("my name is not important") == [])
        #expect(piiFound("the name is misleading") == [], "only \"my name is\" takes lower case")
    }

    @Test func titlesStayNamesGo() {
        #expect(piiRedacted("Mrs Patel next door") == "Mrs [name] next door")
        #expect(piiRedacted("Mrs Patel's dog") == "Mrs [name]'s dog")
        #expect(piiRedacted("Dr. J. Smith and Mr J Smith") == "Dr. [name] and Mr [name]")
        #expect(
            piiFound("Cllr O'Brien, Councillor Smith-Jones, Prof Okafor, Mx Lee, Miss Marple") == [
                "name:O'Brien", "name:Smith-Jones", "name:Okafor", "name:Lee", "name:Marple",
            ])
        #expect(piiFound("Mr and Mrs Begum") == ["name:Begum"])
        #expect(piiFound("MY NAME IS JOHN SMITH") == ["name:JOHN SMITH"])
        #expect(piiFound("Dr Ł. Nowak and Dr B. Ó Súilleabháin") == ["name:Ł. Nowak", "name:B. Ó Súilleabháin"])
    }

    @Test func relationsAndSignOffs() {
        #expect(piiFound("My son Jack uses the park every day") == ["name:Jack"])
        #expect(piiFound("our neighbour, Dave, helps") == ["name:Dave"])
        #expect(piiFound("her social worker Priya") == ["name:Priya"])
        #expect(piiFound("my neighbour Mrs Jones can't get out") == ["name:Jones"])
        #expect(piiFound("Kind regards,\nTom Hughes") == ["name:Tom Hughes"])
        #expect(piiFound("Thanks, Sarah") == ["name:Sarah"])
        #expect(piiFound("Thank you - Priya.") == ["name:Priya"])
    }

    @Test func ordinarySentencesAreNotNames() {
        let negatives = [
            "I am happy", "I am Happy about this", "I'm Polish", "Honestly this is Brilliant.", "This is Ridiculous",
            "This is Harbourside Council's fault.", "This is Dockside Homes' fault.", "Dear Sir or Madam", "Dear Council",
            "Dear Housing Team,", "Please call me back on Monday", "call me on 07700", "the Dr said no", "I miss the library",
            "Thanks, Great idea though", "my son has autism", "My mum", "The Mayor", "call me ASAP", "this is NHS policy",
            "my name is [name]", "Mr", "Mr.", "Mrs 123", "I signed the petition", "signed up", "Kind regards, The Team",
            "My daughter is in Year 7",
        ]
        for text in negatives { #expect(piiFound(text).filter { $0.hasPrefix("name:") } == [], "\(text)") }
    }

    @Test func aNameRunEndsAtCueWordsSoTheNextCueStillWorks() {
        #expect(piiFound("Name: Sadia Clarke Name: Rhys Jones") == ["name:Sadia Clarke", "name:Rhys Jones"])
        #expect(piiFound("Name: Kwame Osei Signed, Hannah Jones") == ["name:Kwame Osei", "name:Hannah Jones"])
    }
}

@Suite struct EmailRedactionTests {
    @Test func addresses() {
        #expect(piiRedacted("Email me at sarah.jones@example.co.uk.") == "Email me at [email].")
        #expect(piiFound("(s_khan+council@harbourside-tenants.org.uk)") == ["email:s_khan+council@harbourside-tenants.org.uk"])
        #expect(piiFound("ME@EXAMPLE.COM thanks") == ["email:ME@EXAMPLE.COM"])
    }

    @Test func notEmails() {
        for text in ["@harbourside on twitter", "a@b", "meet @ 5pm", "name@localhost", "x@y.1", "email@.com", "foo@bar-.com"] {
            #expect(piiFound(text) == [], "\(text)")
        }
    }
}
