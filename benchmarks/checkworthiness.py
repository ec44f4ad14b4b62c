"""Check-worthiness and claims from real speech: CLEF CheckThat! 2019 Task 1 debates.

    python benchmarks/checkworthiness.py [--split test|own|dev|train] [--data DIR] [--no-cli]

Two parts, each printed beside the one-line baseline computed in the same run (sentences
with a digit first, then the longest first):

1. Ranking. Every spoken sentence of each transcript, as the data set splits them, is
   scored by the product's model (:mod:`verify.extract.worthiness`, with the hosts and
   turns the product finds). Mean average precision per transcript (the task's measure;
   the best official result on test was 0.166).
2. As a user would. Each transcript is written as a plain ``SPEAKER: text`` transcript and
   read with ``verify article add``, then ``verify export --format json``. Printed: the
   share of claims whose speaker is right (its surname is the data's speaker's), the
   share of check-worthy sentences that became claims (a claim covers the sentence), the
   share of claims from hosts (moderators, interviewers and reporters, named below by hand
   from the data), and MAP with the claims ranked by check-worthiness (sentences that are
   not claims come after them, in no order, i.e. count as not found).

Data: ../shared/eval/checkthat2019-task1-debates (free for general research use;
apepa/clef2019-factchecking-task1), read at run time. The model was trained on ``train/``
and its thresholds tuned on the ``dev`` part of it (:data:`debates.DEV`, not trained on
for tuning); report on ``test``, and on ``own`` (:data:`debates.OWN`, a part of ``train/``
never tuned on): for ``own`` this script first trains the model again without those
transcripts (needs the ``bench`` extra, like training) and runs the product with that model.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import debates

from verify.extract import worthiness

# Who hosts, by hand from the transcripts (moderators, interviewers, reporters, questioners
# from the audience): the figure "claims from hosts" is measured against this list.
HOSTS = frozenset(
    """
    MUIR RADDATZ LEVESQUE MCELVEEN QUESTION KELLY MEGYN WALLACE WALLLACE BAIER TAPPER BASH
    HEWITT DINAN STAHL HOLT QUIJANO COOPER TODD MADDOW BLITZER LOUIS CELESTE SCHWAB
    """.split()
)
CLI = "import sys; from verify.cli import main; sys.exit(main())"
# the product with another model (for --split own): set before the CLI runs
CLI_WITH_MODEL = (
    "import json, sys; from verify.extract import worthiness as w; "
    "d = json.load(open(sys.argv.pop(1))); m = w.Model(d['bias'], w.decode_weights(d['weights'])); "
    "w.model = lambda: m; from verify.cli import main; sys.exit(main())"
)


def surname(name: str) -> str:
    words = re.sub(r"[^\w' -]", " ", name).upper().split()
    return words[-1] if words else ""


def ranking(files: dict[str, list[debates.Line]]) -> None:
    aps, base = [], []
    print("1. ranking every spoken sentence (MAP per transcript)")
    print(f"   {'transcript':30s} {'product':>8s} {'baseline':>9s}")
    for name, lines in files.items():
        rows = debates.featurise(lines)
        scores = [worthiness.checkworthiness(x.sentence, f, c) for x, _, c, f in rows]
        spoken = [line for line, *_ in rows]
        relevant = sum(line.worthy for line in spoken)
        order = sorted(range(len(spoken)), key=lambda i: -scores[i])
        aps.append(debates.average_precision([spoken[i].worthy for i in order], relevant))
        heur = debates.digits_then_length([line.sentence for line in spoken])
        base.append(debates.average_precision([spoken[i].worthy for i in heur], relevant))
        print(f"   {name:30s} {aps[-1]:8.3f} {base[-1]:9.3f}")
    print(f"   {'MAP':30s} {statistics.mean(aps):8.3f} {statistics.mean(base):9.3f}")


def as_user(files: dict[str, list[debates.Line]], model_file: Path | None = None) -> None:
    print("\n2. through `verify article add` and `verify export --format json`")
    print(
        f"   {'transcript':30s} {'claims':>6s} {'of sent.':>8s} {'speaker':>8s} "
        f"{'recall':>7s} {'hosts':>6s} {'MAP':>6s} {'baseline':>9s}"
    )
    totals = {"claims": 0, "right": 0, "matched": 0, "worthy": 0, "found": 0, "host": 0}
    aps, base = [], []
    seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, lines in files.items():
            path = Path(tmp) / name.replace(".tsv", ".txt")
            text, spans = debates.as_transcript(lines)
            path.write_text(text, encoding="utf-8")
            db = f"sqlite:///{Path(tmp) / (name + '.db')}"
            started = time.perf_counter()
            cli = [CLI] if model_file is None else [CLI_WITH_MODEL, str(model_file)]
            add = subprocess.run(
                [sys.executable, "-c", *cli, "--db", db, "article", "add", str(path)],
                capture_output=True,
                text=True,
            )
            seconds += time.perf_counter() - started
            if add.returncode != 0:
                print(f"   {name}: article add failed: {add.stderr.strip()}")
                continue
            export = subprocess.run(
                [sys.executable, "-c", *cli, "--db", db, "export", "--format", "json"],
                capture_output=True,
                text=True,
                check=True,
            )
            claims = json.loads(export.stdout)["articles"][0]["claims"]
            keep = [i for i, x in enumerate(lines) if x.speaker not in (debates.STAGE, "SYSYTEM")]
            spoken = [lines[i] for i in keep]
            places = [spans[i] for i in keep]
            # the data sentences a claim covers: those whose middle lies within the claim,
            # or the one the claim lies within
            covers: list[list[int]] = []
            for claim in claims:
                a, b = claim["start"], claim["end"]
                hit = [i for i, (x, y) in enumerate(places) if a <= (x + y) // 2 < b]
                hit = hit or [i for i, (x, y) in enumerate(places) if x <= a and b <= y]
                covers.append(hit)
            right = matched = host = 0
            for claim, hit in zip(claims, covers, strict=True):
                if not hit:
                    continue
                matched += 1
                who = {surname(spoken[i].speaker) for i in hit}
                right += surname(claim["speaker"] or "") in who
                host += bool(who & HOSTS)
            ranked: list[int] = []
            for k in sorted(range(len(claims)), key=lambda k: -claims[k]["checkworthiness"]):
                ranked.extend(i for i in covers[k] if i not in ranked)
            relevant = sum(line.worthy for line in spoken)
            found = sum(spoken[i].worthy for i in set(ranked))
            aps.append(debates.average_precision([spoken[i].worthy for i in ranked], relevant))
            heur = debates.digits_then_length([line.sentence for line in spoken])
            base.append(debates.average_precision([spoken[i].worthy for i in heur], relevant))
            for key, value in (
                ("claims", len(claims)),
                ("right", right),
                ("matched", matched),
                ("worthy", relevant),
                ("found", found),
                ("host", host),
            ):
                totals[key] += value
            print(
                f"   {name:30s} {len(claims):6d} {len(claims) / len(spoken):8.2f} "
                f"{right / max(1, matched):8.3f} {found / max(1, relevant):7.3f} "
                f"{host / max(1, matched):6.3f} {aps[-1]:6.3f} {base[-1]:9.3f}"
            )
    if not aps:
        return
    print(
        f"   {'all':30s} {totals['claims']:6d} {'':8s} "
        f"{totals['right'] / max(1, totals['matched']):8.3f} "
        f"{totals['found'] / max(1, totals['worthy']):7.3f} "
        f"{totals['host'] / max(1, totals['matched']):6.3f} "
        f"{statistics.mean(aps):6.3f} {statistics.mean(base):9.3f}"
    )
    unmatched = totals["claims"] - totals["matched"]
    print(
        f"   speaker and hosts over the {totals['matched']} claims that cover a data sentence "
        f"({unmatched} do not); targets: speaker >= 0.95, recall >= 0.85, hosts <= 0.05; "
        f"`article add` took {seconds:.1f} s in all"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("test", "own", "dev", "train"), default="test")
    parser.add_argument("--data", type=Path, default=debates.DATA)
    parser.add_argument("--no-cli", action="store_true", help="only the ranking")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    files = debates.debates(args.split, args.data)
    print(f"CheckThat! 2019 Task 1, {args.split}: {len(files)} transcripts")
    with tempfile.TemporaryDirectory() as tmp:
        model_file = None
        if args.split == "own":
            model_file = Path(tmp) / "model.json"
            held_out_model(args.data, model_file)
            print("   (the model trained again on train/ without these transcripts)")
        ranking(files)
        if not args.no_cli:
            as_user(files, model_file)
    return 0


def held_out_model(data: Path, out: Path) -> None:
    """Train the model on train/ without :data:`debates.OWN`, write it to ``out`` and use it
    in this process."""
    import train_checkworthiness as training

    fitted = training.fit(debates.debates("train-own", data), training.C)
    shipped = training.payload(fitted, training.C)
    out.write_text(json.dumps(shipped))
    held = worthiness.Model(shipped["bias"], worthiness.decode_weights(shipped["weights"]))
    worthiness.model = lambda: held  # type: ignore[assignment]


if __name__ == "__main__":
    raise SystemExit(main())
