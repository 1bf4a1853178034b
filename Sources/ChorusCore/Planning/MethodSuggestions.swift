import Foundation

/// A language spoken in a ward, with its share of residents (0…1; for example Census 2021 main language).
public struct LanguageShare: Sendable, Equatable, Codable {
    public let language: String
    public let share: Double
    /// The ward or place the share is for, when known ("Longsight").
    public let place: String?

    public init(language: String, share: Double, place: String? = nil) {
        self.language = language
        self.share = share
        self.place = place
    }
}

/// What the method suggestions need to know about one audience the officer chose.
public struct AudienceProfile: Sendable, Equatable, Codable {
    public var name: String
    public var seldomHeard: Bool
    public var youngPeople: Bool
    public var olderPeople: Bool
    public var disabledPeople: Bool
    public var digitallyExcluded: Bool
    /// Languages this audience needs materials in (any language other than English gets translation).
    public var languages: [String]

    public init(
        name: String, seldomHeard: Bool = false, youngPeople: Bool = false, olderPeople: Bool = false,
        disabledPeople: Bool = false, digitallyExcluded: Bool = false, languages: [String] = []
    ) {
        self.name = name
        self.seldomHeard = seldomHeard
        self.youngPeople = youngPeople
        self.olderPeople = olderPeople
        self.disabledPeople = disabledPeople
        self.digitallyExcluded = digitallyExcluded
        self.languages = languages
    }
}

/// One suggested way to reach people.
public struct ChannelSuggestion: Sendable, Equatable {
    /// Stable identifier, e.g. `doorstep-and-community-venues`.
    public let id: String
    public let title: String
    /// What to do, concretely.
    public let detail: String
    /// Register methods this suggestion uses (may be empty for channels such as translation).
    public let methods: [EngagementMethod]
    /// Why it is suggested.
    public let reason: String
    /// Names of the audiences that prompted it; empty when it is for everyone.
    public let audiences: [String]
}

/// Suggests methods and channels for a ladder level and the audiences chosen. Suggestions, not rules: the
/// officer picks. Order: the level's core methods, then audience-specific ways in, then formats for everyone.
public enum MethodAdvisor {
    /// Translate where a language other than English is the main language of at least this share of a ward's residents.
    public static let defaultTranslationThreshold = 0.02

    public static func suggest(
        level: LadderLevel, audiences: [AudienceProfile], wardLanguages: [LanguageShare] = [],
        translationThreshold: Double = defaultTranslationThreshold
    ) -> [ChannelSuggestion] {
        var out = coreMethods(for: level)

        func names(_ keep: (AudienceProfile) -> Bool) -> [String] { audiences.filter(keep).map(\.name) }

        let seldom = names(\.seldomHeard)
        if !seldom.isEmpty {
            out.append(
                ChannelSuggestion(
                    id: "doorstep-and-community-venues", title: "Doorstep and community-venue sessions",
                    detail:
                        "Go to people: doorstep conversations, and sessions in places they already use (community centres, faith venues, food banks, schools), hosted with community groups and connectors they trust. Cover travel and care costs where you can.",
                    methods: [.doorstep, .dropIn, .streetStall],
                    reason:
                        "Seldom-heard groups are rarely reached by surveys and public meetings: meet people where they are, with people they trust.",
                    audiences: seldom))
        }
        let young = names(\.youngPeople)
        if !young.isEmpty {
            out.append(
                ChannelSuggestion(
                    id: "young-people", title: "Through schools, colleges and youth services",
                    detail:
                        "Work with schools, colleges, youth services and the youth council; short mobile-first surveys and social media; sessions outside school hours, led or co-hosted by young people.",
                    methods: [.workshop, .onlineForum, .survey],
                    reason:
                        "Young people rarely answer council consultations unless the invitation comes through places and people they already know.",
                    audiences: young))
        }
        let older = names(\.olderPeople)
        if !older.isEmpty {
            out.append(
                ChannelSuggestion(
                    id: "older-people", title: "Paper, phone and daytime sessions",
                    detail:
                        "Paper copies with a freepost return, a phone line, daytime sessions in accessible venues, and visits to older people's groups and lunch clubs.",
                    methods: [.dropIn, .doorstep, .focusGroup],
                    reason: "Many older residents prefer, or can only use, paper, phone or face-to-face routes.",
                    audiences: older))
        }
        let disabled = names(\.disabledPeople)
        if !disabled.isEmpty {
            out.append(
                ChannelSuggestion(
                    id: "accessible-formats", title: "Accessible formats and venues",
                    detail:
                        "Large print, audio and British Sign Language versions; step-free venues with hearing loops and accessible toilets; online forms that meet WCAG 2.2 AA; ask about access needs when people book.",
                    methods: [],
                    reason:
                        "Disabled people must be able to take part on equal terms, and the equality duty asks you to remove the barriers they face.",
                    audiences: disabled))
        }

        if let translation = translationSuggestion(audiences: audiences, wardLanguages: wardLanguages, threshold: translationThreshold) {
            out.append(translation)
        }

        out.append(
            ChannelSuggestion(
                id: "easy-read", title: "Easy read version",
                detail:
                    "An easy read version of the information\(level.asksForInput ? " and of the response form" : ""), written with and tested by people with learning disabilities.",
                methods: [],
                reason: "Easy read helps people with learning disabilities and people with low literacy understand and take part.",
                audiences: disabled))
        let offline = names { $0.digitallyExcluded || $0.olderPeople }
        out.append(
            ChannelSuggestion(
                id: "online-and-offline", title: "Online and offline",
                detail: level.asksForInput
                    ? "Offer every way in both online and offline: a web form and a paper copy, online and in-person sessions, email and a phone number."
                    : "Publish the information online and in print (letters, posters in local venues), with a phone number for questions.",
                methods: [],
                reason: "Not everyone is online, and not everyone can come to a venue.",
                audiences: offline))
        return out
    }

    /// Every method the suggestions use, in register order (to pre-fill the activity's methods).
    public static func methods(in suggestions: [ChannelSuggestion]) -> [EngagementMethod] {
        let used = Set(suggestions.flatMap(\.methods))
        return EngagementMethod.allCases.filter { used.contains($0) }
    }

    static func coreMethods(for level: LadderLevel) -> [ChannelSuggestion] {
        switch level {
        case .inform:
            return [
                ChannelSuggestion(
                    id: "inform-channels", title: "Clear information where people will see it",
                    detail:
                        "A plain-English web page, letters to the addresses affected, posters in local venues, partners' newsletters and social media, and a drop-in or street stall where people can ask questions.",
                    methods: [.dropIn, .streetStall],
                    reason: "At inform, the job is that everyone affected knows what is happening, why, and whom to ask.",
                    audiences: [])
            ]
        case .consult:
            return [
                ChannelSuggestion(
                    id: "consultation-survey", title: "A survey, online and on paper",
                    detail: "A short survey that explains the options and the reasons for them, with open questions as well as tick boxes.",
                    methods: [.survey],
                    reason: "A survey lets many people give views on the options in a form that can be counted and reported back.",
                    audiences: []),
                ChannelSuggestion(
                    id: "consultation-sessions", title: "Drop-ins and focus groups with those most affected",
                    detail:
                        "Drop-in sessions where officers explain the proposal and listen, and focus groups with the people the proposal affects most.",
                    methods: [.dropIn, .focusGroup, .publicMeeting],
                    reason: "Face-to-face sessions reach people who do not fill in surveys and show the reasons behind the views.",
                    audiences: []),
            ]
        case .involve:
            return [
                ChannelSuggestion(
                    id: "involve-workshops", title: "Workshops and focus groups through the process",
                    detail:
                        "A series of workshops or focus groups at each stage, so residents' concerns shape the options before they are finalised.",
                    methods: [.workshop, .focusGroup, .onlineForum],
                    reason: "At involve, residents work with you throughout, not just once at the end.",
                    audiences: []),
                ChannelSuggestion(
                    id: "deliberation", title: "A deliberative event",
                    detail: "A deliberative event or panel drawn to reflect the area, with time to hear evidence and weigh trade-offs.",
                    methods: [.deliberativeEvent, .citizensPanel],
                    reason:
                        "Deliberation helps with hard trade-offs and reaches beyond the usual voices when people are selected to reflect the area.",
                    audiences: []),
            ]
        case .collaborate:
            return [
                ChannelSuggestion(
                    id: "co-design", title: "Co-design workshops",
                    detail:
                        "Co-design workshops where residents and officers develop the options and choose the preferred one together, with a standing advisory group or panel.",
                    methods: [.coDesignWorkshop, .workshop, .citizensPanel],
                    reason: "At collaborate, residents are partners in developing alternatives and identifying the preferred solution.",
                    audiences: []),
                ChannelSuggestion(
                    id: "deliberation", title: "A deliberative event",
                    detail:
                        "A citizens' jury or assembly drawn to reflect the area, whose recommendations the decision-maker commits to answer in full.",
                    methods: [.deliberativeEvent],
                    reason: "Deliberation gives a representative group the time and evidence to make recommendations others can trust.",
                    audiences: []),
            ]
        case .empower:
            return [
                ChannelSuggestion(
                    id: "resident-decision", title: "A decision residents make",
                    detail:
                        "Participatory budgeting, a community-led grants panel, or a citizens' assembly whose decision is binding, with the rules and the budget set out in advance.",
                    methods: [.deliberativeEvent, .citizensPanel],
                    reason: "At empower, residents make the final decision and you implement it.",
                    audiences: []),
                ChannelSuggestion(
                    id: "co-design", title: "Co-design workshops",
                    detail: "Co-design workshops so residents shape the proposals that go to the vote or the panel.",
                    methods: [.coDesignWorkshop],
                    reason: "Residents decide better between options they helped to design.",
                    audiences: []),
            ]
        }
    }

    static func isEnglish(_ language: String) -> Bool {
        language.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("english")
    }

    static func translationSuggestion(audiences: [AudienceProfile], wardLanguages: [LanguageShare], threshold: Double) -> ChannelSuggestion? {
        // Highest share per language across the wards given.
        var best: [String: LanguageShare] = [:]
        var order: [String] = []
        for l in wardLanguages where !isEnglish(l.language) && l.share >= threshold {
            let key = l.language.lowercased()
            if let b = best[key] { if l.share > b.share { best[key] = l } } else { best[key] = l; order.append(key) }
        }
        var parts = order.map { best[$0]! }.sorted { $0.share > $1.share }.map { l -> String in
            let pct = String(format: "%.1f%%", l.share * 100)
            return l.place.map { "\(l.language) (\(pct) of residents in \($0))" } ?? "\(l.language) (\(pct) of residents)"
        }
        var prompted: [String] = []
        var seen = Set(best.keys)
        for a in audiences {
            for lang in a.languages where !isEnglish(lang) && !lang.trimmingCharacters(in: .whitespaces).isEmpty {
                let key = lang.lowercased()
                if !prompted.contains(a.name) { prompted.append(a.name) }
                if seen.insert(key).inserted { parts.append("\(lang) (for \(a.name))") }
            }
        }
        guard !parts.isEmpty else { return nil }
        return ChannelSuggestion(
            id: "translated-materials", title: "Translated materials and interpreters",
            detail:
                "Translate the summary and the response form into \(PlanText.list(parts)); offer interpreters at sessions and work with bilingual community facilitators.",
            methods: [],
            reason:
                "People should be able to take part in the language they are most comfortable in; translation is suggested where a language other than English is the main language of at least \(String(format: "%g", threshold * 100))% of a ward's residents, or an audience needs it.",
            audiences: prompted)
    }
}
