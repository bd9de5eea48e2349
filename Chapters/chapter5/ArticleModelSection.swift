// Section 1 of chapter 5: the article's model at its sizes, parameter by parameter.

import Book
import Datasets
import Models
import Notebook
import Tensors

/// Builds the corrected model at the article's sizes, checks its parameter counts against closed forms
/// and PyTorch's, and times one training step.
func articleModelSection(_ book: Notebook) {
    let article = Seq2SeqConfiguration.article
    book.section("The article's model at its sizes")
    book.prose("""
    The article's model has four classes: an Encoder (embedding and a stacked LSTM), a Decoder (embedding, \
    stacked LSTM and a linear output layer), an Attention module, and an AutoEncoder that holds the three. \
    Its settings are a vocabulary (input_dim) of \(article.vocabularySize), embeddings of \
    \(article.embeddingSize), hidden states of \(article.hiddenSize), \(article.layerCount) layers and dropout \
    \(article.dropout). Here is the corrected model at exactly those sizes, parameter by parameter, with \
    PyTorch's names and shapes.
    """)
    let articleModel = Seq2SeqAutoencoder<Float>(article, seed: book.seed)
    let articleWithout = Seq2SeqAutoencoder<Float>(article.withAttention(false), seed: book.seed)
    var parameterLines: [String] = articleModel.parameterTable.map { (row: (name: String, shape: [Int], count: Int)) -> String in
        let shape: String = "\(row.shape)"
        return row.name.rightPadded(28) + shape.rightPadded(12) + String(row.count).leftPadded(11)
    }
    for part in articleModel.parameterCountBySubmodule {
        parameterLines.append("\(part.name) in total".rightPadded(40) + String(part.count).leftPadded(11))
    }
    parameterLines.append("the whole model".rightPadded(40) + String(articleModel.parameterCount).leftPadded(11))
    parameterLines.append("the same without attention".rightPadded(40) + String(articleWithout.parameterCount).leftPadded(11))
    book.code(parameterLines.joined(separator: "\n"))
    let (v, e, h) = (article.vocabularySize, article.embeddingSize, article.hiddenSize)
    let encoderByFormula = v * e + lstmLayerParameters(input: e, hidden: h) + lstmLayerParameters(input: h, hidden: h)
    let decoderByFormula = v * e + lstmLayerParameters(input: e + h, hidden: h) + lstmLayerParameters(input: h, hidden: h)
        + (2 * h * v + v)
    let attentionByFormula = 2 * h * h + h
    book.prose("""
    Where the numbers come from. An LSTM layer with input size n and hidden size m has 4m(n + m) weights \
    and two bias vectors of 4m (PyTorch keeps both). The encoder: \(v)×\(e) embedding, a first layer reading \
    \(e) values and a second reading \(h): \(encoderByFormula) parameters. The decoder's first LSTM layer reads \
    the embedding joined with the context vector (\(e) + \(h) = \(e + h) values), and its output layer reads the \
    state joined with the context (2×\(h) = \(2 * h)) to give \(v) scores: \(decoderByFormula). Additive \
    attention has W for the query and U for the keys (\(h)×\(h) each, no biases) and the score vector v (\(h)): \
    \(attentionByFormula). PyTorch counts the same model as 2,475,428 parameters (1,015,328 + 1,328,772 + \
    131,328), and 2,056,356 without attention, where the decoder reads only the embedding and the output \
    layer only the state.
    """)
    var counts: [String: Int] = [:]
    for part in articleModel.parameterCountBySubmodule { counts[part.name] = part.count }
    book.check("parameter counts equal the closed forms", passed: counts["encoder"] == encoderByFormula
               && counts["decoder"] == decoderByFormula && counts["attention"] == attentionByFormula,
               detail: "\(counts["encoder"]!) + \(counts["decoder"]!) + \(counts["attention"]!)")
    book.check("total equals PyTorch's count of the same model", passed: articleModel.parameterCount == 2_475_428
               && articleWithout.parameterCount == 2_056_356,
               detail: "\(articleModel.parameterCount) and \(articleWithout.parameterCount) without attention")
    guard !book.quick else {
        book.prose("""
        At these sizes a training step is slow on a CPU; the full chapter times one (--quick leaves that \
        out). That is why the experiments below use a smaller model; `--full` trains at the article's sizes \
        instead, which takes hours.
        """)
        return
    }
    var sourceGenerator = SeededGenerator(seed: book.seed)
    let source = (0..<(64 * 10)).map { _ in
        Vocabulary.specialCount + sourceGenerator.nextInt(below: v - Vocabulary.specialCount)
    }
    let stepMilliseconds = 1000 * Timing.medianSeconds(repetitions: 3) {
        articleModel.zeroGradients()
        articleModel.loss(source: source, target: source, batchSize: 64, startToken: Vocabulary.start).backward()
    }
    book.timing("one training step of this model (forward and backward, batch 64, length 10): "
                + "\(fixed(stepMilliseconds, 0)) ms")
    book.prose("""
    At these sizes a training step is slow on a CPU (the time of one, just measured, is printed \
    above). That is why the experiments below use a smaller model; `--full` trains at the \
    article's sizes instead, which takes hours.
    """)
}
