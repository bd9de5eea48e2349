// Introduced in chapter 6: the loop that trains a variational autoencoder on the (β-weighted) ELBO.
import Models
import NeuralNetworks
import Optimizers
import Tensors

/// Trains `model` with Adam on minibatches of `inputs` [n, d], minimising −(log p(x|z) − β·KL).
///
/// Minibatches are drawn without replacement, in a fresh random order every epoch; every step draws
/// fresh noise ε for the reparameterised sample. Returns the loss of every step; `onStep` receives
/// each step's number (from 1) and loss. A loss that is NaN or infinite stops the program.
@discardableResult
public func trainVariationalAutoencoder<S: TensorScalar>(
    _ model: VariationalAutoencoder<S>, inputs: Tensor<S>, steps: Int, batchSize: Int, learningRate: Double,
    beta: Double = 1, generator: inout SeededGenerator, onStep: (_ step: Int, _ loss: Double) -> Void = { _, _ in }
) -> [Double] {
    require(inputs.rank == 2 && inputs.shape[0] > 0, "trainVariationalAutoencoder",
            "inputs must be rows [n, d], got \(describe(inputs.shape))")
    require(steps > 0 && batchSize > 0, "trainVariationalAutoencoder",
            "steps and batch size must be positive, got \(steps) and \(batchSize)")
    require(beta >= 0 && beta.isFinite, "trainVariationalAutoencoder", "β must be finite and at least 0, got \(beta)")
    let optimizer = Adam(parameters: model.parameters, learningRate: learningRate)
    let rows = inputs.shape[0], size = min(batchSize, rows)
    var order: [Int] = [], losses: [Double] = []
    for step in 1...steps {
        if order.count < size { order = generator.permutation(rows) }
        let batch = inputs.gatherRows(Array(order.suffix(size)))                                   // [batch, d]
        order.removeLast(size)
        let noise = Tensor<S>.randomNormal([size, model.codeSize], generator: &generator)         // [batch, k]
        optimizer.zeroGradients()
        let loss = model.loss(batch, noise: noise, beta: S(beta))
        let value = Double(loss.scalar)
        if !value.isFinite {
            stopDivergedTraining("the variational autoencoder (β = \(beta))", step: step, loss: value,
                                 learningRate: learningRate)
        }
        loss.backward()
        optimizer.step()
        losses.append(value)
        onStep(step, value)
    }
    return losses
}
