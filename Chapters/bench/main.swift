import Tensors
import Layers
import Models
let small = Seq2SeqConfiguration(vocabularySize: 21, embeddingSize: 32, hiddenSize: 64)
for (name, c, b, l) in [("article att L10", Seq2SeqConfiguration.article, 32, 10), ("small att", small, 64, 10), ("small no att", small.withAttention(false), 64, 10)] {
  for threads in [1, 2] {
    MatrixMultiply.maximumThreads = threads
    let ms = TrainingStepBenchmark(name: name, configuration: c, batchSize: b, length: l).run(repetitions: 5) { _ in {} }
    print(name, threads, ms)
  }
}
