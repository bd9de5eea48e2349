// Section 4 of chapter 7: the causal and the padding mask, proven by perturbation.

import Datasets
import Models
import NeuralNetworks
import Notebook
import Tensors

/// Changes what a mask must hide and shows that nothing it protects changes, not by one bit, in a
/// small Transformer in Float64; then checks the model's loss gradient on the padded batch.
func masksSection(_ book: Notebook) {
    book.section("Masks, proven")
    book.prose("""
    Two masks keep the Transformer honest. In training the decoder reads the whole target at once, shifted \
    right by the start token, and must predict token t + 1 from tokens up to t only: the causal mask sets \
    the score of every later position to the most negative number before the softmax, so its weight is \
    exactly 0. And a padded batch must give every sequence the outputs it would get alone: the padding \
    mask does the same to the scores of padded source positions, in the encoder's self-attention and in \
    the decoder's attention over the source. (The decoder's own padding comes after its real tokens, so \
    the causal mask already hides it; padded targets are left out of the loss.)
    """)
    book.prose("""
    A mask is proven by changing what it hides. A model with 2 + 2 layers, d_model 8 and 2 heads, in Float64, \
    reads three padded pairs; then the decoder inputs after position 3 are replaced by other tokens, and \
    separately every padded source position gets a token it never had. The outputs that must not depend \
    on the change are compared for exact equality, bit for bit.
    """)
    let vocabulary = 9
    let model = TransformerAutoencoder<Double>(TransformerConfiguration(vocabularySize: vocabulary, modelSize: 8, headCount: 2,
                                                                        feedForwardSize: 16), seed: book.seed &+ 5)
    let pairs = [SequencePair(source: [3, 4, 5], target: [5, 4, 3, 3, 6, 7]),
                 SequencePair(source: [5, 3, 8, 4, 4, 3, 5], target: [3, 5, 4, 4, 3, 8, 5]),
                 SequencePair(source: [4, 4, 7, 3, 5], target: [5, 3, 7, 4, 4, 6])]
    let batch = TeacherForcingBatch(pairs)
    let (source, input) = (batch.source, batch.decoderInput)
    let pass = GradientRecording.withoutGradients { model.pass(source: source, decoderInput: input) }
    let kept = 4  // positions 0...3 of the decoder input stay
    var laterChanged = input
    for row in 0..<input.batchSize {
        for column in kept..<input.time { laterChanged.tokens[row * input.time + column] = 3 + (column + row) % 6 }
    }
    let causal = GradientRecording.withoutGradients { model.pass(source: source, decoderInput: laterChanged).logits }
    let before = pass.logits.slice(alongAxis: 1, 0..<kept), after = causal.slice(alongAxis: 1, 0..<kept)
    let moved = largestDifference(pass.logits.slice(alongAxis: 1, kept..<input.time), causal.slice(alongAxis: 1, kept..<input.time))
    book.check("causal mask: decoder inputs after position 3 changed, outputs at positions 0…3 identical",
               passed: before.scalars == after.scalars && moved > 0,
               detail: "\(before.count) logits bit-for-bit equal; those after position 3 moved by up to \(scientific(moved))")
    var paddingChanged = source
    for row in 0..<source.batchSize {
        for column in source.lengths[row]..<source.time { paddingChanged.tokens[row * source.time + column] = 8 - column % 3 }
    }
    let padded = GradientRecording.withoutGradients { model.pass(source: paddingChanged, decoderInput: input) }
    book.check("padding mask: padded source tokens changed, every output identical",
               passed: padded.logits.scalars == pass.logits.scalars,
               detail: "\(pass.logits.count) logits bit-for-bit equal (\(source.lengths.map { source.time - $0 }.reduce(0, +)) "
                   + "padded positions changed)")
    let keyMask = TransformerAutoencoder<Double>.paddingMask(source)!  // [batch, 1, 1, Ts], 1 at padding
    let leaked = (pass.encoderWeights + pass.crossWeights).map { ($0 * keyMask).absolute().max().scalar }.max()!
    book.check("padded source positions get weight exactly 0 in every encoder and cross-attention head",
               passed: leaked == 0, detail: "largest weight on padding \(leaked)")
    let row = 0, steps = pairs[row].target.count + 1
    let alone = TeacherForcingBatch([pairs[row]])
    let aloneLogits = GradientRecording.withoutGradients { model.pass(source: alone.source, decoderInput: alone.decoderInput).logits }
    book.check("the shortest pair alone gives the logits it gets padded among longer ones",
               measured: largestDifference(pass.logits.select(alongAxis: 0, index: row).slice(alongAxis: 0, 0..<steps),
                                           aloneLogits.select(alongAxis: 0, index: 0)), tolerance: 1e-12)
    let small = TransformerAutoencoder<Double>(TransformerConfiguration(vocabularySize: vocabulary, modelSize: 4, headCount: 2,
                                                                        encoderLayerCount: 1, decoderLayerCount: 1,
                                                                        feedForwardSize: 6), seed: book.seed &+ 6)
    let report = GradientChecker.check(parameters: small.parameters) { small.loss(batch) }
    book.check("gradient of the whole model's loss on the padded batch (1 + 1 layers, d_model 4; "
               + "\(report.comparedCount) derivatives)", measured: report.maxRelativeError, tolerance: 1e-6)
}
