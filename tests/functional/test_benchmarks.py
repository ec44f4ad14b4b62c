"""The benchmark scripts run as they are and score what they rank correctly."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def figure(output: str, line_start: str, name: str) -> float:
    line = next(line for line in output.splitlines() if line.startswith(line_start))
    found = re.search(rf"{re.escape(name)} (\d+\.\d+)", line)
    assert found, line
    return float(found.group(1))


def write_split(folder: Path) -> Path:
    """A tiny retrieval task of our own in the CheckThat layout."""
    claims = [
        ("0", "The Dunmore dam was finished in 1931 by the river board.", "Dunmore dam age"),
        ("1", "Port Lenna's harbour counted 412 cargo ships in March.", "Harbour count"),
        ("2", "Estavia's council voted seven to two to close the copper mine.", "Mine vote"),
        ("3", "The Lenna ferry carried 9,100 people in May.", "Ferry figures"),
    ]
    with open(folder / "verified_claims.docs.tsv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter="\t")
        writer.writerow(["", "vclaim", "title"])
        writer.writerows(claims)
    split = folder / "dev"
    split.mkdir()
    tweets = [
        ("q1", "Was the #DunmoreDam really finished in 1931? https://t.co/x1"),
        ("q2", "@LennaPort says 412 cargo ships came into the harbour in March!"),
        ("q3", "Council in Estavia votes to close the copper mine, 7-2"),
    ]
    with open(split / "tweets.queries.tsv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter="\t")
        writer.writerow(["", "tweet_content"])
        writer.writerows(tweets)
    (split / "tweet-vclaim-pairs.qrels").write_text("q1\t0\t0\t1\nq2\t0\t1\t1\nq3\t0\t2\t1\n")
    return split


def test_checkthat_scores_a_split_whose_answers_the_matcher_finds_as_perfect(
    tmp_path: Path,
) -> None:
    output = run("benchmarks/checkthat.py", str(write_split(tmp_path)))
    assert "3 queries" in output
    for name in ("MAP@1", "MAP@5", "R@5"):
        assert figure(output, "verify (product matcher)", name) == 1.0
    assert figure(output, "rapidfuzz token_set_ratio", "MAP@5") > 0
    assert re.search(r"\d+\.\d q/s", output)


def test_article_match_scores_the_demo_and_both_references_in_one_run() -> None:
    output = run("benchmarks/article_match.py")
    assert "claims 8/8" in output.splitlines()[2]
    assert figure(output, "verify (product)", "relevant above distractors") == 1.0
    product = figure(output, "verify (product)", "MAP@5")
    fuzzy = figure(output, "rapidfuzz token_set_ratio", "MAP@5")
    assert product > fuzzy
    assert "BM25" in output or "bm25s is not installed" in output


def test_checked_before_prints_precision_recall_and_lookup_time_beside_the_baseline(
    tmp_path: Path,
) -> None:
    split = write_split(tmp_path)
    output = run(
        "benchmarks/checked_before.py", str(split.parent), "--splits", "dev", "--archive", "300"
    )
    assert "dev: 3 tweets, 1 never checked; 3 fact-checks imported" in output
    lowest = next(line for line in output.splitlines() if line.split()[:1] == ["30"])
    precision, recall, clean = (float(x) for x in lowest.split()[1:4])
    assert (precision, recall, clean) == (1.0, 1.0, 1.0)
    assert "dev token_set_ratio: best F1" in output
    assert re.search(r"lookup for an article of \d+ claims against 300 fact-checks", output)


def write_debate(folder: Path) -> None:
    """A tiny debate of our own in the CheckThat! 2019 Task 1 layout (test/ only)."""
    rows = [
        ("KEMP", "Good evening and welcome to the Estavia debate.", 0),
        ("KEMP", "Senator Dahl, what would you do about the ferries?", 0),
        ("DAHL", "Thank you, Lena.", 0),
        ("DAHL", "The ferry fleet carried 9,100 people in May, down from 12,000 a year ago.", 1),
        ("DAHL", "I think we can do much better than that.", 0),
        ("SYSTEM", "(APPLAUSE)", 0),
        ("DAHL", "We will buy six new ships.", 0),
        ("KEMP", "Governor Ives, your response?", 0),
        ("IVES", "Look,", 0),
        ("IVES", "The governor's office cut the ferry budget by 40 per cent in 2023.", 1),
        ("IVES", "That is why the fleet is failing.", 0),
        ("KEMP", "Thank you both.", 0),
    ]
    (folder / "test").mkdir(parents=True)
    with open(folder / "test" / "debate.tsv", "w", encoding="utf-8", newline="") as out:
        for n, (speaker, sentence, label) in enumerate(rows, 1):
            out.write(f"{n}\t{speaker}\t{sentence}\t{label}\n")


def test_checkworthiness_ranks_a_debate_and_reads_it_through_the_cli(tmp_path: Path) -> None:
    write_debate(tmp_path / "debates")
    out = run("benchmarks/checkworthiness.py", "--data", str(tmp_path / "debates"))
    ranking = next(line for line in out.splitlines() if line.strip().startswith("MAP"))
    product, baseline = (float(x) for x in ranking.split()[1:3])
    assert product == 1.0  # both checked sentences ranked first
    assert 0.0 < baseline <= 1.0
    everything = next(line for line in out.splitlines() if line.strip().startswith("all"))
    claims, speaker, recall, hosts = everything.split()[1:5]
    assert int(claims) >= 2
    assert (float(speaker), float(recall), float(hosts)) == (1.0, 1.0, 0.0)


def test_stance_scores_hints_per_split_beside_always_supports(tmp_path: Path) -> None:
    """A CLIMATE-FEVER-shaped file of our own: odd claim ids are the untouched split."""
    rows = [
        {
            "claim_id": "1",
            "claim": "Harbour Watch counts 412 detainees in Port Lenna.",
            "evidences": [
                {
                    "evidence": "Harbour Watch counts 412 detainees in Port Lenna.",
                    "evidence_label": "SUPPORTS",
                },
                {
                    "evidence": "Rainfall in the hills was twice the average.",
                    "evidence_label": "NOT_ENOUGH_INFO",
                },
                {"evidence": "The council of Veloria met on Monday.", "evidence_label": "REFUTES"},
            ],
        },
    ]
    data = tmp_path / "climate-fever.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    missing = tmp_path / "none"
    output = run(
        "benchmarks/stance.py",
        "--climate-fever",
        str(data),
        "--fever-symmetric",
        str(missing),
        "--fm2",
        str(missing),
        "--covid-fact",
        str(missing),
        "--healthver",
        str(missing),
    )
    assert "skipped fever_symmetric" in output
    assert "climate-fever untouched: 3 pairs (1 supports, 1 refutes, 1 NEI)" in output
    assert figure(output, "  S+R pairs", "always-supports") == 0.5
    assert figure(output, "  S+R pairs", "hint accuracy") == 1.0
    assert figure(output, "  supports ", "recall") == 1.0
    assert "precision by confidence" in output


def test_rematch_speed_times_matching_and_the_stance_judge_on_the_demo() -> None:
    output = run("benchmarks/rematch_speed.py", "--claims", "5", "--runs", "1")
    assert "re-match 5 claims against the demo store: median" in output
    assert "stance judge alone on the same" in output


def test_documents_scores_pdf_word_and_html_evidence_from_files_and_urls() -> None:
    output = run("benchmarks/documents.py")
    for run_name in ("from files", "from a web server"):
        head = next(line for line in output.splitlines() if line.startswith(run_name))
        assert head.endswith("sources titled by file name or URL: 0")
    product = [line for line in output.splitlines() if "verify (product)" in line]
    assert len(product) == 2
    for line in product:
        assert re.search(r"top 3 \d/8  top 1 \d/8  PDF page right in top 3 \d/4", line)
    assert output.count("rapidfuzz token_set_ratio") == 2
