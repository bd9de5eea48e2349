// Section 8 of chapter 5: beam search on the trained date model, against greedy decoding.

import Book
import Datasets
import Models
import Notebook
import Tensors

/// Decodes the held-out dates greedily and by beam search of widths 1, 3 and 5, and compares
/// token and exact-match accuracy (the times go to the timings).
func beamSearchSection(_ book: Notebook, model: Seq2SeqTrainer, test: DateBatches) {
    book.section("Beam search on the date model")
    book.prose("""
    Greedy decoding keeps one output and commits to each token. Beam search keeps the k most likely \
    unfinished outputs, extends each by every token and keeps the best k again; an output that writes \
    </s> is finished. Summed log-probabilities favour short outputs (each token can only lower the \
    sum), so a finished output is scored by its mean log-probability per token, the end token \
    included (length normalisation: the sum divided by the length). A source is done when k outputs \
    have finished. With k = 1 this is greedy decoding, which the first check confirms output by output.
    """)
    let widths = [1, 3, 5]
    let greedyClock = TrainingProgress.stopwatch()
    let greedy = test.accuracy(model)
    let greedySeconds = greedyClock()
    var beams: [SequenceAccuracy] = [], beamSeconds: [Double] = []
    for width in widths {
        let clock = TrainingProgress.stopwatch()
        beams.append(test.accuracy(model, beamWidth: width))
        beamSeconds.append(clock())
    }
    let rows = [("greedy", greedy)] + zip(widths, beams).map { ("beam, width \($0)", $1) }
    book.code((["decoder            tokens   exact"] + rows.map { name, score in
        name.rightPadded(17) + fixed(score.tokenAccuracy, 4).leftPadded(8) + fixed(score.sequenceAccuracy, 4).leftPadded(8)
    }).joined(separator: "\n"))
    var sameAsGreedy = 0, compared = 0
    for length in test.byLength.keys.sorted() {
        let sources = test.byLength[length]!.map(\.source)
        let greedyOutputs = model.decode(sources: sources, targetLength: 22).tokens
        let beamOutputs = model.beamDecode(sources: sources, beamWidth: 1, maxLength: 22)
        sameAsGreedy += zip(greedyOutputs, beamOutputs).filter { $0 == $1 }.count
        compared += sources.count
    }
    book.check("beam search of width 1 writes greedy decoding's outputs", passed: sameAsGreedy == compared,
               detail: "\(sameAsGreedy) of \(compared) outputs equal")
    let best = zip(widths, beams).max { $0.1.sequenceAccuracy < $1.1.sequenceAccuracy }!
    let gain = 100 * (best.1.sequenceAccuracy - greedy.sequenceAccuracy)
    book.prose("""
    On \(greedy.sequences) held-out dates, greedy decoding writes \(fixed(100 * greedy.sequenceAccuracy, 1))% \
    exactly right; the best beam (width \(best.0)) \(fixed(100 * best.1.sequenceAccuracy, 1))%, \
    \(gain > 0 ? "\(fixed(gain, 1)) points more" : "no more"). Beam search can change an output only where \
    the model hesitates between tokens: a mistake the model makes with confidence stays in every beam. \
    The time each decoder took is printed with the run's timings: a beam of width k runs the decoder on \
    k rows per source, and its bookkeeping ranks k × vocabulary candidates per step.
    """)
    book.timing("decoding \(greedy.sequences) dates: greedy \(fixed(greedySeconds, 2)) s; "
                + zip(widths, beamSeconds).map { "beam \($0) \(fixed($1, 2)) s" }.joined(separator: ", "))
}
