// Chapter 2 — The plain autoencoder: the objective, its gradient, principal components as the
// optimum of a linear autoencoder, a non-linear autoencoder and a denoising one.

import Notebook

let book = Notebook(chapter: 2, title: "The plain autoencoder", summary: """
    An autoencoder learns to copy its input through a narrow bottleneck. This chapter states \
    the objective, checks its gradient, shows that a linear autoencoder recovers the principal \
    components of the data, and then trains a non-linear and a denoising autoencoder on small \
    images of digits.
    """)
book.exercises(chapterExercises())

objectiveSection(book)
let sizes = ChapterSizes(quick: book.quick)
let digits = DigitData(sizes: sizes, quick: book.quick, seed: book.seed)
dataSection(book, digits)
gradientSection(book)
principalComponentsSection(book, digits)
let sweep = linearAutoencoderSection(book, digits, settings: sizes.sweep)
let examples = nonlinearSection(book, digits, sweep, sizes: sizes)
denoisingSection(book, digits, sweep, sizes: sizes, examples: examples)

book.questions([
    "A linear autoencoder finds the principal subspace but not the principal directions themselves. "
        + "What could you add to the loss (or to the architecture) so that its decoder's columns come out "
        + "orthonormal and ordered by variance, like v₁, v₂, …?",
    "The MLP's advantage over PCA shrinks as k grows (error-vs-k.png). Is that a limit of the data, of "
        + "the architecture, or of the training budget? How would you find out?",
    "The denoising autoencoder was trained with one noise level. What do you expect on inputs with "
        + "twice as much noise, or with a different kind of corruption (missing pixels)? Try it.",
])
book.finish()
