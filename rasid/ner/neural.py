"""An optional neural tagger (rasid[ner-neural]): character CNN + word BiLSTM + CRF layer, PyTorch on the CPU.

It reads the same clitic-stripped keys, lexicon flags, label memory and letter-model guesses as the
CRF, as small embeddings beside word and character embeddings. Kept for comparison: the default
model is the two-pass CRF (see rasid.ner.train), which trains faster and scored better here.
"""
from __future__ import annotations

import random
import time

import torch
from torch import nn

PAD, UNK = 0, 1
MAX_CHARS = 16


def _vocab(items, min_count: int = 1) -> dict[str, int]:
    from collections import Counter

    counts = Counter(items)
    out = {"<pad>": PAD, "<unk>": UNK}
    for w, c in sorted(counts.items()):
        if c >= min_count:
            out[w] = len(out)
    return out


class CRF(nn.Module):
    """A linear-chain CRF over emission scores, with start and end transitions."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Negative log-likelihood summed over the batch; em (B, T, n), tags and mask (B, T)."""
        b, t, _ = em.shape
        idx = torch.arange(b)
        score = self.start[tags[:, 0]] + em[idx, 0, tags[:, 0]]
        alpha = self.start + em[:, 0]
        for i in range(1, t):
            m = mask[:, i]
            score = score + (self.trans[tags[:, i - 1], tags[:, i]] + em[idx, i, tags[:, i]]) * m
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans + em[:, i].unsqueeze(1), dim=1)
            alpha = torch.where(m.unsqueeze(1) > 0, nxt, alpha)
        last = tags[idx, mask.sum(1).long() - 1]
        score = score + self.end[last]
        return (torch.logsumexp(alpha + self.end, dim=1) - score).sum()

    def decode(self, em: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        b, t, _ = em.shape
        score = self.start + em[:, 0]
        back = []
        for i in range(1, t):
            s = score.unsqueeze(2) + self.trans
            best, arg = s.max(dim=1)
            nxt = best + em[:, i]
            m = mask[:, i].unsqueeze(1) > 0
            score = torch.where(m, nxt, score)
            back.append(torch.where(m, arg, torch.arange(em.shape[2]).expand_as(arg)))
        score = score + self.end
        out = []
        lengths = mask.sum(1).long().tolist()
        last = score.argmax(1).tolist()
        for k in range(b):
            path = [last[k]]
            for i in range(lengths[k] - 2, -1, -1):
                path.append(back[i][k, path[-1]].item())
            out.append(path[::-1])
        return out


class BiLstmCrf(nn.Module):
    """Word, key, feature and character-CNN embeddings -> BiLSTM -> CRF."""

    def __init__(self, sizes: dict[str, int], n_labels: int, n_feats: int, word_dim: int = 100,
                 char_dim: int = 30, char_filters: int = 60, feat_dim: int = 16, hidden: int = 150) -> None:
        super().__init__()
        self.word = nn.Embedding(sizes["word"], word_dim, padding_idx=PAD)
        self.key = nn.Embedding(sizes["key"], word_dim, padding_idx=PAD)
        self.char = nn.Embedding(sizes["char"], char_dim, padding_idx=PAD)
        self.conv = nn.Conv1d(char_dim, char_filters, 3, padding=1)
        self.feat = nn.EmbeddingBag(sizes["feat"], feat_dim, mode="sum", padding_idx=PAD)
        self.drop = nn.Dropout(0.5)
        self.lstm = nn.LSTM(2 * word_dim + char_filters + feat_dim, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_labels)
        self.crf = CRF(n_labels)
        self.n_feats = n_feats

    def emissions(self, words, keys, chars, feats):
        b, t = words.shape
        c = self.char(chars.view(b * t, -1)).transpose(1, 2)
        c = torch.relu(self.conv(c)).max(dim=2).values.view(b, t, -1)
        f = self.feat(feats.view(b * t, -1)).view(b, t, -1)
        x = torch.cat([self.word(words), self.key(keys), c, f], dim=2)
        h, _ = self.lstm(self.drop(x))
        return self.out(self.drop(h))


class NeuralTagger:
    """Encodes sentences with the CRF's featurizer and tags them with a BiLstmCrf."""

    def __init__(self, builder, vocabs: dict[str, dict[str, int]], labels: list[str], model: BiLstmCrf) -> None:
        self.builder = builder  # rasid.ner.train.FeatureBuilder-like: .fz and .extra(keys)
        self.vocabs = vocabs
        self.labels = labels
        self.model = model

    def encode(self, words, extra: list[list[str]]):
        fz = self.builder.fz
        v = self.vocabs
        info = [fz._word(w) for w in words]
        wid = [v["word"].get(x[3], UNK) for x in info]
        kid = [v["key"].get(x[2], UNK) for x in info]
        cid = [[v["char"].get(ch, UNK) for ch in x[3][:MAX_CHARS]] for x in info]
        fid = []
        for x, ex in zip(info, extra):
            names = [f for f in x[1][2] if not f.startswith(("+1w=", "+1s="))] + [f for f in x[0] if f.startswith(("p=", "s2=", "b2="))] + list(ex[0])
            fid.append([v["feat"].get(f, UNK) for f in names][:self.model.n_feats])
        return wid, kid, cid, fid

    @staticmethod
    def batch(encoded: list[tuple], n_feats: int):
        t = max(len(e[0]) for e in encoded)
        b = len(encoded)
        words = torch.zeros(b, t, dtype=torch.long)
        keys = torch.zeros(b, t, dtype=torch.long)
        chars = torch.zeros(b, t, MAX_CHARS, dtype=torch.long)
        feats = torch.zeros(b, t, n_feats, dtype=torch.long)
        mask = torch.zeros(b, t)
        for i, (w, k, c, f) in enumerate(encoded):
            n = len(w)
            words[i, :n] = torch.tensor(w)
            keys[i, :n] = torch.tensor(k)
            mask[i, :n] = 1
            for j in range(n):
                chars[i, j, :len(c[j])] = torch.tensor(c[j]) if c[j] else 0
                feats[i, j, :len(f[j])] = torch.tensor(f[j]) if f[j] else 0
        return words, keys, chars, feats, mask

    def tag_encoded(self, encoded: list[tuple], batch_size: int = 64) -> list[list[str]]:
        self.model.eval()
        out = []
        with torch.no_grad():
            for i in range(0, len(encoded), batch_size):
                chunk = encoded[i:i + batch_size]
                w, k, c, f, m = self.batch(chunk, self.model.n_feats)
                em = self.model.emissions(w, k, c, f)
                out += [[self.labels[j] for j in p] for p in self.model.crf.decode(em, m)]
        return out


def train_neural(builder, sentences, extras, epochs: int = 20, seed: int = 13, device: str = "cpu",
                 log=print, eval_fn=None) -> NeuralTagger:
    """Fit a BiLstmCrf on sentences (with their per-word extra features); `eval_fn(tagger)` after each epoch."""
    random.seed(seed)
    torch.manual_seed(seed)
    fz = builder.fz
    info = [[fz._word(w) for w in s.words] for s in sentences]
    feat_names = []
    for s_info, ex in zip(info, extras):
        for x, e in zip(s_info, ex):
            feat_names += [f for f in x[1][2] if not f.startswith(("+1w=", "+1s="))]
            feat_names += [f for f in x[0] if f.startswith(("p=", "s2=", "b2="))] + list(e[0])
    vocabs = {"word": _vocab((x[3] for s in info for x in s), 2), "key": _vocab((x[2] for s in info for x in s), 2),
              "char": _vocab(ch for s in info for x in s for ch in x[3]), "feat": _vocab(feat_names, 2)}
    labels = sorted({t for s in sentences for t in s.tags})
    lindex = {label: i for i, label in enumerate(labels)}
    n_feats = 24
    model = BiLstmCrf({k: len(v) for k, v in vocabs.items()}, len(labels), n_feats).to(device)
    tagger = NeuralTagger(builder, vocabs, labels, model)
    data = [(tagger.encode(s.words, ex), [lindex[t] for t in s.tags]) for s, ex in zip(sentences, extras)]
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(epochs):
        model.train()
        random.shuffle(data)
        t0, total = time.time(), 0.0
        for i in range(0, len(data), 16):
            chunk = data[i:i + 16]
            enc = []
            for (w, k, c, f), _ in chunk:  # word dropout: unknown-word practice
                w = [UNK if random.random() < 0.05 else x for x in w]
                enc.append((w, k, c, f))
            w, k, c, f, m = (x.to(device) for x in NeuralTagger.batch(enc, n_feats))
            t = torch.zeros_like(w)
            for j, (_, tags) in enumerate(chunk):
                t[j, :len(tags)] = torch.tensor(tags)
            loss = model.crf.nll(model.emissions(w, k, c, f), t, m) / len(chunk)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item()
        msg = f"epoch {epoch + 1}: loss {total:.1f} ({time.time() - t0:.0f} s)"
        if eval_fn:
            model.cpu() if device != "cpu" else None
            msg += f" {eval_fn(tagger)}"
            model.to(device)
        log(msg)
    model.cpu()
    return tagger
