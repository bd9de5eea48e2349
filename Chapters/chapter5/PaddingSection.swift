// Section 4 of chapter 5: padded batches, the end token, and the bidirectional encoder, checked in Float64.

import Datasets
import Models
import Notebook
import Tensors

/// Explains padding, masks, the end token and the bidirectional encoder, and checks that a sequence
/// gets the same logits, weights and loss alone as padded among longer ones. With `checkedElements`, its gradient check compares that many random entries of
/// each parameter tensor.
func paddingSection(_ book: Notebook, lengthSpread: Int, checkedElements: Int?) {
    book.section("Real batches: padding, masks, the end token, and a bidirectional encoder")
    book.prose("""
    The experiments below train on batches that mix lengths, as practical sequence models do; to keep \
    the padding small, each batch draws its lengths from a window of \(lengthSpread + 1) neighbouring \
    lengths placed at random in the task's range (bucketing by length), so every length is trained but \
    no batch pads a short row to the longest length of all. Each \
    target ends with the end token </s>, so the decoder learns when to stop and may write an output of \
    another length than its source; greedy decoding and beam search stop when it appears. A batch is \
    padded to its longest row with the padding token, and three things keep the padding from leaking \
    into a sequence: the encoder's state stays unchanged over a row's padding, so its final state is the \
    one after the row's own last token; attention scores at padded source positions are set to the most \
    negative number before the softmax, so those positions get weight exactly 0; and the loss is the mean \
    over real target tokens only (the end token included), padded targets being ignored.
    """)
    book.prose("""
    A bidirectional encoder (Bahdanau et al. 2014, section 3.2) runs a second LSTM from the end of each \
    row to its start; each position's output is [h→ⱼ ; h←ⱼ], the forward and backward states joined \
    (2 × hidden values), and those are the attention keys. The decoder, one-directional, starts from a \
    linear bridge of both final states, per layer: s₀ = tanh(W_h [h→ ; h←] + b_h), and its cell from \
    W_c [c→ ; c←] + b_c, where h→ is the forward state after the last real token and h← the backward \
    state after the first. The library's LSTM takes PyTorch's names for the second direction \
    (weight_ih_l0_reverse, weight_hh_l0_reverse, bias_ih_l0_reverse, bias_hh_l0_reverse) and joins the \
    outputs [forward, backward] on the last axis as PyTorch does, so a state dict moves both ways.
    """)
    let pairs = [SequencePair(source: [3, 4, 5], target: [5, 4, 3]),
                 SequencePair(source: [5, 3, 2, 4, 4, 3, 5], target: [3, 5, 4, 4, 3, 5, 5]),
                 SequencePair(source: [4, 4, 2, 3, 5], target: [5, 3, 2, 4, 4])]
    let padded = TeacherForcingBatch(pairs)
    let alone = TeacherForcingBatch([pairs[0]])
    let steps = pairs[0].target.count + 1, length = pairs[0].source.count
    book.prose("""
    The check: a tiny model in Float64 (vocabulary 6, embedding 3, hidden 4, 2 layers) reads the sequence \
    \(pairs[0].source) alone, then padded among sequences of \(pairs[1].source.count) and \
    \(pairs[2].source.count) tokens. Its logits, its attention weights and its loss must not change.
    """)
    for bidirectional in [false, true] {
        let model = Seq2SeqAutoencoder<Double>(Seq2SeqConfiguration(vocabularySize: 6, embeddingSize: 3, hiddenSize: 4,
                                                                    layerCount: 2).withBidirectionalEncoder(bidirectional),
                                               seed: book.seed)
        let (batchLogits, batchWeights) = model.logits(padded)
        let (aloneLogits, aloneWeights) = model.logits(alone)
        let logitError = largestDifference(batchLogits.select(alongAxis: 0, index: 0).slice(alongAxis: 0, 0..<steps),
                                           aloneLogits.select(alongAxis: 0, index: 0))
        let rowWeights = batchWeights!.select(alongAxis: 0, index: 0).slice(alongAxis: 0, 0..<steps)  // [steps, sourceTime]
        let weightError = largestDifference(rowWeights.slice(alongAxis: 1, 0..<length), aloneWeights!.select(alongAxis: 0, index: 0))
        let paddedWeight = rowWeights.slice(alongAxis: 1, length..<padded.source.time).absolute().max().scalar
        let batchLoss = model.tokenLosses(padded).select(alongAxis: 0, index: 0).sum().scalar / Double(steps)
        let aloneLoss = model.loss(alone).scalar
        let name = bidirectional ? "bidirectional encoder" : "one-directional encoder"
        book.check("\(name): logits, weights and loss equal alone and padded",
                   measured: max(logitError, weightError, abs(batchLoss - aloneLoss)), tolerance: 1e-12)
        book.check("\(name): padded source positions get weight exactly 0", passed: paddedWeight == 0,
                   detail: "largest weight on padding \(paddedWeight)")
    }
    // One layer: the second layer is the same code, and the check perturbs every parameter in turn.
    let model = Seq2SeqAutoencoder<Double>(Seq2SeqConfiguration(vocabularySize: 6, embeddingSize: 3, hiddenSize: 4,
                                                                layerCount: 1).withBidirectionalEncoder(true), seed: book.seed)
    let report = GradientChecker.check(parameters: model.parameters, elementsPerParameter: checkedElements) {
        model.loss(padded)
    }
    book.check("gradient check, one-layer bidirectional model on the padded batch", measured: report.maxRelativeError, tolerance: 1e-6)
    book.prose("""
    The gradient check compared \(report.comparedCount) partial derivatives\(checkedElements.map { """
     (with --quick, \($0) random entries of each parameter tensor)
    """ } ?? ", every parameter").
    """)
}
