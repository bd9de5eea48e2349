// Introduced in chapter 2: the loop that trains an autoencoder on the reconstruction error.
import Models
import NeuralNetworks
import Optimizers
import Tensors

/// Loss curves recorded while training: training loss by step, validation loss at a few steps.
public struct LossHistory: Sendable {
    /// The step of every training loss (1, 2, …).
    public var steps: [Double] = []
    /// The training loss of every step.
    public var train: [Double] = []
    /// The steps at which the validation loss was measured (0 = before training).
    public var validationSteps: [Double] = []
    /// The validation loss at those steps.
    public var validation: [Double] = []

    /// An empty history.
    public init() {}

    /// This history followed by `later`, a second phase of training that continues from where this one ended.
    ///
    /// `later`'s steps are shifted past this history's; its first validation point (its step 0, the
    /// same state as this history's last one) is dropped.
    public func followed(by later: LossHistory) -> LossHistory {
        let offset = steps.last ?? 0
        var joined = self
        joined.steps += later.steps.map { $0 + offset }
        joined.train += later.train
        joined.validationSteps += later.validationSteps.dropFirst().map { $0 + offset }
        joined.validation += later.validation.dropFirst()
        return joined
    }
}

/// What to train an autoencoder on, and how.
public struct TrainingPlan<S: TensorScalar> {
    /// The training rows [n, d]; each is both input and target.
    public var inputs: Tensor<S>
    /// Rows held out to measure the validation loss [m, d].
    public var validation: Tensor<S>
    /// Adam steps to take.
    public var steps: Int
    /// Rows per minibatch; nil (or at least n) for full-batch steps.
    public var batchSize: Int?
    /// Adam's learning rate.
    public var learningRate: Double
    /// Standard deviation of Gaussian noise added to the inputs (a denoising autoencoder), 0 for none.
    public var inputNoise: Double
    /// Steps between two measurements of the validation loss.
    public var validationEvery: Int

    /// A plan; see the properties for each argument.
    public init(inputs: Tensor<S>, validation: Tensor<S>, steps: Int, batchSize: Int?, learningRate: Double,
                inputNoise: Double = 0, validationEvery: Int = 100) {
        require(steps > 0, "TrainingPlan", "steps must be positive, got \(steps)")
        require(batchSize.map { $0 > 0 } ?? true, "TrainingPlan", "batch size must be positive, got \(batchSize!)")
        require(inputs.rank == 2 && validation.rank == 2 && inputs.shape[1] == validation.shape[1], "TrainingPlan",
                "inputs \(describe(inputs.shape)) and validation \(describe(validation.shape)) must be rows of one width")
        (self.inputs, self.validation, self.steps) = (inputs, validation, steps)
        (self.batchSize, self.learningRate, self.inputNoise) = (batchSize, learningRate, inputNoise)
        self.validationEvery = validationEvery
    }
}

/// Trains `model` (through `forward`) with Adam on the reconstruction error of `plan`.
///
/// Minibatches are drawn without replacement, in a fresh random order every epoch. The validation
/// loss is measured before the first step, every `plan.validationEvery` steps and after the last.
/// `onStep` receives each step's number (from 1) and training loss, e.g. for a progress line.
/// A training loss that is NaN or infinite stops the program (`stopDivergedTraining`) before the update.
public func trainReconstruction<S: TensorScalar, M: Module<S>>(
    _ model: M, _ forward: (Tensor<S>) -> Tensor<S>, plan: TrainingPlan<S>,
    generator: inout SeededGenerator, onStep: (_ step: Int, _ loss: Double) -> Void = { _, _ in }
) -> LossHistory {
    let optimizer = Adam(parameters: model.parameters, learningRate: plan.learningRate)
    let rows = plan.inputs.shape[0]
    var history = LossHistory()
    var order: [Int] = []
    func validate(_ step: Int) {
        let loss = GradientRecording.withoutGradients {
            reconstructionError(forward(noisy(plan.validation, plan.inputNoise, &generator)), plan.validation)
        }
        history.validationSteps.append(Double(step))
        history.validation.append(Double(loss.scalar))
    }
    validate(0)
    for step in 1...plan.steps {
        let target: Tensor<S>
        if let batchSize = plan.batchSize, batchSize < rows {
            if order.count < batchSize { order = generator.permutation(rows) }
            target = plan.inputs.gatherRows(Array(order.suffix(batchSize)))   // [batch, d]
            order.removeLast(batchSize)
        } else {
            target = plan.inputs
        }
        optimizer.zeroGradients()
        let loss = reconstructionError(forward(noisy(target, plan.inputNoise, &generator)), target)
        let value = Double(loss.scalar)
        if !value.isFinite {
            stopDivergedTraining("the autoencoder \(M.self)", step: step, loss: value, learningRate: plan.learningRate)
        }
        loss.backward()
        optimizer.step()
        history.steps.append(Double(step))
        history.train.append(value)
        onStep(step, value)
        if step % plan.validationEvery == 0 || step == plan.steps { validate(step) }
    }
    return history
}

/// `x` plus Gaussian noise of standard deviation `sigma` (x itself when sigma is 0).
public func noisy<S: TensorScalar>(_ x: Tensor<S>, _ sigma: Double, _ generator: inout SeededGenerator) -> Tensor<S> {
    guard sigma > 0 else { return x }
    return x + Tensor<S>.randomNormal(x.shape, standardDeviation: S(sigma), generator: &generator)
}
