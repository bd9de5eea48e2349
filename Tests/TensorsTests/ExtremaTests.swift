import Testing
@testable import Tensors

@Suite struct ExtremaTests {
    let x = Tensor<Double>(shape: [2, 3], scalars: [0.5, -4, 2, 7, -1, 7], requiresGradient: true)

    @Test func maxAndMinOfTheWholeTensor() {
        #expect(x.max().shape == [])
        #expect(x.max().scalar == 7)
        #expect(x.min().scalar == -4)
        #expect(x.min(alongAxis: 1).scalars == [-4, -1])
        #expect(x.min(alongAxis: 0, keepingDimensions: true).shape == [1, 3])
    }

    @Test func maxPassesTheGradientToTheFirstLargestElementOnly() {
        x.zeroGradient()
        (x.max() * 3).backward()
        #expect(x.gradient!.scalars == [0, 0, 0, 3, 0, 0])
    }

    @Test func minPassesTheGradientToTheSmallestElement() {
        x.zeroGradient()
        x.min().backward()
        #expect(x.gradient!.scalars == [0, 1, 0, 0, 0, 0])
    }

    @Test func largestDifferenceIsTheLargestAbsoluteGap() {
        let a = Tensor<Float>(shape: [3], scalars: [1, 2, 3])
        let b = Tensor<Float>(shape: [3], scalars: [1.5, -2, 3])
        #expect(largestDifference(a, b) == 4)
        #expect(largestDifference(a, a) == 0)
        let broken = Tensor<Float>(shape: [3], scalars: [1, .nan, 3])
        #expect(largestDifference(a, broken).isNaN)
    }
}
