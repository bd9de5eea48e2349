// Chapter 4 — Recurrent encoder and decoder: embeddings, the LSTM, back-propagation through time,
// and a sequence autoencoder whose only bridge from input to output is the encoder's final state.
import Notebook
import Tensors

let book = Notebook(
    chapter: 4, title: "Recurrent encoder and decoder",
    summary: "An encoder reads a sequence of tokens into a state; a decoder writes a sequence back out of it. "
        + "This chapter builds both from LSTM cells, checks their gradients through time, and trains a "
        + "sequence autoencoder whose only bottleneck is the encoder's final state.")
book.exercises(chapterExercises())

var generator = SeededGenerator(seed: book.seed)
embeddingSection(book, generator: &generator)
lstmCellSection(book, generator: &generator)
timeUnrollingSection(book, generator: &generator)
let models = sequenceAutoencoderSection(book)
trainingSection(book, models)
accuracyByLengthSection(book, models)

book.questions([
    "The encoder reads the source left to right, so the first tokens have travelled furthest when the decoder "
        + "must write them first. What happens to accuracy by position if the encoder reads the source reversed?",
    "Doubling the hidden size quadruples the recurrent weights. How does the length at which accuracy halves grow "
        + "with the hidden size?",
    "Teacher forcing never shows the decoder its own mistakes. What could go wrong at test time because of that, "
        + "and how would you measure it?",
])
book.finish()
