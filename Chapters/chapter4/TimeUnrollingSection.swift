// Section 3 of chapter 4: stacked layers, dropout between them, and back-propagation through time.

import NeuralNetworks
import Notebook
import Tensors

/// Gradient-checks a 2-layer LSTM unrolled over 6 steps.
func timeUnrollingSection(_ book: Notebook, generator: inout SeededGenerator) {
    book.section("Stacked layers and back-propagation through time")
    book.prose("""
    Layers can be stacked: layer 2 reads the sequence of hidden states of layer 1 instead of the \
    embeddings. Between layers, dropout zeroes each element with probability p during training and \
    scales the survivors by 1/(1 − p), so the next layer cannot rely on any single unit; in evaluation \
    mode it does nothing. Training a recurrent network means unrolling it: the same weights are applied \
    at every step, so the computation over T steps is one deep network with shared weights, and the \
    gradient of a weight is the sum of its gradients at every step. That is back-propagation through \
    time, and the tape does it without any special code. The check below unrolls a 2-layer LSTM over \
    6 steps and compares the tape's gradients with central differences, for every weight and every input \
    element. Dropout is switched off for the check (evaluation mode), since a random mask drawn anew at \
    every evaluation would make the finite differences meaningless.
    """)
    let stack = LSTM<Double>(inputSize: 3, hiddenSize: 4, layerCount: 2, dropout: 0.5, generator: &generator)
    stack.setTraining(false)
    let sequence = Tensor<Double>.randomNormal([2, 6, 3], generator: &generator).detached(requiresGradient: true)
    let unrolled = GradientChecker.check(parameters: [sequence] + stack.parameters) {
        let (outputs, state) = stack(sequence)
        return Tensor.concatenate([outputs.reshaped(to: [2, 24]), state.h[0], state.c[1]], alongAxis: 1)
    }
    book.check("gradient check, 2-layer LSTM over 6 steps",
               measured: unrolled.maxRelativeError, tolerance: 1e-6)
}
