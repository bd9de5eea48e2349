// Chapter 5 — The sequence autoencoder with attention: the article's model at its sizes, its errors
// and their fixes, and the corrected model trained with and without attention on three tasks.

import Notebook

let (book, chapterOptions) = Notebook.open(
    chapter: 5, title: "The sequence autoencoder with attention",
    summary: "The article's encoder–decoder with attention, built at its sizes, corrected where its code goes "
        + "wrong, and trained with and without attention on copying, reversing and rewriting dates.",
    options: ChapterFiveOptions.self)
book.exercises(chapterExercises())

articleModelSection(book)
errataSection(book)
let settings = ExperimentSettings(quick: book.quick, full: chapterOptions.full && !book.quick)
correctedModelSection(book, checkedElements: settings.checkedElements)
architectureDiagramSection(book)
paddingSection(book, lengthSpread: settings.lengthSpread, checkedElements: settings.checkedElements)
let copy = copySection(book, settings)
attentionMapSection(book, settings, copy: copy.pair)
let reverseClock = TrainingProgress.stopwatch()
_ = reversingSection(book, settings)
let reverseSeconds = reverseClock()
let dates = try datesSection(book, settings)
trainingCurvesSection(book, copy: copy.pair, copySteps: copy.steps, reverseSeconds: reverseSeconds, dates: dates.pair)
beamSearchSection(book, model: dates.pair.withAttention, test: dates.test)
experimentsSection(book, settings, additive: dates.pair.withAttention, training: dates.training, test: dates.test,
                   configuration: dates.configuration, steps: dates.steps)

book.questions([
    "The copy model with attention fails beyond its longest training length although nothing in its weights "
        + "depends on length. Which part of its state would you inspect to find out why, and what training change "
        + "would you try first?",
    "Beam search finds more likely outputs than greedy decoding. On which of this chapter's tasks "
        + "would you expect it to change the accuracy, and why so little on copying?",
    "The date model's attention map is not a line. What would an attention map look like for a model that "
        + "rewrites '27/11/2026' but has learned the task wrong?",
])
book.finish()
