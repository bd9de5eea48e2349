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
}
