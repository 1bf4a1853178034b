import Foundation
import Testing

@testable import ChorusCore

/// The demo instance on which LEXIMIN never finished (180 volunteers, panel 24; sex, age band and ward, with 0..24
/// quotas for the answers the targets leave out): GLPK's primal simplex cycled on a warm, very degenerate master
/// LP (a 108-row solve ran for minutes). It must now finish in well under a second in a release build.
@Suite struct PanelLeximinTerminationTests {
    static let sexes: [Character: String] = ["f": "female", "m": "male", "p": "prefer_not_to_say"]
    static let ages = ["16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus", "prefer_not_to_say"]
    static let wards = [
        "Ashby Park", "Brickfields", "Canal Wharf", "Foxhill", "Hollins", "Millbrook", "Northgate", "Old Town",
        "Quayside", "Riverside East", "St Anne's", "Westcliff",
    ]
    /// Volunteers V0001... in order: sex (a key of `sexes`), index into `ages`, ward letter a... into
    /// `wards`. Made from /tmp/demo2/inst/respondents.csv.
    static let pool = [
        "m2h f0a m6a f6b f4f f4g f1c f0j m3e m1d p6k f5c f6c f4a f1l m2b f2d f4f f4c f2d",
        "m5d f4a f5b f2a f3e m7f f4e f4d f5h f2d f3b f3b f1b f3d m0d f4b m4g f1f f2g m4c",
        "f4b f6b m3c m3a f6d f5b f1b f4f m3l m5d f3c f7b f4e f3h f5a f4a f4g f2d f2h f1k",
        "f5e f4g f2b f6c m2l f2j f6k f1g f5l m6e f4c m4a m3c f3c f5k m4c f3l f4i m1k m6h",
        "m5k m0b f6i f5l f5d f2c m3c f6i m6i m4f m5e m1j f0h m4j f4h m3f m5c m2i m1d m6b",
        "f5d f4f f3a f0l m6c f6d m4j m6c f4e f5i f4j f3i f2d m3g f4h f0l f5g m6d f5c f5b",
        "f6a f4d f2c f5f f3a f5g m5b m3h m3h f5b f3i m6b m6k m5a m6k f5e m6a f3f m4b m5e",
        "f4j f1d f5l m2d m3h m0c f2d f4d m2k f2l f3a m1c m2k f2f f2l m2e f5a f4c m5d f6d",
        "m0e m6a f4l f5f f1e m4e m5d f2b f4c m4b m1e f1b m4a m3e m1j f0e f3c m1a m3e f5e",
    ].joined(separator: " ")

    static let problem: PanelProblem = {
        let volunteers = pool.split(separator: " ").enumerated().map { i, code in
            let c = Array(code)
            let ward = wards[Int(c[2].asciiValue! - Character("a").asciiValue!)]
            return PanelVolunteer(
                id: String(format: "V%04d", i + 1),
                features: ["sex": sexes[c[0]]!, "age_band": ages[Int(String(c[1]))!], "ward": ward])
        }
        func quota(_ category: String, _ feature: String, _ min: Int, _ max: Int) -> PanelQuota {
            PanelQuota(category: category, feature: feature, min: min, max: max)
        }
        let wardBounds = [1, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0]
        let quotas =
            [quota("sex", "female", 11, 13), quota("sex", "male", 11, 13), quota("sex", "prefer_not_to_say", 0, 24)]
            + [quota("age_band", "16_24", 2, 5), quota("age_band", "75_plus", 1, 4)]
            + ages.filter { $0 != "16_24" && $0 != "75_plus" }.map { quota("age_band", $0, 0, 24) }
            + zip(wards, wardBounds).map { quota("ward", $0, $1, $1 + 3) }
        return PanelProblem(panelSize: 24, quotas: quotas, volunteers: volunteers)
    }()

    @Test func leximinFinishesOnTheDemoInstance() throws {
        let problem = Self.problem
        #expect(problem.volunteers.count == 180)
        let d = try PanelSelection.distribution(problem, algorithm: .leximin, seed: 1, timeLimit: 60)
        #expect(!d.panels.isEmpty)
        for panel in d.panels {
            #expect(panel.count == 24)
            #expect(Set(panel).count == 24)
            #expect(PanelSelectionTests.meetsQuotas(panel, problem))
        }
        #expect(abs(d.weights.reduce(0, +) - 1) < 1e-9)
        #expect(abs(d.probabilities.reduce(0, +) - 24) < 1e-9)
        // The maximin level: 13/112 for the hardest-to-place volunteers.
        #expect(abs(d.probabilities.min()! - 13.0 / 112) < 1e-6)
    }

    @Test func aSelectionOutOfTimeIsASolverErrorNotAHang() {
        #expect {
            _ = try PanelSelection.distribution(Self.problem, algorithm: .leximin, seed: 1, timeLimit: 0)
        } throws: { error in
            guard case PanelError.solver(let message) = error else { return false }
            return message.contains("time limit")
        }
    }
}
