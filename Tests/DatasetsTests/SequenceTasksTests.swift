import Testing
@testable import Datasets

@Suite struct SequenceTasksTests {
    let vocabulary = Vocabulary.numbered(10)

    @Test func targetsAreCopyReverseAndSortOfTheSource() {
        for task in SequenceTask.allCases {
            for pair in task.generate(count: 50, lengths: 1...12, vocabulary: vocabulary, seed: 3) {
                switch task {
                case .copy: #expect(pair.target == pair.source)
                case .reverse:
                    for i in pair.source.indices {
                        #expect(pair.target[i] == pair.source[pair.source.count - 1 - i])
                    }
                case .sort:
                    #expect(pair.target.count == pair.source.count)
                    #expect(zip(pair.target, pair.target.dropFirst()).allSatisfy { $0 <= $1 })
                    // Same multiset of tokens.
                    for token in Set(pair.source) {
                        #expect(pair.target.filter { $0 == token }.count == pair.source.filter { $0 == token }.count)
                    }
                }
            }
        }
    }

    @Test func sourcesUseOrdinaryTokensAndLengthsFromTheRange() {
        let pairs = SequenceTask.copy.generate(count: 400, lengths: 3...6, vocabulary: vocabulary, seed: 8)
        #expect(pairs.allSatisfy { (3...6).contains($0.source.count) })
        #expect(Set(pairs.map(\.source.count)) == [3, 4, 5, 6])
        let tokens = pairs.flatMap(\.source)
        #expect(tokens.allSatisfy { $0 >= 3 && $0 < 13 })
        #expect(Set(tokens).count == 10)
    }

    @Test func sameSeedSameSequencesDifferentSeedDifferent() {
        let a = SequenceTask.reverse.generate(count: 20, lengths: 2...9, vocabulary: vocabulary, seed: 1)
        let b = SequenceTask.reverse.generate(count: 20, lengths: 2...9, vocabulary: vocabulary, seed: 1)
        let c = SequenceTask.reverse.generate(count: 20, lengths: 2...9, vocabulary: vocabulary, seed: 2)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func teacherForcingShiftsTheTargetByOne() {
        let pair = SequencePair(source: [5, 6], target: [7, 8, 9])
        #expect(pair.decoderInput == [1, 7, 8, 9])
        #expect(pair.decoderTarget == [7, 8, 9, 2])
    }

    @Test func retrievalAnswerIsTheValueStoredUnderTheQueriedKey() {
        let task = KeyValueRetrieval(keys: 8, values: 6)
        for example in task.generate(count: 200, pairs: 5, seed: 4) {
            #expect(example.source.count == 12)
            #expect(example.source[10] == task.queryMarker)
            let queried = example.source[11]
            // Search the pairs independently for the queried key.
            var found: [Int] = []
            for p in 0..<5 where example.source[2 * p] == queried { found.append(example.source[2 * p + 1]) }
            #expect(found == [example.answer], "the key must appear exactly once and hold the answer")
            #expect(example.source[example.answerPosition] == example.answer)
            #expect(example.source[example.keyPosition] == queried)
            let keys = (0..<5).map { example.source[2 * $0] }
            #expect(Set(keys).count == 5)
            #expect(keys.allSatisfy { task.vocabulary.symbol(for: $0).hasPrefix("K") })
            #expect(task.vocabulary.symbol(for: example.answer).hasPrefix("V"))
        }
    }

    @Test func retrievalQueriesEveryPositionSometimes() {
        let task = KeyValueRetrieval(keys: 10, values: 10)
        let positions = Set(task.generate(count: 300, pairs: 4, seed: 9).map(\.answerPosition))
        #expect(positions == [1, 3, 5, 7])
    }

    @Test func paddedBatchHasMaskLengthsAndPadding() {
        let batch = PaddedBatch([[4, 5, 6], [7], []])
        #expect(batch.batchSize == 3)
        #expect(batch.time == 3)
        #expect(batch.tokens == [4, 5, 6, 7, 0, 0, 0, 0, 0])
        #expect(batch.mask == [1, 1, 1, 1, 0, 0, 0, 0, 0])
        #expect(batch.lengths == [3, 1, 0])
        #expect(batch[1, 0] == 7)
        #expect(batch.sequence(0) == [4, 5, 6])
        let wide = PaddedBatch([[4]], time: 4)
        #expect(wide.tokens == [4, 0, 0, 0])
    }

    @Test func teacherForcingBatchAlignsInputsAndTargets() {
        let batch = TeacherForcingBatch([SequencePair(source: [3, 4], target: [4, 3]),
                                         SequencePair(source: [5], target: [5])])
        #expect(batch.decoderInput.tokens == [1, 4, 3, 1, 5, 0])
        #expect(batch.decoderTarget.tokens == [4, 3, 2, 5, 2, 0])
        #expect(batch.decoderTarget.mask == [1, 1, 1, 1, 1, 0])
    }
}
