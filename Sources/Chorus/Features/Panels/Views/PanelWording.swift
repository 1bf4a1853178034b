import Foundation
import Plot
import ChorusCore

/// Words and small pieces the staff and audit pages share: methods, stages, targets and the feasibility verdict.
enum PanelWording {
    static func algorithm(_ a: PanelAlgorithm) -> String {
        switch a {
        case .leximin: return "LEXIMIN (the fairest known: the lowest chance of selection as high as possible, then the next)"
        case .maximin: return "maximin (the lowest chance of selection as high as possible)"
        case .lottery: return "stratified lottery"
        }
    }

    static func status(_ s: PanelSelectionService.Status) -> String {
        switch s {
        case .draft: return "Draft"
        case .published: return "Pool and targets published, not yet drawn"
        case .drawn: return "Drawn"
        }
    }

    static func personStatus(_ s: String) -> String {
        switch PanelSelectionService.PersonStatus(rawValue: s) {
        case .pool: return "In the pool"
        case .selected: return "Selected, not yet contacted"
        case .invited: return "Invited by email"
        case .confirmed: return "Confirmed"
        case .declined: return "Declined"
        case .withdrawn: return "Withdrew"
        case .replacement: return "Selected as a replacement"
        case nil: return s
        }
    }

    static func percent(_ p: Double?) -> String { p.map { String(format: "%.2f%%", $0 * 100) } ?? "" }

    static func targetsTable(_ targets: [PanelQuota]) -> HNode {
        Lists.table(
            targets,
            columns: [
                .init(header: "Category") { .text($0.category) },
                .init(header: "Feature") { .text($0.feature) },
                .init(header: "At least") { .text(String($0.min)) },
                .init(header: "At most") { .text(String($0.max)) },
            ], caption: "Targets", empty: "No targets.")
    }

    /// Whether a panel can meet the targets, and if not, the smallest change to them that would let it.
    static func feasibility(_ f: PanelFeasibility) -> HNode {
        switch f {
        case .feasible:
            return H.el("p", ["class": "notice"], [.text("A panel meeting every target can be drawn from this pool.")])
        case .infeasible(let changes):
            return H.el(
                "div", ["class": "error-summary", "role": "alert"],
                [
                    H.el("h2", ["class": "heading-m"], [.text("No panel can meet every target")]),
                    changes.isEmpty
                        ? H.el("p", [:], [.text("The pool is smaller than the number of seats, or a household rule cannot be met.")])
                        : H.el(
                            "ul", [:],
                            changes.map { c in
                                H.el(
                                    "li", [:],
                                    [
                                        .text(
                                            "\(c.quota.category) \(c.quota.feature): from \(c.quota.min)–\(c.quota.max) to \(c.suggestedMin)–\(c.suggestedMax)"
                                        )
                                    ])
                            }),
                ])
        }
    }
}
