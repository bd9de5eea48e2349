import Tensors
import Optimizers

/// What the book's training loops need from a trainer of a sequence-to-sequence model (chapter 5's
/// LSTM with attention, chapter 7's Transformer): one update on a batch, greedy accuracy, the losses.
///
/// A trainer may be used from one thread at a time (two trainers may train on two threads at once).
public protocol SequenceModelTrainer: AnyObject {
    /// The optimiser over every parameter of the model.
    var optimizer: Adam<Float> { get }
    /// The loss of every step taken so far.
    var losses: [Double] { get }
    /// What is being trained, as the line that stops a diverged run names it.
    var name: String { get set }
    /// One update on a batch of (source, target) pairs; returns the batch's mean cross-entropy.
    @discardableResult func step(sources: [[Int]], targets: [[Int]]) -> Double
    /// Greedy decoding of `sources` compared with `targets`, token by token and in full.
    func accuracy(sources: [[Int]], targets: [[Int]]) -> SequenceAccuracy
}

extension Seq2SeqTrainer: SequenceModelTrainer {}
