import Testing
@testable import Book

@Suite struct LineFitTests {
    @Test func pointsOnALineGiveItsSlopeAndIntercept() {
        let fit = leastSquaresLine(x: [0, 1, 2, 3], y: [1, 3, 5, 7])
        #expect(abs(fit.slope - 2) < 1e-15 && abs(fit.intercept - 1) < 1e-15)
    }

    @Test func symmetricNoiseLeavesTheSlope() {
        // Residuals +1, −1, −1, +1 are orthogonal to x − mean(x), so the slope stays 0.5 exactly.
        let fit = leastSquaresLine(x: [0, 1, 2, 3], y: [1, -0.5, 0, 2.5])
        #expect(abs(fit.slope - 0.5) < 1e-15)
        #expect(abs(fit.intercept - 0) < 1e-15)
    }
}
