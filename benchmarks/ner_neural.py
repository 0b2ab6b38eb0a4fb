"""Train the optional neural tagger (char-CNN + BiLSTM + CRF, rasid[ner-neural]) and score it on ANERcorp.

    python benchmarks/ner_neural.py [--epochs 20] [--nlp-dir ../shared/nlp]

It reads the same features as the CRF (clitic-stripped keys, gazetteer flags, label memory, letter
model); the score after each epoch is printed so the comparison with the CRF is plain.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nlp-dir", type=Path, default=ROOT / ".." / "shared" / "nlp")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--device", default="cpu")
    a = ap.parse_args()

    from rasid.ner.evaluate import score
    from rasid.ner.lexicons import gazetteer_entries
    from rasid.ner.neural import train_neural
    from rasid.ner.train import FeatureBuilder, TrainConfig, _blocks, load_training_sentences, make_lexicon

    config = TrainConfig(clusters=False)
    train, test, _ = load_training_sentences(a.nlp_dir, config)
    lexicon, _ = make_lexicon(a.nlp_dir, test, config, quiet=True)
    blocks = _blocks(len(train), config.folds)
    fb = FeatureBuilder(lexicon, config, train, blocks, gazetteer_entries(a.nlp_dir))
    extras = [fb.extra(k, b) for k, b in zip(fb.keys, blocks)]
    test_extras = [fb.extra(fb.fz.keys(s.words)) for s in test]

    def evaluate(tagger) -> str:
        encoded = [tagger.encode(s.words, ex) for s, ex in zip(test, test_extras)]
        t0 = time.perf_counter()
        predicted = tagger.tag_encoded(encoded)
        r = score([s.tags for s in test], predicted)
        per_type = " ".join(f"{t} {v['f1']:.2f}" for t, v in r["per_type"].items())
        rate = sum(len(s.words) for s in test) / (time.perf_counter() - t0)
        return f"F1 {r['f1']:.2f} P {r['precision']:.2f} R {r['recall']:.2f} | {per_type} | {rate:.0f} tokens/s"

    t0 = time.time()
    train_neural(fb, train, extras, epochs=a.epochs, device=a.device, eval_fn=evaluate,
                 log=lambda m: print(m, flush=True))
    print(f"trained in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
