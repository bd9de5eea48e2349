import Testing
import Tensors
@testable import Book

@Suite struct FigureDataTests {
    @Test func windowMeansAverageConsecutiveRuns() {
        let means = windowMeans([1, 3, 5, 7, 10], window: 2)
        #expect(means == [2, 6, 10])
    }

    @Test func rowsOfAMatrix() {
        let m = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(rows(of: m) == [[1, 2, 3], [4, 5, 6]])
    }

    @Test func smallTensorsAsRowsOfAlignedNumbers() {
        let t = Tensor<Double>(shape: [2, 3], scalars: [1, -20, 3, 4.5, 5, 600])
        #expect(rowsText(t) == "[   1  -20    3 ]\n[   4    5  600 ]")   // every number 3 wide
        #expect(rowsText(Tensor<Double>(shape: [2], scalars: [0.25, 1]), decimals: 2) == "[ 0.25  1.00 ]")
    }
}
