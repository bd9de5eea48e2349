import Datasets
import Tensors

/// The checks every entry point of the sequence models makes on its token sequences, so a bad batch
/// stops with a line naming the function that was called and not a layer deep inside it.
enum SequenceInputChecks {
    /// The length of each of the `batchSize` sequences in `tokens` (flat, row-major), after checking
    /// that the batch is not empty, that the tokens split into equal rows of at least one token, and
    /// that every token lies in the vocabulary. `role` ("source", "target") names the sequences.
    static func length(of tokens: [Int], batchSize: Int, vocabularySize: Int, role: String,
                       operation: @autoclosure () -> String) -> Int {
        require(batchSize > 0, operation(), "batch size must be positive, got \(batchSize)")
        require(tokens.count % batchSize == 0, operation(),
                "\(tokens.count) \(role) tokens do not split into \(batchSize) sequences of one length")
        let length = tokens.count / batchSize
        require(length > 0, operation(), "\(role) sequences have length 0; each needs at least one token")
        if let bad = tokens.first(where: { $0 < 0 || $0 >= vocabularySize }) {
            shapeFailure(operation(), "\(role) token \(bad) out of range 0..<\(vocabularySize) (the vocabulary size)")
        }
        return length
    }

    /// Checks rows of tokens as `length(of:batchSize:vocabularySize:role:operation:)` does, and that
    /// they share one length; returns them joined.
    static func joined(_ rows: [[Int]], vocabularySize: Int, role: String, operation: @autoclosure () -> String) -> [Int] {
        guard let first = rows.first else { shapeFailure(operation(), "no \(role) sequences given") }
        guard rows.allSatisfy({ $0.count == first.count }) else {
            shapeFailure(operation(), "every \(role) of a batch must have the same length; got \(role) lengths "
                         + "\(Set(rows.map(\.count)).sorted())")
        }
        let flat = rows.flatMap { $0 }
        _ = length(of: flat, batchSize: rows.count, vocabularySize: vocabularySize, role: role, operation: operation())
        return flat
    }

    /// The padded teacher-forcing batch of (source, target) pairs, after checking that there are as
    /// many targets as sources, at least one, each with at least one token inside the vocabulary.
    static func teacherForcingBatch(sources: [[Int]], targets: [[Int]], vocabularySize: Int,
                                    operation: String) -> TeacherForcingBatch {
        guard !sources.isEmpty, sources.count == targets.count else {
            shapeFailure(operation, "need as many targets as sources, and at least one; got \(sources.count) and \(targets.count)")
        }
        for (role, rows) in [("source", sources), ("target", targets)] {
            for row in rows {
                _ = length(of: row, batchSize: 1, vocabularySize: vocabularySize, role: role, operation: operation)
            }
        }
        return TeacherForcingBatch(zip(sources, targets).map { SequencePair(source: $0, target: $1) })
    }
}
