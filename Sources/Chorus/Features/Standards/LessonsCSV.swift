import Foundation
import ChorusCore

/// Lessons as CSV, a row an evaluated activity (cells escaped by `CSV.escape`).
enum LessonsCSV {
    static let header = [
        "activity", "organisation", "methods", "themes", "closed_on", "reached", "who_we_reached", "what_worked", "what_went_wrong",
        "do_differently", "participants_said", "cost_pounds", "evaluated_by", "evaluated_on",
    ]

    static func write(_ lessons: [EvaluationService.Lesson]) -> String {
        CSV.write(
            header: header,
            rows: lessons.map { l in
                [
                    l.title, l.organisation, l.methods.joined(separator: "; "), l.themes.joined(separator: "; "), l.closedOn?.description ?? "",
                    l.reached.rawValue, l.reachNotes, l.whatWorked, l.whatWentWrong, l.doDifferently, l.participantsSaid,
                    l.costPounds.map(String.init) ?? "", l.evaluatedBy, l.evaluatedOn.description,
                ]
            })
    }
}
