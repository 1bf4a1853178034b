import Testing
@testable import ChorusCore

@Suite struct PanelLinearProgramTests {
    /// max 3x + 2y, x + y ≤ 4, x + 3y ≤ 9, x ≤ 3: optimum x = 3, y = 1, value 11; the first row's dual (shadow
    /// price) is 2, the second's 0. GLPK's sign convention is what the column generation relies on.
    @Test func simplexAndInteriorGiveTheOptimumAndTheDuals() throws {
        let lp = LinearProgram(maximize: true)
        let x = try lp.addColumn(lower: 0, upper: 3, objective: 3)
        let y = try lp.addColumn(lower: 0, upper: nil, objective: 2)
        try lp.addRow([(x, 1), (y, 1)], lower: nil, upper: 4)
        try lp.addRow([(x, 1), (y, 3)], lower: nil, upper: 9)
        let simplex = try lp.simplex()
        #expect(abs(simplex.objective - 11) < 1e-9)
        #expect(abs(simplex.values[0] - 3) < 1e-9 && abs(simplex.values[1] - 1) < 1e-9)
        #expect(abs(simplex.duals[0] - 2) < 1e-9 && abs(simplex.duals[1]) < 1e-9)
        let interior = try lp.interior()
        #expect(abs(interior.objective - 11) < 1e-6)
    }

    @Test func integerProgramsRoundAndInfeasibilityIsAnError() throws {
        let mip = LinearProgram(maximize: true)
        let a = try mip.addColumn(lower: 0, upper: 10, objective: 1, kind: .integer)
        try mip.addRow([(a, 2)], lower: nil, upper: 7)
        #expect(try mip.integerOptimum().values == [3])
        let none = LinearProgram(maximize: false)
        let b = try none.addColumn(lower: 0, upper: 1, kind: .binary)
        try none.addRow([(b, 1)], lower: 2, upper: nil)
        #expect(throws: LinearProgram.Failure.self) { try none.integerOptimum() }
    }

    /// GLPK aborts the process on bad bounds or indices; the wrapper refuses them first.
    @Test func badArgumentsAreErrorsNotCrashes() throws {
        let lp = LinearProgram(maximize: true)
        #expect(throws: LinearProgram.Failure.self) { try lp.addColumn(lower: 2, upper: 1) }
        #expect(throws: LinearProgram.Failure.self) { try lp.addRow([(column: 5, coefficient: 1)], lower: 0, upper: 1) }
        #expect(throws: LinearProgram.Failure.self) { try lp.addColumn(lower: 0, upper: .infinity) }
        #expect(throws: LinearProgram.Failure.self) { try lp.setRowBounds(3, lower: 0, upper: 1) }
    }
}
