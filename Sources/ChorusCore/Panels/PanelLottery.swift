/// The simple stratified lottery (`PanelAlgorithm.lottery`): `draws` panels, each the feasible panel of largest total
/// weight under fresh seeded random weights per volunteer (uniform in [0, 1)), all equally likely (a panel drawn
/// twice counts twice). Every panel meets the quotas; the chances are whatever the random weights give (people in
/// rare groups that the quotas need are chosen more often, as in any quota lottery), estimated from the draws, not
/// balanced as LEXIMIN balances them. The distribution is exactly this lottery (one of the drawn panels, each with
/// its share of the draws), so a volunteer on none of them has probability 0 in it. It is not sortition-algorithms'
/// "legacy" greedy-by-category method.
enum PanelLottery {
    static let draws = 50

    static func panels(_ model: PanelModel, seed: UInt64) throws -> (panels: [[Int]], weights: [Double]) {
        let program = try model.volunteerProgram()
        var random = SeededRandom(state: seed)
        var found: [[Int]: Int] = [:]
        var order: [[Int]] = []
        for _ in 0..<draws {
            for v in model.problem.volunteers.indices {
                program.setObjective(v, PanelPortfolioStart.unitInterval(&random))
            }
            let solution = try program.integerOptimum()
            let panel = model.problem.volunteers.indices.filter { solution.values[$0] > 0.5 }
            if found[panel] == nil { order.append(panel) }
            found[panel, default: 0] += 1
        }
        return (order, order.map { Double(found[$0]!) / Double(draws) })
    }
}
