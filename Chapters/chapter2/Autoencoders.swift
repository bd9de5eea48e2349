// The chapter's two autoencoders and the loop that trains them.

import NeuralNetworks
import Optimizers
import Notebook
import Tensors

/// q(x) = W_q x and p(z) = W_p z: an autoencoder with no non-linearity and no biases
/// (the data it sees is mean-centred).
final class LinearAutoencoder<S: TensorScalar>: Module {
    typealias Scalar = S
    let encoder: Linear<S>
    let decoder: Linear<S>

    init(inputSize: Int, codeSize: Int, generator: inout SeededGenerator) {
        encoder = Linear(inputSize: inputSize, outputSize: codeSize, bias: false, generator: &generator)
        decoder = Linear(inputSize: codeSize, outputSize: inputSize, bias: false, generator: &generator)
    }

    var submodules: [(name: String, module: any Module<S>)] { [("encoder", encoder), ("decoder", decoder)] }

    /// x [n, d] → z [n, k].
    func encode(_ x: Tensor<S>) -> Tensor<S> { encoder(x) }
    /// z [n, k] → x̂ [n, d].
    func decode(_ z: Tensor<S>) -> Tensor<S> { decoder(z) }
    /// x [n, d] → p(q(x)) [n, d].
    func callAsFunction(_ x: Tensor<S>) -> Tensor<S> { decode(encode(x)) }
}

/// d → h → k → h → d with tanh in the hidden layers and a sigmoid on the output (pixels in 0…1).
final class MLPAutoencoder<S: TensorScalar>: Module {
    typealias Scalar = S
    let encoderHidden: Linear<S>
    let encoderCode: Linear<S>
    let decoderHidden: Linear<S>
    let decoderOutput: Linear<S>

    init(inputSize: Int, hiddenSize: Int, codeSize: Int, generator: inout SeededGenerator) {
        encoderHidden = Linear(inputSize: inputSize, outputSize: hiddenSize, generator: &generator)
        encoderCode = Linear(inputSize: hiddenSize, outputSize: codeSize, generator: &generator)
        decoderHidden = Linear(inputSize: codeSize, outputSize: hiddenSize, generator: &generator)
        decoderOutput = Linear(inputSize: hiddenSize, outputSize: inputSize, generator: &generator)
    }

    var submodules: [(name: String, module: any Module<S>)] {
        [("encoder.0", encoderHidden), ("encoder.2", encoderCode),
         ("decoder.0", decoderHidden), ("decoder.2", decoderOutput)]
    }

    /// x [n, d] → z [n, k].
    func encode(_ x: Tensor<S>) -> Tensor<S> { encoderCode(encoderHidden(x).tanh()) }
    /// z [n, k] → x̂ [n, d] in (0, 1).
    func decode(_ z: Tensor<S>) -> Tensor<S> { decoderOutput(decoderHidden(z).tanh()).sigmoid() }
    /// x [n, d] → p(q(x)) [n, d].
    func callAsFunction(_ x: Tensor<S>) -> Tensor<S> { decode(encode(x)) }
}

/// The chapter's loss: the mean over rows of the squared distance ‖x − x̂‖² (summed over pixels).
func reconstructionError<S: TensorScalar>(_ output: Tensor<S>, _ target: Tensor<S>) -> Tensor<S> {
    meanSquaredError(output, target) * S(Double(target.shape.last ?? 1))
}

/// Loss curves recorded while training: training loss by step, validation loss at a few steps.
struct LossHistory {
    var steps: [Double] = []
    var train: [Double] = []
    var validationSteps: [Double] = []
    var validation: [Double] = []
}

/// What to train on: inputs and targets (the same tensor for a plain autoencoder), and how.
struct TrainingPlan<S: TensorScalar> {
    var inputs: Tensor<S>
    var validation: Tensor<S>
    var steps: Int
    var batchSize: Int?
    var learningRate: Double
    /// Standard deviation of Gaussian noise added to the inputs (denoising), 0 for none.
    var inputNoise: Double = 0
    var validationEvery: Int = 100
}

/// Trains `model` with Adam on the reconstruction error of `plan`, reporting to `progress` and
/// counting its steps in `counter`. Minibatches are drawn without replacement in a fresh random
/// order every epoch.
func train<S: TensorScalar, M: Module<S>>(
    _ model: M, _ forward: (Tensor<S>) -> Tensor<S>, plan: TrainingPlan<S>,
    generator: inout SeededGenerator, progress: TrainingProgress?, counter: StepCounter? = nil,
    onStep: ((Double) -> Void)? = nil
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
            target = plan.inputs.gatherRows(Array(order.suffix(batchSize)))
            order.removeLast(batchSize)
        } else {
            target = plan.inputs
        }
        optimizer.zeroGradients()
        let loss = reconstructionError(forward(noisy(target, plan.inputNoise, &generator)), target)
        loss.backward()
        optimizer.step()
        history.steps.append(Double(step))
        history.train.append(Double(loss.scalar))
        counter?.advance()
        progress?.update(step: step, loss: Double(loss.scalar))
        onStep?(Double(loss.scalar))
        if step % plan.validationEvery == 0 || step == plan.steps { validate(step) }
    }
    return history
}

/// `x` plus Gaussian noise of standard deviation `sigma` (x itself when sigma is 0).
func noisy<S: TensorScalar>(_ x: Tensor<S>, _ sigma: Double, _ generator: inout SeededGenerator) -> Tensor<S> {
    guard sigma > 0 else { return x }
    return x + Tensor<S>.randomNormal(x.shape, standardDeviation: S(sigma), generator: &generator)
}
