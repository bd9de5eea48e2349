#!/usr/bin/env python3
"""The peers `swift run bench --peers` measures against: numpy's matrix product and PyTorch.

The bench starts this script once per thread count (with OMP_NUM_THREADS, OPENBLAS_NUM_THREADS
and MKL_NUM_THREADS set, and `--threads N`), then sends it one request per line and reads one
answer per line, alternating with its own measurements so both run under the same conditions:

    matmul N                 -> "gflops G"   best of several batches of an f32 N x N product
    step V E H L P A B T R   -> "ms M"       median of R PyTorch training steps (see `Seq2Seq`)
    memory                   -> "rss_mb M"   peak resident memory of this process so far
    quit

The first line it prints is "ready torch VERSION numpy VERSION", or "missing MODULE" when
Python lacks numpy or PyTorch (the bench then prints how to install them and its own numbers alone).
The package's build and tests never run this file.
"""
import argparse
import resource
import sys
import time


def answer(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def best_seconds(body, batches=7, batch_seconds=0.02):
    """The best time of one call: batches of calls lasting about batch_seconds, after a warm-up."""
    body()
    start = time.perf_counter()
    body()
    single = max(time.perf_counter() - start, 1e-7)
    calls = max(1, int(batch_seconds / single))
    best = float("inf")
    for _ in range(batches):
        start = time.perf_counter()
        for _ in range(calls):
            body()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def median_seconds(body, repetitions):
    """The median time of `repetitions` calls after one warm-up call (the upper middle one for an even count)."""
    body()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def make_model_class(torch):
    nn = torch.nn

    class Seq2Seq(nn.Module):
        """The book's Seq2SeqAutoencoder wired the same way: dropout on both embeddings and between
        LSTM layers; the decoder starts from the encoder's final state; with attention, step t scores
        every encoder output with v^T tanh(U h_j + W s_{t-1}) (s_{t-1} the previous top-layer state),
        feeds [embedding; context] to the LSTM and predicts from [state; context]."""

        def __init__(self, vocabulary, embedding, hidden, layers, dropout, attention):
            super().__init__()
            between = dropout if layers > 1 else 0.0
            context = hidden if attention else 0
            self.attention = attention
            self.encoder_embedding = nn.Embedding(vocabulary, embedding)
            self.encoder = nn.LSTM(embedding, hidden, layers, dropout=between, batch_first=True)
            self.decoder_embedding = nn.Embedding(vocabulary, embedding)
            self.decoder = nn.LSTM(embedding + context, hidden, layers, dropout=between, batch_first=True)
            self.query = nn.Linear(hidden, hidden, bias=False)
            self.key = nn.Linear(hidden, hidden, bias=False)
            self.score = nn.Linear(hidden, 1, bias=False)
            self.output = nn.Linear(hidden + context, vocabulary)
            self.dropout = nn.Dropout(dropout)

        def forward(self, source, decoder_input):
            outputs, (h, c) = self.encoder(self.dropout(self.encoder_embedding(source)))  # [B, S, H]
            keys = self.key(outputs) if self.attention else None                           # [B, S, H]
            embedded = self.dropout(self.decoder_embedding(decoder_input))                 # [B, T, E]
            features = []
            for t in range(decoder_input.shape[1]):
                step = embedded[:, t]
                if self.attention:
                    scores = self.score(torch.tanh(keys + self.query(h[-1]).unsqueeze(1))).squeeze(-1)  # [B, S]
                    weights = torch.softmax(scores, dim=-1)
                    context = torch.bmm(weights.unsqueeze(1), outputs).squeeze(1)          # [B, H]
                    step = torch.cat([step, context], dim=1)
                out, (h, c) = self.decoder(step.unsqueeze(1), (h, c))
                state = out.squeeze(1)
                features.append(torch.cat([state, context], dim=1) if self.attention else state)
            return self.output(torch.stack(features, dim=1))                                # [B, T, V]

    return Seq2Seq


def training_step_ms(torch, model_class, request):
    vocabulary, embedding, hidden, layers = (int(x) for x in request[:4])
    dropout, attention = float(request[4]), request[5] == "1"
    batch, length, repetitions = (int(x) for x in request[6:9])
    torch.manual_seed(1)
    model = model_class(vocabulary, embedding, hidden, layers, dropout, attention)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(2)
    source = torch.randint(2, vocabulary, (batch, length), generator=generator)
    decoder_input = torch.cat([torch.ones(batch, 1, dtype=torch.long), source[:, :-1]], dim=1)

    def step():
        optimizer.zero_grad()
        logits = model(source, decoder_input)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, vocabulary), source.reshape(-1))
        loss.backward()
        optimizer.step()

    return 1000 * median_seconds(step, repetitions)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, required=True)
    threads = parser.parse_args().threads
    try:
        import numpy
    except ImportError:
        answer("missing numpy")
        return
    try:
        import torch
    except ImportError:
        answer("missing torch")
        return
    torch.set_num_threads(threads)
    model_class = make_model_class(torch)
    answer(f"ready torch {torch.__version__} numpy {numpy.__version__}")
    for line in sys.stdin:
        request = line.split()
        if not request or request[0] == "quit":
            break
        if request[0] == "matmul":
            n = int(request[1])
            a = numpy.full((n, n), 0.5, dtype=numpy.float32)
            b = numpy.full((n, n), 0.25, dtype=numpy.float32)
            c = numpy.empty((n, n), dtype=numpy.float32)
            seconds = best_seconds(lambda: numpy.matmul(a, b, out=c))
            answer(f"gflops {2 * n ** 3 / seconds / 1e9:.3f}")
        elif request[0] == "step":
            answer(f"ms {training_step_ms(torch, model_class, request[1:]):.4f}")
        elif request[0] == "memory":
            answer(f"rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
        else:
            answer(f"error unknown request {request[0]}")


if __name__ == "__main__":
    main()
