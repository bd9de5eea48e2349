// Section 6: training attention to retrieve the value stored under a queried key.

import Book
import Datasets
import Foundation
import Models
import NeuralNetworks
import Optimizers
import Notebook
import Plotting
import Tensors

/// Trains `RetrievalModel` with Adam, measures held-out accuracy and where the attention looks,
/// and writes `loss.png` and `attention-map.png`.
func retrievalSection(_ book: Notebook, generator: inout SeededGenerator) {
    book.section("A trained model that must find a key")
    let task = KeyValueRetrieval(keys: 16, values: 16)
    let pairs = 8
    let steps = book.quick ? 150 : 1200
    let batchSize = 64
    let example = task.generate(count: 1, pairs: pairs, seed: book.seed &+ 99)[0]
    book.prose("""
    Now attention must learn where to look. Each example lists \(pairs) key–value pairs drawn from \
    \(task.keyCount) key symbols and \(task.valueCount) value symbols, then a question mark and one of \
    the keys; the answer is the value stored under that key. For example:
    """)
    book.code(example.source.map { task.vocabulary.symbol(for: $0) }.joined(separator: " ")
              + "   →   " + task.vocabulary.symbol(for: example.answer))
    book.prose("""
    The model embeds every token as a vector of length 32. Each pair becomes one memory slot, the \
    key's vector followed by the value's. A query is made from the asked key's vector, keys and \
    values from the slots (three Linear layers into a space of size 32), one scaled dot-product \
    attention reads the slots, and a last Linear layer turns what it read into scores for the \
    \(task.valueCount) values. Nothing tells the model that the asked key should match a slot's key: \
    the only way to lower the loss is to learn a query and keys whose dot product is large for the \
    same key symbol, so that the attention lands on the right slot and reads its value. Training \
    uses Adam (learning rate 3e-3) on fresh random batches of \(batchSize) examples, \(steps) steps\
    \(book.quick ? " (a short run for --quick, which is already enough here)" : ""); a held-out set from another seed measures it.
    """)
    let model = RetrievalModel(task: task, dimension: 32, attentionSize: 32, generator: &generator)
    let optimiser = Adam(parameters: model.parameters, learningRate: 3e-3)
    let heldOut = task.generate(count: book.quick ? 500 : 2000, pairs: pairs, seed: book.seed &+ 1_000_003)
    let monitor = Array(heldOut.prefix(256))
    var trainingLoss: [Double] = [], heldOutSteps: [Double] = [], heldOutLoss: [Double] = []
    let progress = book.progress("retrieval with attention", total: steps)
    for step in 0..<steps {
        let batch = task.generate(count: batchSize, pairs: pairs, seed: book.seed &* 1_000_033 &+ UInt64(step))
        model.zeroGradients()
        let loss = model.loss(batch)
        if !loss.scalar.isFinite {
            stopDivergedTraining("the retrieval model", step: step + 1, loss: Double(loss.scalar),
                                 learningRate: optimiser.learningRate)
        }
        loss.backward()
        optimiser.step()
        trainingLoss.append(Double(loss.scalar))
        if step % 25 == 24 || step == steps - 1 {
            heldOutSteps.append(Double(step + 1))
            heldOutLoss.append(Double(GradientRecording.withoutGradients { model.loss(monitor) }.scalar))
        }
        progress.update(step: step + 1, loss: Double(loss.scalar))
    }

    let (logits, weights) = GradientRecording.withoutGradients { model(heldOut) }
    let predicted = logits.argmax(alongAxis: 1)
    let correct = zip(predicted, heldOut).filter { $0.0 == $0.1.answer - task.value(0) }.count
    let accuracy = Double(correct) / Double(heldOut.count)
    let looked = weights.argmax(alongAxis: 1)                       // the slot with the largest weight
    let hits = zip(looked, heldOut).filter { 2 * $0.0 == $0.1.keyPosition }.count
    let hitRate = Double(hits) / Double(heldOut.count)
    let weightOnTarget = Double(weights.pick(heldOut.map { $0.keyPosition / 2 }).mean().scalar)
    progress.finish(accuracy: accuracy, note: "held-out")

    book.prose("""
    On \(heldOut.count) held-out examples the model names the right value in \(fixed(100 * accuracy, 1))% \
    of them (chance is \(fixed(100 / Double(task.valueCount), 1))%). Its attention puts the largest weight \
    on the slot of the asked key in \(fixed(100 * hitRate, 1))% of them (chance \(fixed(100 / Double(pairs), 1))%), \
    and the mean weight on that slot is \(fixed(weightOnTarget, 3)).
    """)
    book.check("attention's argmax on the asked key's slot ≥ 90%",
               passed: hitRate >= 0.9, detail: "\(hits) of \(heldOut.count) = \(fixed(100 * hitRate, 1))%")
    book.check("held-out value accuracy ≥ 90%", passed: accuracy >= 0.9,
               detail: "\(correct) of \(heldOut.count) = \(fixed(100 * accuracy, 1))%")

    book.figure("loss.png", caption: "cross-entropy of the retrieval model while training") { path in
        var chart = LineChart(title: "Key-value retrieval: training loss", xLabel: "step", yLabel: "cross-entropy",
                              yScale: .log)
        chart.add(series: "training batch", x: trainingLoss.indices.map { Double($0 + 1) }, y: trainingLoss)
        chart.add(series: "held-out (256 examples)", x: heldOutSteps, y: heldOutLoss, marker: .circle)
        chart.add(series: "chance: ln \(task.valueCount)", x: [1, Double(steps)],
                  y: [log(Double(task.valueCount)), log(Double(task.valueCount))])
        try chart.write(to: path)
    }

    // Ask the first example's pairs for every key it holds, in the keys' order of name.
    let pairTokens = Array(example.source.prefix(2 * pairs))
    let slots = (0..<pairs).map { (key: pairTokens[2 * $0], value: pairTokens[2 * $0 + 1], slot: $0) }
    let questions = slots.sorted { $0.key < $1.key }.map { asked in
        var question = example
        question.source = pairTokens + [task.queryMarker, asked.key]
        question.answer = asked.value
        question.answerPosition = 2 * asked.slot + 1
        question.keyPosition = 2 * asked.slot
        return question
    }
    let map = GradientRecording.withoutGradients { model(questions).weights }       // [pairs, pairs]
    let mapHits = zip(map.argmax(alongAxis: 1), questions).filter { 2 * $0.0 == $0.1.keyPosition }.count
    book.prose("""
    The attention map below asks the example above for each of its \(pairs) keys in turn (rows, \
    sorted by key name) and shows the weight on each slot (columns, in the order of the sequence). \
    Because the rows are sorted by name and the columns are not, a model that looks by content draws \
    a permutation, not a diagonal. In this map the largest weight of \(mapHits) of the \(pairs) rows \
    is on the slot holding the asked key.
    """)
    book.figure("attention-map.png", caption: "where the trained attention looks for each asked key") { path in
        let heatmap = attentionHeatmap(
            title: "Learned attention: asked key against key-value slot", weights: map,
            rowLabels: questions.map { "? " + task.vocabulary.symbol(for: $0.source.last!) },
            columnLabels: slots.map { task.vocabulary.symbol(for: $0.key) + ":" + task.vocabulary.symbol(for: $0.value) },
            xLabel: "slot (key:value, in sequence order)", yLabel: "query (asked key)", annotate: true)
        try heatmap.write(to: path)
    }
}
