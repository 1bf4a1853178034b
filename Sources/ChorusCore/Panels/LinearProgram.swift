import CGLPK
import Foundation

/// One LP or MIP in GLPK (Debian's libglpk), built and solved through its C API. Panel selection needs three kinds
/// of solve: a mixed-integer program (the best panel under the quotas, with glp_intopt and its presolver), a
/// simplex solve that can be repeated warm after new columns arrive (column generation), and an interior-point
/// solve (glp_interior) whose duals are strictly complementary, which LEXIMIN uses to fix many probabilities at
/// once, as the reference does with Gurobi's barrier without crossover.
///
/// Every index is checked before it reaches GLPK, because GLPK aborts the process on a bad argument; solver
/// failures come back as `LinearProgram.Failure`, never a crash. GLPK keeps no state shared between problem
/// objects (only the terminal switch, which is set off once), so separate programs may be solved on separate
/// threads; one program is not `Sendable` and stays on the thread that made it. Indices are 0-based here
/// (GLPK's are 1-based). The problem object is freed (glp_delete_prob) when the program is released.
final class LinearProgram {
    enum Kind { case continuous, integer, binary }

    enum Failure: Error, CustomStringConvertible {
        /// The solver stopped without a usable answer (GLPK's return code and status are in the message).
        case solver(String)
        /// No solution satisfies the rows and bounds.
        case infeasible
        /// The objective can grow without end.
        case unbounded
        var description: String {
            switch self {
            case .solver(let message): "LP solver: \(message)"
            case .infeasible: "LP solver: no feasible solution"
            case .unbounded: "LP solver: unbounded objective"
            }
        }
    }

    private let problem: OpaquePointer
    private(set) var columnCount = 0
    private(set) var rowCount = 0

    init(maximize: Bool) {
        _ = LinearProgram.terminalOff
        problem = glp_create_prob()
        glp_set_obj_dir(problem, maximize ? GLP_MAX : GLP_MIN)
    }

    deinit { glp_delete_prob(problem) }

    /// GLPK prints to the terminal by default; switched off once for the process.
    private static let terminalOff: Void = { _ = glp_term_out(GLP_OFF) }()

    /// Adds a column with bounds (nil = unbounded on that side) and objective coefficient; returns its index.
    @discardableResult
    func addColumn(lower: Double? = 0, upper: Double? = nil, objective: Double = 0, kind: Kind = .continuous) throws -> Int {
        let type = try boundType(lower, upper)
        let j = glp_add_cols(problem, 1)
        glp_set_col_bnds(problem, j, type, lower ?? 0, upper ?? 0)
        glp_set_obj_coef(problem, j, objective)
        switch kind {
        case .continuous: break
        case .integer: glp_set_col_kind(problem, j, GLP_IV)
        case .binary: glp_set_col_kind(problem, j, GLP_BV)
        }
        columnCount += 1
        return Int(j) - 1
    }

    /// Adds a row lower ≤ Σ coefficient × column ≤ upper (nil = unbounded on that side); returns its index.
    /// Repeated column indices are summed.
    @discardableResult
    func addRow(_ entries: [(column: Int, coefficient: Double)], lower: Double?, upper: Double?) throws -> Int {
        var merged: [Int: Double] = [:]
        for entry in entries {
            guard entry.column >= 0 && entry.column < columnCount else {
                throw Failure.solver("row refers to column \(entry.column) of \(columnCount)")
            }
            merged[entry.column, default: 0] += entry.coefficient
        }
        let type = try boundType(lower, upper)
        let i = glp_add_rows(problem, 1)
        glp_set_row_bnds(problem, i, type, lower ?? 0, upper ?? 0)
        let sorted = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        var indices: [Int32] = [0] + sorted.map { Int32($0.key + 1) }
        var values: [Double] = [0] + sorted.map(\.value)
        glp_set_mat_row(problem, i, Int32(sorted.count), &indices, &values)
        rowCount += 1
        return Int(i) - 1
    }

    /// Replaces a row's entries and bounds (the basis is kept for the next warm solve).
    func setRow(_ row: Int, _ entries: [(column: Int, coefficient: Double)], lower: Double?, upper: Double?) throws {
        guard row >= 0 && row < rowCount else { throw Failure.solver("no row \(row)") }
        var merged: [Int: Double] = [:]
        for entry in entries {
            guard entry.column >= 0 && entry.column < columnCount else {
                throw Failure.solver("row refers to column \(entry.column) of \(columnCount)")
            }
            merged[entry.column, default: 0] += entry.coefficient
        }
        glp_set_row_bnds(problem, Int32(row + 1), try boundType(lower, upper), lower ?? 0, upper ?? 0)
        let sorted = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        var indices: [Int32] = [0] + sorted.map { Int32($0.key + 1) }
        var values: [Double] = [0] + sorted.map(\.value)
        glp_set_mat_row(problem, Int32(row + 1), Int32(sorted.count), &indices, &values)
    }

    /// Adds a column that already has entries in existing rows (column generation); returns its index.
    @discardableResult
    func addColumn(
        _ entries: [(row: Int, coefficient: Double)], lower: Double? = 0, upper: Double? = nil, objective: Double = 0
    ) throws -> Int {
        for entry in entries where entry.row < 0 || entry.row >= rowCount {
            throw Failure.solver("column refers to row \(entry.row) of \(rowCount)")
        }
        let j = try addColumn(lower: lower, upper: upper, objective: objective)
        let sorted = entries.filter { $0.coefficient != 0 }.sorted { $0.row < $1.row }
        var indices: [Int32] = [0] + sorted.map { Int32($0.row + 1) }
        var values: [Double] = [0] + sorted.map(\.coefficient)
        glp_set_mat_col(problem, Int32(j + 1), Int32(sorted.count), &indices, &values)
        return j
    }

    func setObjective(_ column: Int, _ coefficient: Double) {
        guard column >= 0 && column < columnCount else { return }
        glp_set_obj_coef(problem, Int32(column + 1), coefficient)
    }

    func setColumnBounds(_ column: Int, lower: Double?, upper: Double?) throws {
        guard column >= 0 && column < columnCount else { throw Failure.solver("no column \(column)") }
        glp_set_col_bnds(problem, Int32(column + 1), try boundType(lower, upper), lower ?? 0, upper ?? 0)
    }

    func setRowBounds(_ row: Int, lower: Double?, upper: Double?) throws {
        guard row >= 0 && row < rowCount else { throw Failure.solver("no row \(row)") }
        glp_set_row_bnds(problem, Int32(row + 1), try boundType(lower, upper), lower ?? 0, upper ?? 0)
    }

    /// A solved program's values: primal value per column, dual value per row, objective.
    struct Solution {
        var objective: Double
        var values: [Double]
        var duals: [Double]
    }

    /// Wall-clock budget in seconds for every GLPK call on this program (glp_smcp.tm_lim, glp_iocp.tm_lim,
    /// and the caller's deadline); nil = none. A solve that runs out throws `Failure.solver`.
    var deadline: Date?

    /// GLPK's tm_lim (ms) for the time left before `deadline`; INT_MAX without one. Throws once it has passed.
    private func millisecondsLeft() throws -> Int32 {
        guard let deadline else { return Int32.max }
        let left = deadline.timeIntervalSinceNow
        guard left > 0 else { throw Failure.solver("time limit reached") }
        return Int32(min(Double(Int32.max), max(1, left * 1000)))
    }

    /// Simplex iterations one solve may take before it counts as cycling: far more than a non-degenerate path
    /// needs (a few times rows + columns).
    private var iterationLimit: Int32 { Int32(clamping: 50 * (rowCount + columnCount) + 10_000) }

    /// Primal simplex, warm from the last basis when there is one (presolve off: GLPK's presolver discards the
    /// basis, and column generation lives on the warm start). GLPK 5.0's primal simplex can cycle on the very
    /// degenerate masters of LEXIMIN (many type rows tight at the same z): a warm solve of a 108×110 master ran for
    /// minutes. So each solve has an iteration limit; when it is hit (or the warm basis is singular) the solve is
    /// repeated from the standard basis with the dual simplex and the textbook ratio test, then with the primal
    /// simplex and Dantzig's rule, before giving up with `Failure.solver`.
    func simplex() throws -> Solution {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = GLP_OFF
        parm.it_lim = iterationLimit
        parm.tm_lim = try millisecondsLeft()
        let base = glp_get_it_cnt(problem)
        var code = glp_simplex(problem, &parm)
        var tries: [(meth: Int32, pricing: Int32, ratio: Int32)] = [
            (GLP_DUALP, GLP_PT_PSE, GLP_RT_STD), (GLP_PRIMAL, GLP_PT_STD, GLP_RT_STD),
        ]
        while code != 0 && code != GLP_ETMLIM, !tries.isEmpty {
            let next = tries.removeFirst()
            glp_std_basis(problem)
            parm.meth = next.meth
            parm.pricing = next.pricing
            parm.r_test = next.ratio
            parm.tm_lim = try millisecondsLeft()
            code = glp_simplex(problem, &parm)
        }
        if code == GLP_ETMLIM { throw Failure.solver("time limit reached in the simplex method") }
        if code == GLP_EITLIM {
            throw Failure.solver("simplex method cycling (\(glp_get_it_cnt(problem) - base) iterations)")
        }
        guard code == 0 else { throw Failure.solver("glp_simplex returned \(code)") }
        switch glp_get_status(problem) {
        case GLP_OPT: break
        case GLP_NOFEAS: throw Failure.infeasible
        case GLP_UNBND: throw Failure.unbounded
        case let status: throw Failure.solver("simplex status \(status)")
        }
        return Solution(
            objective: glp_get_obj_val(problem),
            values: (0..<columnCount).map { glp_get_col_prim(problem, Int32($0 + 1)) },
            duals: (0..<rowCount).map { glp_get_row_dual(problem, Int32($0 + 1)) })
    }

    /// Interior point (no crossover): an optimal pair in the relative interior of the optimal faces, so a dual is
    /// positive wherever some optimal dual is.
    func interior() throws -> Solution {
        var parm = glp_iptcp()
        glp_init_iptcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        _ = try millisecondsLeft()
        let code = glp_interior(problem, &parm)
        guard code == 0 else { throw Failure.solver("glp_interior returned \(code)") }
        switch glp_ipt_status(problem) {
        case GLP_OPT: break
        case GLP_NOFEAS: throw Failure.infeasible
        case let status: throw Failure.solver("interior-point status \(status)")
        }
        return Solution(
            objective: glp_ipt_obj_val(problem),
            values: (0..<columnCount).map { glp_ipt_col_prim(problem, Int32($0 + 1)) },
            duals: (0..<rowCount).map { glp_ipt_row_dual(problem, Int32($0 + 1)) })
    }

    /// Branch and cut with GLPK's MIP presolver. Integer columns come back rounded to whole numbers.
    func integerOptimum() throws -> Solution {
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = GLP_ON
        parm.tm_lim = try millisecondsLeft()
        let code = glp_intopt(problem, &parm)
        if code == GLP_ETMLIM { throw Failure.solver("time limit reached in the MIP solver") }
        if code == GLP_ENOPFS || code == GLP_ENODFS { throw Failure.infeasible }
        guard code == 0 else { throw Failure.solver("glp_intopt returned \(code)") }
        switch glp_mip_status(problem) {
        case GLP_OPT: break
        case GLP_NOFEAS: throw Failure.infeasible
        case let status: throw Failure.solver("MIP status \(status)")
        }
        let values = (0..<columnCount).map { j -> Double in
            let v = glp_mip_col_val(problem, Int32(j + 1))
            return glp_get_col_kind(problem, Int32(j + 1)) == GLP_CV ? v : v.rounded()
        }
        return Solution(objective: glp_mip_obj_val(problem), values: values, duals: [])
    }

    /// GLPK's bound type; a lower bound above the upper one is an error here (GLPK would abort).
    private func boundType(_ lower: Double?, _ upper: Double?) throws -> Int32 {
        if let lower, let upper, lower > upper { throw Failure.solver("bounds \(lower) > \(upper)") }
        if lower?.isFinite == false || upper?.isFinite == false { throw Failure.solver("bounds must be finite") }
        return switch (lower, upper) {
        case (nil, nil): GLP_FR
        case (_?, nil): GLP_LO
        case (nil, _?): GLP_UP
        case (let l?, let u?): l == u ? GLP_FX : GLP_DB
        }
    }
}
