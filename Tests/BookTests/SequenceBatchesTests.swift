import Testing
import Datasets
import Tensors
@testable import Book

@Suite struct SequenceBatchesTests {
    @Test func aBatchHoldsOneLengthFromTheRange() {
        var generator = SeededGenerator(seed: 3)
        let vocabulary = Vocabulary.numbered(10)
        for _ in 0..<20 {
            let batch = sequenceBatch(.reverse, lengths: 3...7, size: 5, vocabulary: vocabulary, generator: &generator)
            let length = batch.sources[0].count
            #expect((3...7).contains(length) && batch.sources.count == 5)
            #expect(batch.sources.allSatisfy { $0.count == length })
            #expect(zip(batch.sources, batch.targets).allSatisfy { Array($0.reversed()) == $1 })
        }
    }

    @Test func dateBatchesShareOneSourceLength() throws {
        let dates = try DateBatches(count: 200, seed: 4)
        var generator = SeededGenerator(seed: 5)
        let batch = dates.batch(size: 16, generator: &generator)
        #expect(Set(batch.sources.map(\.count)).count == 1)
        #expect(batch.targets.allSatisfy { $0.count == 10 })
    }
}
