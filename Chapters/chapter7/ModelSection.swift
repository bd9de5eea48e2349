// Section 5 of chapter 7, first part: the model, its PyTorch names, its parameter count, and a saved file.

import Foundation
import Models
import NeuralNetworks
import Notebook
import Serialization
import Tensors

/// Prints the model's parameters by submodule against the closed form, and saves and reloads them
/// through a safetensors file under PyTorch's names.
func modelSection(_ book: Notebook, _ settings: ExperimentSettings) {
    book.section("The Transformer autoencoder")
    let configuration = settings.transformer(vocabularySize: settings.vocabulary.count)
    let (d, f, v) = (configuration.modelSize, configuration.feedForwardSize, configuration.vocabularySize)
    book.prose("""
    The model: source tokens are embedded (a table of d_model = \(d) numbers per token) and their \
    positions' sinusoids added; \(counted(configuration.encoderLayerCount, "encoder layer")) of \(configuration.headCount)-head \
    self-attention and a feed-forward network of width \(f) turn them into the memory. The decoder embeds \
    <s> followed by the target with a table of its own, adds positions, and runs \
    \(counted(configuration.decoderLayerCount, "decoder layer")) of masked self-attention, attention over the memory and a \
    feed-forward network; a linear layer gives one score per token. Embeddings are not scaled by √d_model: \
    they start with unit variance, as large as the sinusoids. Dropout is off (the tasks are generated, so \
    fresh batches never repeat). Teacher forcing trains; greedy decoding, stopping at </s>, tests.\(configuration.encoderLayerCount == 1
        ? " One layer in each stack, not two: on the two cores this chapter is written for, two of each would not train within the chapter's time budget; the model of the mask checks above has two of each, and the names and the loading below work for any number." : "")
    """)
    let model = TransformerAutoencoder<Float>(configuration, seed: book.seed &+ 50)
    book.code((["submodule            parameters"] + model.parameterCountBySubmodule.map { name, count in
        name.rightPadded(20) + String(count).leftPadded(11)
    } + ["total".rightPadded(20) + String(model.parameterCount).leftPadded(11)]).joined(separator: "\n"))
    book.prose("""
    In closed form, with d = \(d), f = \(f) and V = \(v): an attention layer has 4d² + 4d parameters (in_proj \
    and out_proj), a feed-forward network 2df + d + f, a layer norm 2d; an encoder layer holds one attention, \
    one feed-forward network and two norms, a decoder layer two, one and three; the stacks end with one \
    norm each; the embeddings take 2Vd and the output layer dV + V.
    """)
    book.check("parameter count = closed form", passed: model.parameterCount == configuration.closedFormParameterCount,
               detail: "\(model.parameterCount) counted, \(configuration.closedFormParameterCount) by the formula")
    book.prose("""
    The parameters carry the names and layouts of torch.nn.Transformer(batch_first=True): \
    transformer.encoder.layers.0.self_attn.in_proj_weight [3d, d], ….linear1.weight [f, d], ….norm1.weight, \
    transformer.encoder.norm.weight, transformer.decoder.layers.0.multihead_attn.out_proj.weight, \
    ….norm3.bias, transformer.decoder.norm.bias, and around them source_embedding.weight, \
    target_embedding.weight, output.weight and output.bias. A safetensors file of them loads with a strict \
    load_state_dict into a PyTorch module built from the same parts under the same attribute names:
    """)
    book.code("""
    class TransformerAutoencoder(torch.nn.Module):
        def __init__(self, vocabulary=\(v), d=\(d), heads=\(configuration.headCount), layers=\(configuration.encoderLayerCount), ff=\(f)):
            super().__init__()
            self.source_embedding = torch.nn.Embedding(vocabulary, d)
            self.target_embedding = torch.nn.Embedding(vocabulary, d)
            self.transformer = torch.nn.Transformer(d, heads, layers, layers, ff, dropout=0.0,
                                                    batch_first=True, norm_first=True)
            self.output = torch.nn.Linear(d, vocabulary)
    """)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chapter7-\(ProcessInfo.processInfo.processIdentifier)")
    let path = folder.appendingPathComponent("transformer.safetensors").path
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Safetensors.save(model.namedParameters, to: path)
        let reloaded = TransformerAutoencoder<Float>(configuration, seed: book.seed &+ 51)
        try Safetensors.load(into: reloaded.namedParameters, from: path)
        let same = zip(model.parameters, reloaded.parameters).allSatisfy { $0.scalars == $1.scalars }
        book.check("saved to safetensors and loaded strictly into a fresh model: every tensor equal",
                   passed: same, detail: "\(model.namedParameters.count) tensors, \(model.parameterCount) numbers")
    } catch {
        book.check("saved to safetensors and loaded strictly into a fresh model", passed: false, detail: "\(error)")
    }
}

/// "1 encoder layer", "2 encoder layers".
func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
