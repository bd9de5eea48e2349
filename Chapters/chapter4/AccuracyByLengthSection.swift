// Section 6 of chapter 4: accuracy against length, within and beyond the trained lengths.

import Book
import Models
import Notebook
import Plotting

/// Measures greedy token accuracy by length for both models and draws accuracy-vs-length.png.
func accuracyByLengthSection(_ book: Notebook, _ models: ChapterModels) {
    let (vocabulary, trainLengths, configurations, trainers) =
        (models.vocabulary, models.trainLengths, models.configurations, models.trainers)
    book.section("Accuracy against length")
    let testLengths = book.quick ? [3, 4, 6, 8, 12] : [3, 4, 6, 8, 10, 12, 14, 16, 20]
    let testCount = book.quick ? 64 : 200
    let accuracy = trainers.map { trainer in
        accuracyByLength(trainer, task: .copy, lengths: testLengths, count: testCount, vocabulary: vocabulary,
                         seed: book.seed &+ 7_000)
    }
    let accuracyTable = (["length " + testLengths.map { String($0).leftPadded(6) }.joined()]
        + zip(configurations, accuracy).map { configuration, row in
            "h = \(configuration.hiddenSize)".rightPadded(7)
                + row.map { fixed($0, 2).leftPadded(6) }.joined()
        }).joined(separator: "\n")
    book.code(accuracyTable)
    let shortIndex = 0, longTrainedIndex = testLengths.lastIndex { $0 <= trainLengths.upperBound }!
    let beyondIndex = testLengths.count - 1
    let smallerIsWorse = zip(accuracy[0], accuracy[1]).allSatisfy { $0 <= $1 }
    book.prose("""
    The table gives the greedy token accuracy on \(testCount) fresh sequences per length (chance is 1/20 = 0.05). \
    With the larger bottleneck, accuracy falls from \(fixed(accuracy[1][shortIndex], 2)) at \
    length \(testLengths[shortIndex]) to \(fixed(accuracy[1][longTrainedIndex], 2)) at length \
    \(testLengths[longTrainedIndex]), the longest length trained on, and to \
    \(fixed(accuracy[1][beyondIndex], 2)) at length \(testLengths[beyondIndex]). The smaller \
    bottleneck \(smallerIsWorse ? "does worse at every length" : "is not worse everywhere; compare the rows"): \
    \(fixed(accuracy[0][shortIndex], 2)) at length \(testLengths[shortIndex]) and \
    \(fixed(accuracy[0][longTrainedIndex], 2)) at length \(testLengths[longTrainedIndex]). A fixed-size state must squeeze more tokens into the same \
    numbers as the sequence grows, and beyond the trained lengths the decoder has never learned to keep \
    going: it runs on with whatever its state drifts into. Chapter 5 removes the bottleneck with attention.
    """)
    book.figure("accuracy-vs-length.png", caption: "token accuracy by sequence length; trained on lengths "
                + "\(trainLengths.lowerBound)–\(trainLengths.upperBound)") { path in
        var chart = LineChart(title: "Without attention: accuracy falls with length", xLabel: "sequence length",
                              yLabel: "token accuracy (greedy)")
        for (configuration, row) in zip(configurations, accuracy) {
            chart.add(series: "hidden \(configuration.hiddenSize)", x: testLengths.map(Double.init), y: row, marker: .circle)
        }
        chart.add(series: "longest trained length", x: [Double(trainLengths.upperBound), Double(trainLengths.upperBound)],
                  y: [0, 1], color: RGB(150, 150, 150))
        try chart.write(to: path)
    }
    book.check("accuracy falls with length within the trained range",
               passed: accuracy[1][shortIndex] > accuracy[1][longTrainedIndex],
               detail: "\(fixed(accuracy[1][shortIndex], 2)) (length \(testLengths[shortIndex])) > "
                   + "\(fixed(accuracy[1][longTrainedIndex], 2)) (\(testLengths[longTrainedIndex]))")
    let shortThreshold = book.quick ? 0.1 : 0.5
    book.check("token accuracy above \(fixed(shortThreshold, 2)) at length \(testLengths[shortIndex]) (chance 0.05)",
               passed: accuracy[1][shortIndex] > shortThreshold,
               detail: "\(fixed(accuracy[1][shortIndex], 2)) > \(fixed(shortThreshold, 2))")
}
