// Chapter 4 — Recurrent encoder and decoder: embeddings, the LSTM, back-propagation through time,
// and a sequence autoencoder whose only bridge from input to output is the encoder's final state.
import Foundation
import Tensors
import NeuralNetworks
import Optimizers
import Models
import Datasets
import Plotting
import Notebook
import Grading

let book = Notebook(
    chapter: 4, title: "Recurrent encoder and decoder",
    summary: "An encoder reads a sequence of tokens into a state; a decoder writes a sequence back out of it. "
        + "This chapter builds both from LSTM cells, checks their gradients through time, and trains a "
        + "sequence autoencoder whose only bottleneck is the encoder's final state.")
book.exercises([
    Exercise(name: "a GRU cell", hint: "Slice the three gates out of x·W_ihᵀ + b_ih and h·W_hhᵀ + b_hh; r multiplies "
             + "only the hidden part of n, bias included.", stub: "Chapters/chapter4/Exercises.swift") {
        try gradeGRUCell(gruCell)
    },
    Exercise(name: "greedy decoding", hint: "Keep the decoder's state from step to step and feed back the argmax "
             + "of each step's scores.", stub: "Chapters/chapter4/Exercises.swift") {
        try gradeGreedyDecoding(greedyDecode)
    },
])

/// Every random number of the chapter's small examples comes from this generator.
nonisolated(unsafe) var globalGenerator = SeededGenerator(seed: book.seed)

extension String {
    /// The string right-aligned in a field of `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

// MARK: 1. Tokens and embeddings
book.section("Tokens and embeddings")
book.prose("""
A sentence, a date or a random code reaches a network as a list of token ids: integers that name \
symbols in a vocabulary. The ids carry no meaning as numbers (token 7 is not 'more' than token 6), so \
the first layer replaces each id by a learned vector, its embedding. The embedding table E has one row \
per token; looking up token k returns row k. That is the same as multiplying a one-hot vector (1 at \
position k, 0 elsewhere) by E, so the gradient of a lookup reaches only the rows that were looked up.
""")
book.formula("embed(k) = E[k, :] = onehot(k) · E        E: [vocabulary, embedding]")
let tokens = [3, 0, 5, 3]
let table = Embedding<Double>(vocabularySize: 6, dimension: 4, generator: &globalGenerator)
let oneHot = Tensor<Double>(shape: [4, 6], scalars: tokens.flatMap { k in (0..<6).map { $0 == k ? 1.0 : 0.0 } })
let lookupError = (table(tokens, shape: [4]) - oneHot.matmul(table.weight)).absolute().max(alongAxis: 1).max(alongAxis: 0).scalar
book.check("lookup equals one-hot × table", measured: lookupError, tolerance: 0)

// MARK: 2. The LSTM cell
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
let cell = LSTMCell<Double>(inputSize: 3, hiddenSize: 4, generator: &globalGenerator)
let x = Tensor<Double>.randomNormal([2, 3], generator: &globalGenerator)
let h0 = Tensor<Double>.randomNormal([2, 4], generator: &globalGenerator)
let c0 = Tensor<Double>.randomNormal([2, 4], generator: &globalGenerator)
let preactivation = x.matmul(cell.weightIH, transposeOther: true) + cell.biasIH
    + h0.matmul(cell.weightHH, transposeOther: true) + cell.biasHH              // [batch, 4·hidden]
let gate = { (k: Int) in preactivation.slice(alongAxis: 1, (4 * k)..<(4 * k + 4)) }
let cByHand = gate(1).sigmoid() * c0 + gate(0).sigmoid() * gate(2).tanh()
let hByHand = gate(3).sigmoid() * cByHand.tanh()
let (hCell, cCell) = cell(x, state: (h0, c0))
let formulaError = max((hCell - hByHand).absolute().max(alongAxis: 1).max(alongAxis: 0).scalar,
                       (cCell - cByHand).absolute().max(alongAxis: 1).max(alongAxis: 0).scalar)
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

// MARK: 3. Stacking and back-propagation through time
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
let stack = LSTM<Double>(inputSize: 3, hiddenSize: 4, layerCount: 2, dropout: 0.5, generator: &globalGenerator)
stack.setTraining(false)
let sequence = Tensor<Double>.randomNormal([2, 6, 3], generator: &globalGenerator).detached(requiresGradient: true)
let unrolled = GradientChecker.check(parameters: [sequence] + stack.parameters) {
    let (outputs, state) = stack(sequence)
    return Tensor.concatenate([outputs.reshaped(to: [2, 24]), state.h[0], state.c[1]], alongAxis: 1)
}
book.check("gradient check, 2-layer LSTM over 6 steps",
           measured: unrolled.maxRelativeError, tolerance: 1e-6)

// MARK: 4. The sequence autoencoder
book.section("A sequence autoencoder without attention")
book.prose("""
The encoder embeds the source tokens and runs an LSTM over them. Its outputs at each position are \
thrown away; only the final state (h and c of every layer) is handed to the decoder. That state is \
the bottleneck: a fixed number of values must hold a sequence of any length. The decoder is a second \
LSTM with its own embedding and a linear layer that turns its hidden state into one score per \
token. It starts from the encoder's final state and writes the sequence one token at a time.
""")
book.prose("""
Training uses teacher forcing: at step t the decoder reads the true previous token y_{t−1} (a start \
token s at the first step), not its own guess, so all steps of a batch can be scored at once and a \
mistake early on does not derail the rest of the lesson. The loss is the mean cross-entropy of the \
true tokens. At test time there is no true previous token: greedy decoding feeds back the most likely \
token of each step. Here every output has the length of its target, so no end token is needed.
""")
book.formula("""
decoder input   s, y₁, y₂, …, y_{T−1}
target          y₁, y₂, y₃, …, y_T
loss = −(1/T) Σₜ log softmax(W_out hₜ + b_out)[yₜ]
""")
let vocabulary = Vocabulary.numbered(20)
let quickRun = book.quick
let trainLengths = quickRun ? 3...6 : 3...10
let hiddenSizes = quickRun ? [16, 64] : [32, 128]
let configurations = hiddenSizes.map {
    Seq2SeqConfiguration(vocabularySize: vocabulary.count, embeddingSize: 32, hiddenSize: $0, usesAttention: false)
}
let trainers = configurations.enumerated().map { index, configuration in
    Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>(configuration, seed: book.seed &+ UInt64(index)),
                   learningRate: 3e-3, startToken: Vocabulary.start)
}
let probe = Array(SequenceTask.copy.generate(count: 3, lengths: 5...5, vocabulary: vocabulary, seed: book.seed).map(\.source))
let greedy = trainers[0].decode(sources: probe, targetLength: 5).tokens
let rereading = greedyDecodeByRereading(model: trainers[0].model, sources: probe, length: 5, startToken: Vocabulary.start)
book.check("greedy decoding equals re-reading its own prefix", passed: greedy == rereading,
           detail: "\(greedy.count * 5) tokens")
book.prose("""
The vocabulary has 20 ordinary tokens plus padding, start and end (\(vocabulary.count) ids); the embedding \
has 32 values. Two models differ only in the size of the bottleneck: hidden size \
\(hiddenSizes[0]) and \(hiddenSizes[1]). Their parameters:
""")
for (configuration, trainer) in zip(configurations, trainers) {
    let rows = trainer.model.parameterTable.map { row in
        row.name.padding(toLength: 26, withPad: " ", startingAt: 0) + "\(row.shape)".padding(toLength: 12, withPad: " ", startingAt: 0)
            + String(row.count).leftPadded(8)
    }
    book.code((["hidden \(configuration.hiddenSize):"] + rows + ["total".padding(toLength: 38, withPad: " ", startingAt: 0)
        + String(trainer.model.parameterCount).leftPadded(8)]).joined(separator: "\n"))
}

// MARK: 5. Training
book.section("Training on random sequences")
let steps = quickRun ? 120 : 1500, chunk = quickRun ? 30 : 100, batchSize = 64
book.prose("""
The task is to reconstruct a random sequence of \(trainLengths.lowerBound) to \(trainLengths.upperBound) \
tokens. Each batch holds \(batchSize) sequences of one length, drawn at random per batch, so nothing is \
padded. Both models see exactly the same batches, \(steps) steps of Adam (learning rate 0.003, \
gradients clipped to norm 5), trained at the same time on the two cores.
""")
var batchGenerator = SeededGenerator(seed: book.seed &+ 100)
let progress = book.progress("training two autoencoders (no attention)", total: steps)
let started = Date()
for done in stride(from: 0, to: steps, by: chunk) {
    let batches = (0..<min(chunk, steps - done)).map { _ -> SequenceBatch in
        let length = batchGenerator.integer(in: trainLengths)
        let pairs = SequenceTask.copy.generate(count: batchSize, lengths: length...length, vocabulary: vocabulary,
                                               seed: batchGenerator.next())
        return SequenceBatch(sources: pairs.map(\.source), targets: pairs.map(\.target))
    }
    Seq2SeqTrainer.trainConcurrently(trainers, on: [batches, batches])
    progress.update(step: done + batches.count, loss: trainers[1].losses.last)
}
let trainingSeconds = Date().timeIntervalSince(started)
_ = progress.finish(accuracy: nil, note: String(format: "%.1f ms per step for both models together",
                                                                   1000 * trainingSeconds / Double(steps)))
let window = quickRun ? 10 : 25
book.figure("loss.png", caption: "training loss of the two autoencoders (mean over \(window) steps)") { path in
    var chart = LineChart(title: "Sequence autoencoder without attention: training loss", xLabel: "step",
                          yLabel: "cross-entropy (mean over \(window) steps)", yScale: .log)
    for (configuration, trainer) in zip(configurations, trainers) {
        let smoothed = trainer.smoothedLosses(window: window)
        chart.add(series: "hidden \(configuration.hiddenSize)",
                  x: smoothed.indices.map { Double($0 * window + window / 2) }, y: smoothed)
    }
    try chart.write(to: path)
}
let firstLoss = trainers.map { $0.smoothedLosses(window: window).first ?? 0 }
let lastLoss = trainers.map { $0.smoothedLosses(window: window).last ?? 0 }
book.check("training lowers both losses", passed: zip(firstLoss, lastLoss).allSatisfy { $1 < 0.8 * $0 },
           detail: zip(firstLoss, lastLoss).map { String(format: "%.3f → %.3f", $0, $1) }.joined(separator: ", "))

// MARK: 6. Accuracy against length
book.section("Accuracy against length")
let testLengths = quickRun ? [3, 4, 6, 8, 12] : [3, 4, 6, 8, 10, 12, 14, 16, 20]
let testCount = quickRun ? 64 : 200
let accuracy = trainers.map { trainer in
    testLengths.map { length -> Double in
        let test = SequenceTask.copy.generate(count: testCount, lengths: length...length, vocabulary: vocabulary,
                                              seed: book.seed &+ 7_000 &+ UInt64(length))
        return trainer.accuracy(sources: test.map(\.source), targets: test.map(\.target)).tokenAccuracy
    }
}
let accuracyTable = (["length " + testLengths.map { String($0).leftPadded(6) }.joined()]
    + zip(configurations, accuracy).map { configuration, row in
        "h = \(configuration.hiddenSize)".padding(toLength: 7, withPad: " ", startingAt: 0)
            + row.map { String(format: "%6.2f", $0) }.joined()
    }).joined(separator: "\n")
book.code(accuracyTable)
let shortIndex = 0, longTrainedIndex = testLengths.lastIndex { $0 <= trainLengths.upperBound }!
let beyondIndex = testLengths.count - 1
let smallerIsWorse = zip(accuracy[0], accuracy[1]).allSatisfy { $0 <= $1 }
book.prose("""
The table gives the greedy token accuracy on \(testCount) fresh sequences per length (chance is 1/20 = 0.05). \
With the larger bottleneck, accuracy falls from \(String(format: "%.2f", accuracy[1][shortIndex])) at \
length \(testLengths[shortIndex]) to \(String(format: "%.2f", accuracy[1][longTrainedIndex])) at length \
\(testLengths[longTrainedIndex]), the longest length trained on, and to \
\(String(format: "%.2f", accuracy[1][beyondIndex])) at length \(testLengths[beyondIndex]). The smaller \
bottleneck \(smallerIsWorse ? "does worse at every length" : "is not worse everywhere; compare the rows"): \
\(String(format: "%.2f", accuracy[0][shortIndex])) at length \(testLengths[shortIndex]) and \
\(String(format: "%.2f", accuracy[0][longTrainedIndex])) at length \(testLengths[longTrainedIndex]). A fixed-size state must squeeze more tokens into the same \
numbers as the sequence grows, and beyond the trained lengths the decoder has never learned to keep \
going: it runs on with whatever its state drifts into. Chapter 5 removes the bottleneck with attention.
""")
book.figure("accuracy-vs-length.png", caption: "token accuracy by sequence length; trained on lengths "
            + "\(trainLengths.lowerBound)–\(trainLengths.upperBound)") { path in
    var chart = LineChart(title: "Without attention: accuracy falls with length", xLabel: "sequence length",
                          yLabel: "token accuracy (greedy)")
    for (configuration, row) in zip(configurations, accuracy) {
        chart.add(series: "hidden \(configuration.hiddenSize)", x: testLengths.map(Double.init), y: row, marker: .circle)
    }
    chart.add(series: "longest trained length", x: [Double(trainLengths.upperBound), Double(trainLengths.upperBound)],
              y: [0, 1], color: RGB(150, 150, 150))
    try chart.write(to: path)
}
book.check("accuracy falls with length within the trained range",
           passed: accuracy[1][shortIndex] > accuracy[1][longTrainedIndex],
           detail: String(format: "%.2f (length %d) > %.2f (%d)", accuracy[1][shortIndex], testLengths[shortIndex],
                          accuracy[1][longTrainedIndex], testLengths[longTrainedIndex]))
book.check("better than chance at length \(testLengths[shortIndex])",
           passed: accuracy[1][shortIndex] > (quickRun ? 0.1 : 0.5),
           detail: String(format: "%.2f > %.2f", accuracy[1][shortIndex], quickRun ? 0.1 : 0.5))

book.questions([
    "The encoder reads the source left to right, so the first tokens have travelled furthest when the decoder "
        + "must write them first. What happens to accuracy by position if the encoder reads the source reversed?",
    "Doubling the hidden size quadruples the recurrent weights. How does the length at which accuracy halves grow "
        + "with the hidden size?",
    "Teacher forcing never shows the decoder its own mistakes. What could go wrong at test time because of that, "
        + "and how would you measure it?",
])
book.finish()
