// Chapter 7's --save-model: the trained copying Transformer and one example batch, for PyTorch.

import Datasets
import Models
import Notebook
import Serialization
import Tensors

/// Saves the trainer's model under PyTorch's names to `path`, and to `path.example.safetensors` a padded
/// batch of `pairs` (source, decoder input, their lengths) with the logits the model gives it, so a
/// PyTorch module can be loaded strictly and its forward pass compared.
func saveModel(_ book: Notebook, _ trainer: TransformerTrainer, pairs: [SequencePair], to path: String) {
    let batch = TeacherForcingBatch(pairs)
    trainer.model.setTraining(false)
    let logits = GradientRecording.withoutGradients {
        trainer.model.pass(source: batch.source, decoderInput: batch.decoderInput).logits
    }
    func ids(_ padded: PaddedBatch) -> Tensor<Float> {
        Tensor(shape: [padded.batchSize, padded.time], scalars: padded.tokens.map(Float.init))
    }
    let example: [(name: String, tensor: Tensor<Float>)] = [
        ("source", ids(batch.source)), ("decoder_input", ids(batch.decoderInput)),
        ("source_lengths", Tensor(shape: [pairs.count], scalars: batch.source.lengths.map(Float.init))),
        ("logits", logits)]
    let configuration = trainer.model.configuration
    let metadata = ["d_model": "\(configuration.modelSize)", "nhead": "\(configuration.headCount)",
                    "num_encoder_layers": "\(configuration.encoderLayerCount)",
                    "num_decoder_layers": "\(configuration.decoderLayerCount)",
                    "dim_feedforward": "\(configuration.feedForwardSize)", "vocabulary": "\(configuration.vocabularySize)",
                    "norm_first": configuration.placement == .before ? "true" : "false"]
    do {
        try Safetensors.save(trainer.model.namedParameters, metadata: metadata, to: path)
        try Safetensors.save(example, metadata: metadata, to: path + ".example.safetensors")
        book.prose("Saved the copying Transformer to \(path) and an example batch to \(path).example.safetensors.")
    } catch {
        book.check("saving the model to \(path)", passed: false, detail: "\(error)")
    }
}
