// Section 7 of chapter 5: the training curves of every pair, and what training cost.

import Book
import Notebook
import Plotting

/// Draws loss.png for the copy and date pairs and sums up the training time.
func trainingCurvesSection(_ book: Notebook, copy: ModelPair, copySteps: Int, reverseSeconds: Double, dates: ModelPair) {
    book.section("Training curves and cost")
    let window = max(5, copySteps / 40)
    book.figure("loss.png", caption: "training loss on copying and on dates, with and without attention") { path in
        var chart = LineChart(title: "Training loss with and without attention", xLabel: "step",
                              yLabel: "cross-entropy (mean over \(window) steps)", yScale: .log)
        for (task, pair) in [("copy", copy), ("dates", dates)] {
            for (name, trainer) in [("with attention", pair.withAttention), ("without", pair.withoutAttention)] {
                let smoothed = windowMeans(trainer.losses, window: window)
                chart.add(series: "\(task), \(name)", x: smoothed.indices.map { Double($0 * window + window / 2) }, y: smoothed)
            }
        }
        try chart.write(to: path)
    }
    let totalSeconds = copy.seconds + reverseSeconds + dates.seconds
    let finalLoss = [copy.withAttention, copy.withoutAttention, dates.withAttention, dates.withoutAttention]
        .map { fixed(windowMeans($0.losses, window: window).last ?? .nan, 3) }
    book.prose("""
    Three kinds of "final loss" appear in this chapter: the progress line of each training run prints \
    the loss of its last step alone ("final loss", of the first model of the pair) and the mean over its \
    last steps ("mean loss of the last … steps", of both); the numbers here are means over the last \
    \(window) steps, the window of loss.png. Means over many steps are the ones to compare: one step's \
    loss depends on its batch. The loss curves (loss.png) tell the same story as the accuracies. \
    Averaged over the last \(window) steps, the copy loss ends at \(finalLoss[0]) with attention and \(finalLoss[1]) without; the date loss \
    at \(finalLoss[2]) and \(finalLoss[3]). The copy loss with attention is not smooth: at learning \
    rate 0.003 it jumps up now and then, when an update knocks the alignment off, and recovers; the jumps \
    stop once the rate is cut for the last 30% of the steps. What attention costs per step is measured \
    in the experiments below, as a ratio printed with the run's timings.
    """)
    book.timing("""
    training took \(fixed(copy.seconds, 0)) s for copying, \(fixed(reverseSeconds, 0)) s for reversing \
    and \(fixed(dates.seconds, 0)) s for dates (\(fixed(totalSeconds, 0)) s, both models at once on two cores)
    """)
}
