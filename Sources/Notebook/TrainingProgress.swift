// Progress of a training loop: a live bar on a terminal, a few plain lines elsewhere.

import Foundation
import ArgumentChecks

/// Reports a training loop's progress; `update(step:loss:)` is cheap enough to call every step.
///
/// On a terminal it redraws one line at most ten times a second: a bar, step/total, loss,
/// steps per second and the time left. Elsewhere it prints a plain line at every tenth of the
/// run, or after 5 seconds without one. `finish` prints a summary line; the transcript gets the
/// summary without its times, which go to the run's timings instead.
public final class TrainingProgress {
    /// What is being trained, e.g. "training the autoencoder".
    public let label: String
    /// Number of steps in the whole run.
    public let total: Int
    private let console: Console
    private let clock: () -> Double
    private let onFinish: (_ summary: String, _ timing: String) -> Void
    private let started: Double
    private var lastDraw = -Double.infinity
    private var lastDecile = 0
    private var lastPlainLine: Double
    private var step = 0
    private var loss: Double?
    private(set) var lineIsDirty = false
    private(set) var finished = false

    /// A clock reading seconds since the moment it was made, from the monotonic clock.
    public static func stopwatch() -> () -> Double {
        let origin = ContinuousClock.now
        return { (ContinuousClock.now - origin).inSeconds }
    }

    init(label: String, total: Int, console: Console, clock: @escaping () -> Double,
         onFinish: @escaping (_ summary: String, _ timing: String) -> Void) {
        require(total > 0, "progress \"\(label)\"", "total steps must be positive, got \(total)")
        self.label = label
        self.total = total
        self.console = console
        self.clock = clock
        self.onFinish = onFinish
        started = clock()
        lastPlainLine = started
    }

    /// Records that `step` steps (of `total`) are done, with the latest loss if there is one.
    public func update(step: Int, loss: Double? = nil) {
        self.step = min(step, total)
        if let loss { self.loss = loss }
        let now = clock()
        if console.isTerminal {
            if now - lastDraw >= 0.1 || step >= total {
                lastDraw = now
                console.write("\r" + barLine(now: now) + "\u{1B}[K")
                lineIsDirty = true
            }
        } else {
            let decile = self.step * 10 / total
            if decile > lastDecile || now - lastPlainLine >= 5 {
                lastDecile = decile
                lastPlainLine = now
                console.line(statusLine(now: now))
            }
        }
    }

    /// Clears the live bar so other text can be printed; the next update redraws it.
    func clearLine() {
        guard lineIsDirty else { return }
        console.write("\r\u{1B}[K")
        lineIsDirty = false
    }

    /// Ends the run and prints its summary: steps, time, rate, final loss, accuracy and `note` if
    /// given, and `timing` (more measured times, e.g. "12 ms per step"). Returns the printed line;
    /// the transcript gets it without the time, the rate and `timing`.
    @discardableResult
    public func finish(accuracy: Double? = nil, note: String? = nil, timing: String? = nil) -> String {
        guard !finished else { return "" }
        finished = true
        clearLine()
        let elapsed = clock() - started
        var times = ["\(step) steps in \(Self.seconds(elapsed))"]
        if elapsed > 0 { times.append("\(Self.rate(Double(step) / elapsed)) steps/s") }
        if let timing { times.append(timing) }
        var results: [String] = []
        if let loss { results.append("final loss \(Self.number(loss))") }
        if let accuracy { results.append("accuracy \(percent(accuracy))") }
        if let note { results.append(note) }
        let summary = "\(label): " + (times + results).joined(separator: ", ")
        for line in TextWrapping.wrap(summary, width: console.width, indent: "  ").enumerated()
            .map({ $0.offset == 0 ? String($0.element.dropFirst(2)) : $0.element }) {
            console.line(line)
        }
        let recorded = "\(label): " + (["\(step) steps"] + results).joined(separator: ", ")
        onFinish(recorded, "\(label): " + times.joined(separator: ", "))
        return summary
    }

    /// "training  [#####-----]  450/1000  loss 0.1234  81 steps/s  ETA 6.8 s" fitted to the width.
    func barLine(now: Double) -> String {
        let status = statusParts(now: now).joined(separator: "  ")
        let room = console.width - DisplayWidth.of(label) - DisplayWidth.of(status) - 7
        guard room >= 5 else { return String("\(label) \(status)".prefix(console.width - 1)) }
        let cells = min(30, room)
        let filled = cells * step / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
        return "\(label)  [\(bar)]  \(status)"
    }

    /// "training: 450/1000, loss 0.1234, 81 steps/s, ETA 6.8 s".
    func statusLine(now: Double) -> String {
        "\(label): " + statusParts(now: now).joined(separator: ", ")
    }

    private func statusParts(now: Double) -> [String] {
        var parts = ["\(step)/\(total)"]
        if let loss { parts.append("loss \(Self.number(loss))") }
        let elapsed = now - started
        if elapsed > 0 && step > 0 {
            let rate = Double(step) / elapsed
            parts.append("\(Self.rate(rate)) steps/s")
            if step < total { parts.append("ETA \(Self.seconds(Double(total - step) / rate))") }
        }
        return parts
    }

    static func number(_ x: Double) -> String { significant(x, 4) }
    static func rate(_ x: Double) -> String { x >= 100 ? fixed(x, 0) : significant(x, 3) }
    static func seconds(_ x: Double) -> String { duration(seconds: x) }
}
