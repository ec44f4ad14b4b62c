"""The evidence store: importing files and searching passages."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from db.evidence import counts
from db.session import Database
from tests.support.cli_run import run_cli
from verify.errors import InputError, VerifyError
from verify.evidence.chunk import MAX_CHARS, MAX_WORDS, chunk
from verify.evidence.ingest import import_paths
from verify.evidence.search import search_evidence
from verify.match.rank import rank


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def stored(db: Database) -> dict[str, int]:
    with db.read() as session:
        return counts(session)


@pytest.fixture
def store_files(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    write(
        folder / "harbour.txt",
        "title: Harbour report\npublisher: Test Wire (fictional)\n---\n"
        "The harbour authority of Port Lenna counted 412 cargo ships in March.\n\n"
        "Officials said the figure was the highest in a decade.\n",
    )
    records = [
        {
            "id": "R-1",
            "text": "The council of Estavia voted seven to two to close the mine.",
            "title": "Mine vote",
        },
        {
            "id": "R-2",
            "text": "Estavia's mine will stay open until 2030, the minister said.",
            "title": "Mine future",
        },
    ]
    write(folder / "records.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    write(
        folder / "rows.csv", 'text,title,id\n"Rainfall in Port Lenna fell by a fifth.",Rain,C-9\n'
    )
    return folder


def test_every_record_of_every_format_becomes_a_searchable_source(
    db: Database, store_files: Path
) -> None:
    report = import_paths(db, [store_files])
    assert report.files == 3
    assert report.sources_added == 4
    assert stored(db)["sources"] == 4
    run = run_cli("--db", db.url, "evidence", "search", "mine vote Estavia", "--json")
    assert run.code == 0, run.err
    results = json.loads(run.out)["results"]
    assert results[0]["source"]["external_id"] == "R-1"


def test_importing_the_same_files_twice_changes_nothing(db: Database, store_files: Path) -> None:
    import_paths(db, [store_files])
    before = stored(db)
    again = import_paths(db, [store_files])
    assert again.sources_added == 0 and again.sources_skipped == 4
    assert stored(db) == before


def test_a_bad_file_is_refused_whole_and_earlier_files_stay(
    db: Database, store_files: Path, tmp_path: Path
) -> None:
    import_paths(db, [store_files])
    before = stored(db)
    bad = write(
        tmp_path / "bad.jsonl",
        '{"id": "ok-1", "text": "A fine first record about Port Lenna."}\n{not json\n',
    )
    run = run_cli("--db", db.url, "evidence", "add", str(bad))
    assert run.code == 2
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and f"{bad}:2:" in lines[0]
    assert stored(db) == before


@pytest.mark.parametrize(
    "query",
    [
        'the "mine" NEAR(vote, 2)',
        "mine* AND NOT (vote OR",
        "Estavia's mine -- closed? )))",
        '""" \' \' : ^ ~ {} [] NEAR/3 OR AND',
        "title:mine text:vote",
    ],
)
def test_search_strings_full_of_quotes_and_operators_are_plain_words(
    db: Database, store_files: Path, query: str
) -> None:
    import_paths(db, [store_files])
    run = run_cli("--db", db.url, "evidence", "search", query, "--json")
    assert run.code == 0, run.err
    json.loads(run.out)


def test_a_query_of_only_punctuation_finds_nothing_and_says_so(
    db: Database, store_files: Path
) -> None:
    import_paths(db, [store_files])
    run = run_cli("--db", db.url, "evidence", "search", '"()*"')
    assert run.code == 0
    assert "no passage matches" in run.out


def test_passages_carry_exact_offsets_into_their_document() -> None:
    text = (
        "Heading\n"
        + " ".join(f"Sentence number {i} says something." for i in range(40))
        + "\n\nA short closing paragraph of more than eight words here.\n"
    )
    pieces = chunk(text)
    assert len(pieces) > 2
    for piece in pieces:
        assert text[piece.start : piece.end] == piece.text
        assert len(piece.text.split()) <= 90


def test_a_named_file_of_an_unsupported_kind_is_refused(
    tmp_path: Path, sqlite_db: Database
) -> None:
    odd = write(tmp_path / "notes.docx", "x")
    with pytest.raises(InputError):
        import_paths(sqlite_db, [odd])


def _source_fields(db: Database) -> list[tuple[object, ...]]:
    from sqlalchemy import select

    from db.models import Passage, Source

    with db.read() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    Source.external_id,
                    Source.title,
                    Source.publisher,
                    Source.url,
                    Source.published_at,
                    Source.line,
                    Source.format,
                    Passage.ordinal,
                    Passage.text,
                    Passage.start,
                    Passage.end,
                )
                .join(Passage, Passage.source_id == Source.id)
                .order_by(Source.external_id, Passage.ordinal)
            )
        ]


@pytest.mark.parametrize("read_ahead", [False, True], ids=["in-process", "read-ahead"])
def test_every_field_of_a_record_is_stored_where_it_belongs(
    db: Database, tmp_path: Path, read_ahead: bool
) -> None:
    record = {
        "id": 77,
        "text": "Port Lenna's ferry carried 9,100 people in May.",
        "title": "Ferry figures",
        "publisher": "Lenna Wire (fictional)",
        "url": "https://example.org/ferry",
        "published_at": "2026-05-31",
    }
    path = write(tmp_path / "one.jsonl", json.dumps(record) + "\n")
    import_paths(db, [path], read_ahead=read_ahead)
    assert _source_fields(db) == [
        (
            "77",
            "Ferry figures",
            "Lenna Wire (fictional)",
            "https://example.org/ferry",
            "2026-05-31",
            1,
            "jsonl",
            0,
            record["text"],
            0,
            len(record["text"]),
        )
    ]


def test_reading_ahead_in_a_second_process_stores_exactly_what_one_process_does(
    tmp_path: Path, store_files: Path
) -> None:
    from db.session import open_database

    big = write(
        store_files / "many.jsonl",
        "".join(
            json.dumps(
                {
                    "id": f"M-{i}",
                    "text": f"Record {i} says the Lenna ferry ran {i} times.",
                    "title": f"Ferry {i % 7}",
                }
            )
            + "\n"
            for i in range(5_000)
        ),
    )
    assert big.stat().st_size > 0
    results = []
    for read_ahead in (False, True):
        db = open_database(f"sqlite:///{tmp_path / f'ahead-{read_ahead}.db'}")
        report = import_paths(db, [store_files], read_ahead=read_ahead)
        results.append(
            (report.files, report.sources_added, report.passages_added, _source_fields(db))
        )
        db.dispose()
    assert results[0] == results[1]
    assert results[1][1] == 5_004


def test_a_bad_file_read_ahead_is_refused_whole_with_its_line_and_earlier_files_stay(
    db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    write(
        folder / "a-good.jsonl",
        "".join(
            json.dumps({"id": f"G-{i}", "text": f"Good record {i} about the Lenna tides."}) + "\n"
            for i in range(3_000)
        ),
    )
    write(
        folder / "b-bad.jsonl",
        "".join(
            json.dumps({"id": f"B-{i}", "text": f"Record {i} of a file that breaks."}) + "\n"
            for i in range(2_500)
        )
        + '{"id": "broken", "text": \n',
    )
    write(folder / "c-never.jsonl", json.dumps({"id": "N-1", "text": "Never read."}) + "\n")
    with pytest.raises(InputError) as caught:
        import_paths(db, [folder], read_ahead=True)
    assert str(caught.value).startswith(f"{folder / 'b-bad.jsonl'}:2501: not valid JSON")
    assert stored(db) == {"sources": 3_000, "passages": 3_000}


def _children() -> set[int]:
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        with contextlib.suppress(OSError):
            found.update(int(pid) for pid in (task / "children").read_text().split())
    return found


def test_a_read_ahead_process_that_dies_stops_the_import_with_one_line_and_stores_nothing(
    sqlite_db: Database, tmp_path: Path
) -> None:
    big = write(
        tmp_path / "big.jsonl",
        "".join(
            json.dumps({"id": f"K-{i}", "text": f"Record {i} on the Lenna lighthouse keepers."})
            + "\n"
            for i in range(200_000)
        ),
    )
    before = _children()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            import_paths(sqlite_db, [big], read_ahead=True)
        except BaseException as error:  # handed to the test thread
            failure.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 30
    while not (_children() - before) and time.monotonic() < deadline:
        time.sleep(0.01)
    for pid in _children() - before:
        os.kill(pid, signal.SIGKILL)
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert len(failure) == 1 and isinstance(failure[0], VerifyError)
    assert "the evidence reader stopped unexpectedly" in str(failure[0])
    assert "\n" not in str(failure[0])
    assert stored(sqlite_db) == {"sources": 0, "passages": 0}


def test_accents_and_the_turkish_i_are_folded_the_same_in_text_and_query(
    db: Database, tmp_path: Path
) -> None:
    records = [
        {"id": "z", "text": "The Zürich tram board raised fares by a tenth in March."},
        {"id": "i", "text": "The Istanbul ferry line carried nine million riders."},
        {"id": "d", "text": "Crews at the ıstanbul shipyard worked through the holiday."},
    ]
    path = tmp_path / "scripts.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    import_paths(db, [path])

    def found(query: str) -> list[str | None]:
        return [r.source.external_id for r in search_evidence(db, query, top_k=3)]

    assert found("Zurich tram fares")[0] == "z"
    assert found("ZÜRICH tram fares")[0] == "z"
    assert found("İstanbul ferry riders")[0] == "i"
    assert found("Istanbul shipyard holiday")[0] == "d"


UNSPACED = [
    # our own sentences, in scripts written without spaces between words
    {"id": "zh-fares", "text": "市政府昨天宣布地铁票价从下个月起上涨百分之十。"},
    {"id": "zh-rain", "text": "气象局预计今年夏天的降雨量将低于往年的平均水平。"},
    {"id": "ja-fares", "text": "東京都は昨日、路線バスの運賃を来月から値上げすると発表した。"},
    {"id": "ja-library", "text": "大阪の図書館は日曜日の開館時間を二時間延長した。"},
    {"id": "th-fares", "text": "รัฐบาลประกาศขึ้นค่าโดยสารรถไฟฟ้าเมื่อวานนี้"},
    {"id": "th-hospital", "text": "โรงพยาบาลประจำจังหวัดเปิดแผนกใหม่สำหรับเด็ก"},
    {"id": "en-fares", "text": "Metro fares in the capital rose by a tenth last month."},
]


def test_words_inside_chinese_japanese_and_thai_text_are_found(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "unspaced.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in UNSPACED) + "\n")
    import_paths(db, [path])

    def found(query: str) -> list[str | None]:
        return [r.source.external_id for r in search_evidence(db, query, top_k=3)]

    assert found("地铁票价")[0] == "zh-fares"
    assert found("降雨量")[0] == "zh-rain"
    assert found("運賃")[0] == "ja-fares"
    assert found("図書館")[0] == "ja-library"
    assert found("ค่าโดยสาร")[0] == "th-fares"
    assert found("โรงพยาบาล")[0] == "th-hospital"
    assert found("Metro fares")[0] == "en-fares"
    # one character is a word too
    assert "zh-rain" in found("雨")
    # the CLI's search reads the same index
    run = run_cli("--db", db.url, "evidence", "search", "路線バスの運賃", "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["results"][0]["source"]["external_id"] == "ja-fares"


def test_a_chinese_claim_is_matched_to_the_passage_that_says_it(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "unspaced.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in UNSPACED) + "\n")
    import_paths(db, [path])
    claims = {
        "市政府表示地铁票价将上涨百分之十": "zh-fares",
        "東京都がバスの運賃を値上げ": "ja-fares",
        "รัฐบาลขึ้นค่าโดยสารรถไฟฟ้า": "th-fares",
    }
    with db.read() as session:
        for claim, expected in claims.items():
            matches = rank(session, claim, top_k=3)
            assert matches and matches[0].passage.external_id == expected, claim


def test_a_long_line_without_punctuation_is_cut_at_spaces_into_bounded_passages() -> None:
    words = [f"levy{i % 97}" for i in range(40_000)]
    line = " ".join(words)
    giant = "x" * 9_000  # one token longer than a passage may be

    passages = chunk(f"{line}\n\n{giant} after it")

    assert all(len(p.text) <= MAX_CHARS and len(p.text.split()) <= MAX_WORDS for p in passages)
    text = f"{line}\n\n{giant} after it"
    assert all(text[p.start : p.end] == p.text for p in passages)
    from_line = [p for p in passages if p.end <= len(line)]
    assert " ".join(p.text for p in from_line) == line  # cut only at spaces, nothing lost
    assert "".join(p.text for p in passages[len(from_line) :]).replace(" ", "") == giant + "afterit"
