"""Loads chapter 7's saved Transformer into torch.nn.Transformer strictly and compares a forward pass.

    swift run chapter7 --save-model /tmp/transformer.safetensors
    python3 Tests/PyTorchCheck/check-transformer.py /tmp/transformer.safetensors

Needs PyTorch; the package itself does not. Reads safetensors by hand (8-byte header length, JSON
header, little-endian data), so the safetensors package is not needed either.
"""
import json
import math
import struct
import sys

import torch


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    body = data[8 + length:]
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = {"F32": torch.float32, "F64": torch.float64}[entry["dtype"]]
        tensors[name] = torch.frombuffer(bytearray(body[begin:end]), dtype=dtype).reshape(entry["shape"]).clone()
    return tensors, metadata


class TransformerAutoencoder(torch.nn.Module):
    def __init__(self, vocabulary, d, heads, encoder_layers, decoder_layers, ff, norm_first):
        super().__init__()
        self.d = d
        self.source_embedding = torch.nn.Embedding(vocabulary, d)
        self.target_embedding = torch.nn.Embedding(vocabulary, d)
        self.transformer = torch.nn.Transformer(d, heads, encoder_layers, decoder_layers, ff, dropout=0.0,
                                                batch_first=True, norm_first=norm_first)
        self.output = torch.nn.Linear(d, vocabulary)

    def positions(self, length):
        t = torch.arange(length, dtype=torch.float64)[:, None]
        omega = torch.tensor([10000.0 ** (-2 * i / self.d) for i in range(self.d // 2)], dtype=torch.float64)
        pe = torch.zeros(length, self.d, dtype=torch.float64)
        pe[:, 0::2] = torch.sin(t * omega)
        pe[:, 1::2] = torch.cos(t * omega)
        return pe.float()

    def forward(self, source, decoder_input, source_lengths):
        padding = torch.arange(source.shape[1])[None, :] >= source_lengths[:, None]
        src = self.source_embedding(source) + self.positions(source.shape[1])
        tgt = self.target_embedding(decoder_input) + self.positions(decoder_input.shape[1])
        causal = torch.nn.Transformer.generate_square_subsequent_mask(decoder_input.shape[1])
        out = self.transformer(src, tgt, tgt_mask=causal, src_key_padding_mask=padding,
                               memory_key_padding_mask=padding)
        return self.output(out)


def main(path):
    weights, meta = read_safetensors(path)
    example, _ = read_safetensors(path + ".example.safetensors")
    model = TransformerAutoencoder(int(meta["vocabulary"]), int(meta["d_model"]), int(meta["nhead"]),
                                   int(meta["num_encoder_layers"]), int(meta["num_decoder_layers"]),
                                   int(meta["dim_feedforward"]), meta["norm_first"] == "true")
    result = model.load_state_dict(weights, strict=True)
    print(f"strict load_state_dict: {len(weights)} tensors, {sum(t.numel() for t in weights.values())} numbers, {result}")
    model.eval()
    with torch.no_grad():
        logits = model(example["source"].long(), example["decoder_input"].long(), example["source_lengths"].long())
    expected = example["logits"]
    lengths = (example["decoder_input"] != 0).sum(dim=1)  # real decoder positions: <s> and the target
    worst = max(float((logits[b, :n] - expected[b, :n]).abs().max()) for b, n in enumerate(lengths.tolist()))
    scale = float(expected.abs().max())
    print(f"forward pass: largest difference {worst:.3g} over real positions (logits up to {scale:.3g})")
    agree = bool((logits.argmax(-1) == expected.argmax(-1)).all())
    print(f"same most likely token at every position: {agree}")
    return 0 if worst <= 1e-4 * max(1.0, scale) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
