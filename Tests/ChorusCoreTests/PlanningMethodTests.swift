import Testing
import Foundation
@testable import ChorusCore

@Suite struct MethodSuggestionTests {
    @Test func seldomHeardGroupsGetDoorstepAndCommunityVenueSessions() throws {
        let s = MethodAdvisor.suggest(
            level: .consult,
            audiences: [
                AudienceProfile(name: "Private renters"), AudienceProfile(name: "Roma families", seldomHeard: true),
                AudienceProfile(name: "Asylum seekers", seldomHeard: true),
            ])
        let doorstep = try #require(s.first { $0.id == "doorstep-and-community-venues" })
        #expect(doorstep.audiences == ["Roma families", "Asylum seekers"])
        #expect(doorstep.methods.contains(.doorstep) && doorstep.methods.contains(.dropIn))
        #expect(Set(s.map(\.id)).count == s.count, "no suggestion twice")
    }

    @Test func youngOlderAndDisabledAudiencesGetTheirOwnWaysIn() {
        let s = MethodAdvisor.suggest(
            level: .involve,
            audiences: [
                AudienceProfile(name: "Young carers", youngPeople: true, disabledPeople: false),
                AudienceProfile(name: "Over-75s", olderPeople: true, disabledPeople: true),
            ])
        let ids = s.map(\.id)
        #expect(ids.contains("young-people") && ids.contains("older-people") && ids.contains("accessible-formats"))
        #expect(s.first { $0.id == "easy-read" }?.audiences == ["Over-75s"])
        #expect(s.first { $0.id == "online-and-offline" }?.audiences == ["Over-75s"])
    }

    @Test func translationWhereAWardLanguageReachesTheThreshold() throws {
        let wards = [
            LanguageShare(language: "English", share: 0.78, place: "Longsight"),
            LanguageShare(language: "Urdu", share: 0.041, place: "Longsight"),
            LanguageShare(language: "Urdu", share: 0.062, place: "Cheetham"),
            LanguageShare(language: "Polish", share: 0.02, place: "Cheetham"),
            LanguageShare(language: "Arabic", share: 0.019, place: "Cheetham"),
        ]
        let s = MethodAdvisor.suggest(
            level: .consult, audiences: [AudienceProfile(name: "Somali community", languages: ["Somali", "English"])],
            wardLanguages: wards)
        let t = try #require(s.first { $0.id == "translated-materials" })
        #expect(t.detail.contains("Urdu (6.2% of residents in Cheetham), Polish (2.0% of residents in Cheetham) and Somali (for Somali community)"))
        #expect(!t.detail.contains("Arabic") && !t.detail.contains("English ("))
        #expect(t.audiences == ["Somali community"])
        // The threshold is configurable.
        let strict = MethodAdvisor.suggest(level: .consult, audiences: [], wardLanguages: wards, translationThreshold: 0.05)
        #expect(strict.first { $0.id == "translated-materials" }?.detail.contains("Polish") == false)
        #expect(
            MethodAdvisor.suggest(level: .consult, audiences: [], wardLanguages: [LanguageShare(language: "English", share: 0.9)])
                .allSatisfy { $0.id != "translated-materials" })
    }

    @Test func everyLevelHasCoreMethodsAndFormatsForEveryone() {
        for level in LadderLevel.allCases {
            let s = MethodAdvisor.suggest(level: level, audiences: [])
            #expect(!s.isEmpty && !s[0].methods.isEmpty, "\(level)")
            #expect(s.map(\.id).suffix(2) == ["easy-read", "online-and-offline"])
            #expect(
                !s.contains {
                    ["doorstep-and-community-venues", "young-people", "older-people", "accessible-formats", "translated-materials"].contains($0.id)
                })
            #expect(s.allSatisfy { !$0.title.isEmpty && !$0.detail.isEmpty && !$0.reason.isEmpty })
        }
        #expect(MethodAdvisor.suggest(level: .inform, audiences: []).last?.detail.contains("in print") == true)
        #expect(MethodAdvisor.suggest(level: .consult, audiences: []).last?.detail.contains("paper copy") == true)
        #expect(MethodAdvisor.suggest(level: .empower, audiences: [])[0].id == "resident-decision")
        #expect(MethodAdvisor.suggest(level: .collaborate, audiences: [])[0].methods.contains(.coDesignWorkshop))
    }

    @Test func methodsUsedComeBackInRegisterOrder() {
        let s = MethodAdvisor.suggest(level: .consult, audiences: [AudienceProfile(name: "Tenants", seldomHeard: true)])
        let m = MethodAdvisor.methods(in: s)
        #expect(m == EngagementMethod.allCases.filter { Set(m).contains($0) })
        #expect(m.contains(.survey) && m.contains(.doorstep) && Set(m).count == m.count)
    }
}
