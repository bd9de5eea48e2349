// Chapter 1 — Tensors and gradients: the library every later chapter stands on.

import Notebook
import Tensors

let book = Notebook(
    chapter: 1, title: "Tensors and gradients",
    summary: """
        Every model in this book is a chain of operations on arrays of numbers, trained by \
        following gradients downhill. This chapter introduces the arrays (tensors), the rules \
        that combine arrays of different shapes, and the machinery that computes gradients \
        automatically. Then it tests that machinery against plain calculus, and shows why the \
        test itself has to be done in double precision.
        """)

book.exercises(chapterExercises())

var generator = SeededGenerator(seed: book.seed)

tensorsAndShapesSection(book)
broadcastingSection(book)
matrixProductsSection(book, generator: &generator)
tapeSection(book)
accumulationSection(book)
let primitiveErrors = primitivesSection(book, generator: &generator)
stepSizeSection(book, primitiveErrors: primitiveErrors)
book.questions([
    "The gradient checker perturbs one element at a time, so it costs two evaluations of the "
        + "function per input element. How could you check a model with a million parameters "
        + "without a million evaluations, and what could such a cheaper check miss?",
    "relu and max have kinks where they are not differentiable. What does the tape return "
        + "there, what would central differences return with h straddling the kink, and why "
        + "does training not seem to mind?",
    "Reverse mode costs about one extra pass per scalar output; forward mode costs one pass per "
        + "input. For which functions in this book would forward mode be the cheaper choice?",
])
book.finish()
