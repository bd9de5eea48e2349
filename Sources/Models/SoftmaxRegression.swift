// A linear classifier: how much a code is worth as features is what it lets this model do.
import Optimizers
import NeuralNetworks
import Tensors

/// Softmax regression: class scores W f + b for features f, trained on the cross-entropy.
public final class SoftmaxRegression<S: TensorScalar>: Module {
    public typealias Scalar = S
    /// features → classes.
    public let classifier: Linear<S>

    /// A classifier of `featureSize` features into `classes` classes.
    public init(featureSize: Int, classes: Int, generator: inout SeededGenerator) {
        require(featureSize > 0 && classes > 1, "SoftmaxRegression",
                "needs at least one feature and two classes, got \(featureSize) and \(classes)")
        classifier = Linear(inputSize: featureSize, outputSize: classes, generator: &generator)
    }

    public var submodules: [(name: String, module: any Module<S>)] { [("classifier", classifier)] }

    /// features [n, f] → class scores [n, classes].
    public func callAsFunction(_ features: Tensor<S>) -> Tensor<S> { classifier(features) }

    /// The mean cross-entropy of the scores against `labels`, plus `weightDecay`·‖W‖²/2.
    public func loss(_ features: Tensor<S>, labels: [Int], weightDecay: S = 0) -> Tensor<S> {
        let data = crossEntropy(logits: self(features), targets: labels)
        return weightDecay == 0 ? data : data + classifier.weight.squared().sum() * (weightDecay / 2)
    }

    /// Trains on all rows at once with Adam for `steps` steps; returns the loss of every step.
    @discardableResult
    public func fit(_ features: Tensor<S>, labels: [Int], steps: Int, learningRate: Double = 0.05,
                    weightDecay: S = 0) -> [Double] {
        require(features.rank == 2 && features.shape[0] == labels.count, "SoftmaxRegression.fit",
                "features \(describe(features.shape)) need one label per row, got \(labels.count)")
        require(steps > 0, "SoftmaxRegression.fit", "steps must be positive, got \(steps)")
        let optimizer = Adam(parameters: parameters, learningRate: learningRate)
        var losses: [Double] = []
        for step in 1...steps {
            optimizer.zeroGradients()
            let value = loss(features, labels: labels, weightDecay: weightDecay)
            let scalar = Double(value.scalars[0])
            if !scalar.isFinite {
                stopDivergedTraining("softmax regression", step: step, loss: scalar, learningRate: learningRate)
            }
            value.backward()
            optimizer.step()
            losses.append(scalar)
        }
        return losses
    }

    /// The predicted class of each row.
    public func predict(_ features: Tensor<S>) -> [Int] {
        GradientRecording.withoutGradients { self(features).argmax(alongAxis: -1) }
    }

    /// The fraction of rows whose predicted class is the label.
    public func accuracy(_ features: Tensor<S>, labels: [Int]) -> Double {
        require(features.shape.first == labels.count && !labels.isEmpty, "SoftmaxRegression.accuracy",
                "features \(describe(features.shape)) need one label per row, got \(labels.count)")
        return Double(zip(predict(features), labels).filter { $0 == $1 }.count) / Double(labels.count)
    }
}
