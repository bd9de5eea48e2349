// Chapter 3 — Attention: scaled dot-product attention, its gradients and masks, why √d_k,
// additive attention and its cost, and a trained model that must find a key to read its value.

import Notebook
import Tensors

let book = Notebook(
    chapter: 3, title: "Attention",
    summary: """
    Attention lets a model read from a set of vectors by content instead of by position: a query \
    is compared with every key, the comparisons become weights that sum to one, and the answer is \
    the weighted average of the values. This chapter builds scaled dot-product attention, checks \
    its derivatives and its masks on numbers, measures why the scores are divided by √d_k, compares \
    it with the additive form of Bahdanau et al., and trains a small model whose attention must \
    learn to find the key that was asked for.
    """)
book.exercises(chapterExercises())

var generator = SeededGenerator(seed: book.seed)
queriesKeysValuesSection(book, generator: &generator)
softmaxJacobianSection(book, generator: &generator)
gradientsAndMasksSection(book, generator: &generator)
scalingSection(book, generator: &generator)
additiveSection(book, generator: &generator)
retrievalSection(book, generator: &generator)

book.questions([
    "The retrieval model gives each slot the key and value embeddings side by side. What would it "
        + "take to solve the task with attention over the raw token sequence instead, where the value "
        + "sits one position after its key? (Think about what a key vector must know about its neighbour.)",
    "Dividing by √d_k keeps the score variance at 1 when q and k have unit-variance entries. After "
        + "training the entries are no longer independent. Would a learned temperature (a trainable "
        + "scale in place of 1/√d_k) help, and how could you measure whether it saturates?",
    "Additive attention costs more per score, yet it was the first form to work in translation. "
        + "When could its extra non-linearity buy something the dot product cannot express?",
])
book.finish()
