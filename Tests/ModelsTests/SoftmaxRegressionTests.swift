import Testing
import Models
import Tensors
import TestSupport

@Suite struct SoftmaxRegressionTests {
    @Test func itsGradientPassesTheChecker() {
        var generator = SeededGenerator(seed: 3)
        let model = SoftmaxRegression<Double>(featureSize: 4, classes: 3, generator: &generator)
        let features = Tensor<Double>.randomNormal([6, 4], generator: &generator)
        let labels = [0, 2, 1, 1, 0, 2]
        let report = GradientChecker.check(parameters: model.parameters) {
            model.loss(features, labels: labels, weightDecay: 0.1)
        }
        #expect(report.passes(tolerance: 1e-6), "\(report.maxRelativeError)")
    }

    @Test func itSeparatesThreeWellSeparatedClusters() {
        // Three clusters around (4, 0), (−4, 0), (0, 4) with unit noise: a linear boundary exists.
        var generator = SeededGenerator(seed: 9)
        let centres: [[Float]] = [[4, 0], [-4, 0], [0, 4]]
        let labels = (0..<90).map { $0 % 3 }
        let noise = Tensor<Float>.randomNormal([90, 2], generator: &generator).scalars
        let points = labels.enumerated().flatMap { index, label in
            [centres[label][0] + noise[2 * index], centres[label][1] + noise[2 * index + 1]]
        }
        let features = Tensor<Float>(shape: [90, 2], scalars: points)
        let model = SoftmaxRegression<Float>(featureSize: 2, classes: 3, generator: &generator)
        let before = model.accuracy(features, labels: labels)
        let losses = model.fit(features, labels: labels, steps: 200)
        #expect(losses.last! < losses.first! / 5, "\(losses.first!) → \(losses.last!)")
        #expect(model.accuracy(features, labels: labels) >= 0.97, "accuracy \(model.accuracy(features, labels: labels)) (was \(before))")
    }
}
