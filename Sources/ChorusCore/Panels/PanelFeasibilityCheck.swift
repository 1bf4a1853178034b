/// Whether any panel meets the quotas and, when none does, the smallest change that would make one possible. The
/// check is the panel ILP over volunteer types with two slack variables per quota, how far its min is lowered and
/// how far its max is raised, minimising their total (sortition-algorithms does the same with a weight that makes
/// lowering a small min dearer; here every step counts the same, so "the smallest total change" is literal). The
/// panel size and the households are kept as they are: a panel larger than the pool, or than the number of
/// households when they are kept apart, is a `PanelError.invalid` from the problem check, since no quota change
/// helps. A quota naming a feature nobody has with a min above zero is lowered to zero this way.
enum PanelFeasibilityCheck {
    static func check(_ model: PanelModel) throws -> PanelFeasibility {
        let plain = try model.typeProgram()
        do {
            _ = try plain.integerOptimum()
            return .feasible
        } catch LinearProgram.Failure.infeasible {
            // Fall through to the relaxation.
        }
        let relaxed = try model.typeProgram(slack: true)
        let solution = try relaxed.integerOptimum()
        let first = model.types.count
        var changes: [PanelRelaxation] = []
        for (q, quota) in model.problem.quotas.enumerated() {
            let lower = Int(solution.values[first + 2 * q].rounded())
            let raise = Int(solution.values[first + 2 * q + 1].rounded())
            if lower > 0 || raise > 0 {
                changes.append(PanelRelaxation(quota: quota, suggestedMin: quota.min - lower, suggestedMax: quota.max + raise))
            }
        }
        return .infeasible(changes)
    }
}
