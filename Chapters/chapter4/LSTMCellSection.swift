// Section 2 of chapter 4: the LSTM cell, its gates written out and its gradient checked.

import NeuralNetworks
import Notebook
import Plotting
import Tensors

/// Compares the library's LSTM cell with its gate formulas and gradient-checks one step.
func lstmCellSection(_ book: Notebook, generator: inout SeededGenerator) {
    book.section("The LSTM cell")
    book.prose("""
    A recurrent network reads one embedded token xₜ at a time and updates a state. A plain recurrent \
    layer, hₜ = tanh(W xₜ + U hₜ₋₁ + b), multiplies the gradient by U and by tanh′ at every step back in \
    time, so over long sequences the gradient tends to vanish or explode. The long short-term memory \
    (LSTM) cell adds a second state, the cell c, that is changed only by element-wise gates. Four \
    vectors are computed from the input and the previous hidden state:
    """)
    book.formula("""
    i = σ(W_ii x + b_ii + W_hi h + b_hi)      input gate: how much to write
    f = σ(W_if x + b_if + W_hf h + b_hf)      forget gate: how much of c to keep
    g = tanh(W_ig x + b_ig + W_hg h + b_hg)   candidate values to write
    o = σ(W_io x + b_io + W_ho h + b_ho)      output gate: how much of c to show
    c′ = f ⊙ c + i ⊙ g                        h′ = o ⊙ tanh(c′)
    """)
    book.prose("""
    σ is the logistic sigmoid, so every gate lies between 0 and 1, and ⊙ multiplies element by element. \
    Along the path c → c′ the gradient is multiplied only by f: when the forget gate stays near 1, \
    information (and gradient) can travel many steps. The four weight matrices are stored stacked, in \
    PyTorch's order i, f, g, o: weight_ih is [4·hidden, input] and weight_hh is [4·hidden, hidden], with \
    two bias vectors of 4·hidden. The library's cell computes the element-wise part in one fused \
    operation; here it is compared with the formulas written out with ordinary tensor operations.
    """)
    book.prose("""
    Figure lstm-cell.png draws one step of the cell: the cell state runs along the top and is changed \
    only by the forget gate's product and the added i ⊙ g; the four gates along the bottom all read xₜ \
    and hₜ₋₁; the output gate decides how much of tanh(cₜ) becomes hₜ.
    """)
    book.figure("lstm-cell.png", caption: "one LSTM step: the four gates i, f, g, o and the states c and h") { path in
        try lstmCellDiagram().write(to: path)
    }
    let cell = LSTMCell<Double>(inputSize: 3, hiddenSize: 4, generator: &generator)
    let x = Tensor<Double>.randomNormal([2, 3], generator: &generator)
    let h0 = Tensor<Double>.randomNormal([2, 4], generator: &generator)
    let c0 = Tensor<Double>.randomNormal([2, 4], generator: &generator)
    let preactivation = x.matmul(cell.weightIH, transposeOther: true) + cell.biasIH
        + h0.matmul(cell.weightHH, transposeOther: true) + cell.biasHH              // [batch, 4·hidden]
    let gate = { (k: Int) in preactivation.slice(alongAxis: 1, (4 * k)..<(4 * k + 4)) }
    let cByHand = gate(1).sigmoid() * c0 + gate(0).sigmoid() * gate(2).tanh()
    let hByHand = gate(3).sigmoid() * cByHand.tanh()
    let (hCell, cCell) = cell(x, state: (h0, c0))
    let formulaError = max(largestDifference(hCell, hByHand), largestDifference(cCell, cByHand))
    book.check("LSTM cell equals the gate formulas", measured: formulaError, tolerance: 1e-12)
    let oneStep = GradientChecker.check(parameters: [x.detached(requiresGradient: true)] + cell.parameters) {
        let (h, c) = cell(x, state: (h0, c0))
        return Tensor.concatenate([h, c], alongAxis: 1)
    }
    let oneStepInputs = GradientChecker.check([x, h0, c0]) { v in
        let (h, c) = cell(v[0], state: (v[1], v[2]))
        return Tensor.concatenate([h, c], alongAxis: 1)
    }
    book.check("gradient check of one LSTM step (parameters)", measured: oneStep.maxRelativeError, tolerance: 1e-6)
    book.check("gradient check of one LSTM step (x, h, c)", measured: oneStepInputs.maxRelativeError, tolerance: 1e-6)
}
