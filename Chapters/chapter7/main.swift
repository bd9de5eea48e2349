// Chapter 7 — Attention all the way: a Transformer autoencoder. Heads, positions, layer norm and
// masks, each checked; then an encoder–decoder Transformer trained against chapter 5's LSTM with attention.

import Notebook

let (book, options) = Notebook.open(
    chapter: 7, title: "Attention all the way: a Transformer autoencoder",
    summary: "Self-attention in heads, sinusoidal positions, layer norm in residual blocks and masks, each checked "
        + "on numbers; then a small encoder–decoder Transformer with PyTorch's names, trained against chapter 5's "
        + "LSTM with attention on copying, reversing and dates, timed against sequence length, and read head by head.",
    options: ChapterSevenOptions.self)
book.exercises(chapterExercises())

let settings = ExperimentSettings(quick: book.quick)
selfAttentionSection(book)
positionsSection(book)
residualBlocksSection(book)
masksSection(book)
modelSection(book, settings)
let trained = trainingSection(book, settings)
if let path = options.saveModel { saveModel(book, trained.copy, pairs: trained.copyExamples, to: path) }
timeSection(book, settings)
headsSection(book, settings, reverse: trained.reverse, dates: trained.dates)

book.questions([
    "The Transformer copies well within its trained lengths and poorly beyond them, although its attention "
        + "could reach any position. Which part of the model ties it to the lengths it has seen: the positions, "
        + "the learned heads, or the end token? Design an experiment that tells them apart.",
    "Greedy decoding here runs the whole decoder again over the prefix at every step. What would you cache "
        + "to make a step cost one position's work, and how would the time against length change?",
    "Two heads of the same layer sometimes look at the same positions. Would you expect removing one of them "
        + "to change the accuracy, and how would you test it without retraining?",
])
book.finish()
