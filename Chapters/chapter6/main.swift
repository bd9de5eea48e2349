// Chapter 6 — What autoencoders are for: compression in bits, codes as features, the variational
// autoencoder and its rate–distortion curve, and whether attention explains a model.

import Notebook

let book = Notebook(chapter: 6, title: "What autoencoders are for", summary: """
    The article promises that autoencoders compress, learn features and generate new data, and that \
    attention makes models easier to understand. This chapter measures each promise: codes stored \
    in real bits, codes as features for a linear classifier, the variational autoencoder with its \
    bounds checked, its rate against its distortion, and attention weights against a gradient \
    saliency. Sections 1 to 3 run on real handwriting (the UCI digits) and on generated digits.
    """)
book.exercises(chapterExercises())

let sizes = ChapterSizes(quick: book.quick)
let sets = try loadDigitSets(seed: book.seed)
book.prose("""
    The real digits are the 1,797 test images of the UCI "Optical Recognition of Handwritten Digits" \
    dataset (Alpaydin and Kaynak, 1998; CC BY 4.0), 8 × 8 pixels, committed with the package; the \
    generated ones are chapter 2's digits drawn at the same size. Each set is split at random into \
    \(sets[0].train.shape[0]) training and \(sets[0].test.shape[0]) held-out images.
    """)
let autoencoders = sets.enumerated().map { index, set in
    TrainedAutoencoders.train(book, set, sizes: sizes, seed: book.seed &+ 100 &+ UInt64(50 * index))
}
let codings = compressionSection(book, sets, autoencoders, sizes: sizes)
featuresSection(book, sets, autoencoders, sizes: sizes)
let vaes = variationalSection(book, sets, sizes: sizes)
let sampleDistances = generationFigures(book, vaes[0], autoencoders[0], sizes: sizes)
rateDistortionSection(book, sets[0], codings: codings[0], sizes: sizes)
try saliencySection(book, quick: book.quick)
answersSection(book, samplesNearer: sampleDistances.vae < sampleDistances.plain)

book.questions([
    "Section 1 spends the same b bits on every code value. PCA's first values vary far more than its last. "
        + "How would you share a budget of bits among the k values, and how much would it lower the error "
        + "at 32 bits per image?",
    "The β sweep traces the VAE's rate against its distortion. Which point would you choose to compress "
        + "digits, which to generate them, and why are these not the same point?",
    "Saliency and attention disagree at some output steps. Design an intervention on the source string "
        + "that would tell which of the two maps was right about a step.",
])
book.finish()
