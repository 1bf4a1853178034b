import Foundation

/// The ICO's screening criteria for a data protection impact assessment (UK GDPR Article 35 and the ICO's list of
/// processing "likely to result in high risk"), in the terms an engagement officer meets them.
public enum DPIACriterion: String, CaseIterable, Codable, Sendable {
    case specialCategoryLargeScale = "special_category_large_scale"
    case newTechnology = "new_technology"
    case childrenOrVulnerable = "children_or_vulnerable"
    case systematicMonitoring = "systematic_monitoring"
    case profiling
    case dataMatching = "data_matching"
    case invisibleProcessing = "invisible_processing"
    case biometricOrGenetic = "biometric_or_genetic"

    public var label: String {
        switch self {
        case .specialCategoryLargeScale:
            return "Special category data about many people (for example equality monitoring: ethnicity, health, religion, sexual orientation)"
        case .newTechnology: return "A new technology or a new use of technology (for example a new engagement platform, AI analysis, sensors)"
        case .childrenOrVulnerable: return "Children or vulnerable people (for example people in crisis, care leavers, people with dementia)"
        case .systematicMonitoring: return "Systematic monitoring of people or public places (for example CCTV, tracking attendance, location data)"
        case .profiling: return "Profiling or scoring people, or automated decisions about them"
        case .dataMatching: return "Combining or matching data sets from different sources"
        case .invisibleProcessing: return "Using personal data people have not given to you directly (for example bought or scraped contact lists)"
        case .biometricOrGenetic: return "Biometric or genetic data (for example recorded voices or faces used to identify people)"
        }
    }

    /// Why the criterion matters, for the screening result.
    public var reason: String {
        switch self {
        case .specialCategoryLargeScale: return "Large-scale processing of special category data is high risk (UK GDPR Article 35(3)(b))."
        case .newTechnology: return "Innovative technology is on the ICO's list of processing likely to be high risk."
        case .childrenOrVulnerable:
            return "Processing the data of children or vulnerable people is on the ICO's list of processing likely to be high risk."
        case .systematicMonitoring: return "Systematic monitoring is high risk (UK GDPR Article 35(3)(c) and the ICO's list)."
        case .profiling: return "Profiling or automated decisions with significant effects are high risk (UK GDPR Article 35(3)(a))."
        case .dataMatching: return "Data matching is on the ICO's list of processing likely to be high risk."
        case .invisibleProcessing: return "Invisible processing is on the ICO's list of processing likely to be high risk."
        case .biometricOrGenetic: return "Biometric and genetic data are on the ICO's list of processing likely to be high risk."
        }
    }
}

/// Data protection impact assessment screening.
public enum DPIAScreening {
    /// - Parameters:
    ///   - collectsPersonalData: whether the engagement collects or uses personal data at all (nil: not answered).
    ///   - criteria: the criteria that apply.
    public static func screen(collectsPersonalData: Bool?, criteria: Set<DPIACriterion>) -> ScreeningResult {
        guard let collects = collectsPersonalData else {
            return ScreeningResult(
                outcome: .screenFurther, reasons: ["It is not yet known whether the engagement collects personal data."],
                warnings: [
                    PlanWarning(
                        code: "dpia.screen_further", severity: .warning,
                        message: "It is not yet known whether a data protection impact assessment is needed.",
                        action:
                            "Say whether the engagement collects personal data (names, contact details, equality monitoring, recordings), then screen again.",
                        field: "collects_personal_data")
                ])
        }
        guard collects else {
            return ScreeningResult(
                outcome: .notNeeded,
                reasons: ["No personal data is collected or used."], warnings: [])
        }
        let applying = DPIACriterion.allCases.filter { criteria.contains($0) }
        guard !applying.isEmpty else {
            return ScreeningResult(
                outcome: .notNeeded,
                reasons: [
                    "Personal data is collected, but none of the ICO's high-risk criteria applies. Record the screening, publish a privacy notice, and screen again if the plan changes."
                ],
                warnings: [])
        }
        return ScreeningResult(
            outcome: .needed, reasons: applying.map(\.reason),
            warnings: [
                PlanWarning(
                    code: "dpia.needed", severity: .warning,
                    message:
                        "A data protection impact assessment is needed before any personal data is collected: \(PlanText.list(applying.map { $0.label.lowercased() })).",
                    action: "Contact your data protection officer and complete the DPIA before the engagement opens; collect only the data you need.",
                    field: "dpia")
            ])
    }
}
