"""Reading article and evidence files: what a user can rely on.

Every fixture is a real file written to tmp_path; every sentence is invented (the
fictional states of Veloria and Keldar).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from verify.errors import InputError
from verify.read import (
    Document,
    disk,
    evidence_files,
    normalise_date,
    read_article,
    read_evidence,
)

VOTE = "The council of Veloria voted seven to two on Tuesday to rebuild the river bridge."
COST = "Work will start in May and cost 14 million crowns, the budget office said."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def refused(call, *args) -> InputError:
    with pytest.raises(InputError) as caught:
        result = call(*args)
        if not isinstance(result, Document):
            list(result)
    return caught.value


def assert_one_line(error: InputError, path: Path, line: int | None) -> None:
    text = str(error)
    assert "\n" not in text and "\r" not in text
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    assert text.startswith(where), text


# ------------------------------------------------------------------ text files


def test_a_plain_text_article_keeps_its_title_line_in_its_text_and_as_its_title(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "a.txt", f"Bridge vote in Veloria\n{VOTE}\n\n{COST}\n")
    doc = read_article(path)
    assert doc.text == f"Bridge vote in Veloria\n{VOTE}\n{COST}"
    assert doc.title == "Bridge vote in Veloria"
    assert doc.format == "txt"
    assert doc.path == path
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_front_matter_gives_the_metadata_and_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.txt",
        "title: Bridge vote in Veloria\nurl: https://ardent.example/bridge\n"
        "publisher: The Ardent Post (fictional)\ndate: 3 March 2026\nid: A-17\n---\n"
        f"{VOTE}\n",
    )
    doc = read_article(path)
    assert doc.text == VOTE
    assert doc.title == "Bridge vote in Veloria"
    assert doc.url == "https://ardent.example/bridge"
    assert doc.publisher == "The Ardent Post (fictional)"
    assert doc.published_at == "2026-03-03"
    assert doc.external_id == "A-17"


def test_yaml_front_matter_between_two_dashed_lines_is_accepted(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.md",
        '---\ntitle: "Harbour fees rise"\ntags:\n  - port\n'
        "published_at: 2026-03-03T10:00:00Z\n---\n" + COST + "\n",
    )
    doc = read_article(path)
    assert doc.text == COST
    assert doc.title == "Harbour fees rise"
    assert doc.published_at == "2026-03-03T10:00:00+00:00"


def test_a_first_line_that_only_looks_like_a_key_is_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", f"Summary: the bridge will be rebuilt.\n{VOTE}\n")
    doc = read_article(path)
    assert doc.text.startswith("Summary: the bridge will be rebuilt.\n")
    assert doc.title is None


def test_markdown_comes_out_as_plain_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.md",
        "# Bridge *vote*\n\n"
        "The **council** of [Veloria](https://veloria.example) voted ![chart](c.png) "
        "seven to two <script>alert(1)</script>in <em>public</em>.\n\n"
        "- First point about the bridge.\n- Second point.\n\n"
        "```\nquoted figures: 14 million\n```\n\n"
        "<div><script>alert(1)</script>Raw block text.</div>\n",
    )
    doc = read_article(path)
    assert doc.text == (
        "Bridge vote\nThe council of Veloria voted seven to two in public.\n"
        "- First point about the bridge.\n- Second point.\n"
        "quoted figures: 14 million\nRaw block text."
    )
    assert doc.title == "Bridge vote"
    assert doc.format == "md"


def test_hard_wrapped_text_is_joined_back_into_paragraphs(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.txt",
        "The port authority of Calder Bay raised harbour fees by a fifth on\n"
        "Monday, its director Tomas Brell said in a statement released in\n"
        "the town. Fishing crews said the increase would cost them about 300\n"
        "crowns a month.\n\nKey points:\n- Fees rise by a fifth.\n",
    )
    assert read_article(path).text == (
        "The port authority of Calder Bay raised harbour fees by a fifth on Monday, its "
        "director Tomas Brell said in a statement released in the town. Fishing crews said "
        "the increase would cost them about 300 crowns a month.\n"
        "Key points:\n- Fees rise by a fifth."
    )


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbf" + VOTE.encode())
    assert read_article(path).text == VOTE


# ------------------------------------------------------------------------ html

PAGE = f"""<!doctype html><html><head><title>Bridge vote | The Ardent Post</title>
<meta property="og:site_name" content="The Ardent Post">
<link rel="canonical" href="https://ardent.example/news/bridge">
<meta name="date" content="2026-03-03">
<script>var tracker = "SCRIPTTEXT";</script><style>.x {{ color: red }}</style></head>
<body><header><nav><a href="/">Home</a> <a href="/world">NAVTEXT world</a></nav></header>
<div id="cookie-banner" class="cookie-consent">COOKIETEXT We use cookies. Accept all.</div>
<main><article><h1>Bridge vote</h1>
<p>{VOTE}</p>
<p>Work will start in May and cost 14 million crowns,
<script>document.write("INLINESCRIPT")</script> the budget office said.</p>
<p>A councillor joked that the &lt;script&gt; tag &amp; the bridge were both old.</p>
</article><aside class="sidebar">SIDEBARTEXT Most read</aside></main>
<div class="comments"><p>COMMENTTEXT great article</p></div>
<footer>FOOTERTEXT Copyright 2026 The Ardent Post.</footer></body></html>"""


def test_html_gives_the_main_text_and_the_page_metadata(tmp_path: Path) -> None:
    doc = read_article(write(tmp_path / "a.html", PAGE))
    assert doc.text.split("\n")[:3] == ["Bridge vote", VOTE, COST]
    assert doc.title == "Bridge vote"
    assert doc.url == "https://ardent.example/news/bridge"
    assert doc.publisher == "The Ardent Post"
    assert doc.published_at == "2026-03-03"
    assert doc.format == "html"


def test_page_chrome_scripts_and_cookie_banners_never_reach_the_text(tmp_path: Path) -> None:
    text = read_article(write(tmp_path / "a.htm", PAGE)).text
    for chrome in ("SCRIPT", "NAVTEXT", "COOKIETEXT", "SIDEBARTEXT", "COMMENTTEXT", "FOOTER"):
        assert chrome not in text
    assert "color: red" not in text


def test_escaped_markup_in_html_stays_literal_text_and_real_tags_never_survive(
    tmp_path: Path,
) -> None:
    text = read_article(write(tmp_path / "a.html", PAGE)).text
    assert "A councillor joked that the <script> tag & the bridge were both old." in text
    assert "<p>" not in text and "<h1>" not in text


def test_html_with_only_a_script_has_no_readable_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        "<html><head><script>var s = 'a long script sentence that is not text';</script>"
        "</head><body><script>alert('and another one that is not text either')</script>"
        "</body></html>",
    )
    error = refused(read_article, path)
    assert_one_line(error, path, 1)
    assert "no readable text in HTML" in str(error)


def test_deeply_nested_html_gives_text_or_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.html", "<div>" * 100_000 + f"<p>{VOTE}</p>" + "</div>" * 100_000)
    try:
        doc = read_article(path)
    except InputError as error:
        assert_one_line(error, path, 1)
    else:
        assert "<div" not in doc.text


def test_broken_markup_huge_attributes_and_control_entities_do_not_crash(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        f'<p title="{"x" * 200_000}">Unclosed <b>bold <i>{VOTE}</p></span><<>>&&;'
        "<p>&#x1b;[31mRed &#8238;turned&#8236; text about the vote.</p></div",
    )
    text = read_article(path).text
    assert VOTE in text
    assert "\x1b" not in text and "\u202e" not in text and "[31m" not in text


# ---------------------------------------------------------------- record files


def test_jsonl_gives_one_document_per_record_with_its_metadata(tmp_path: Path) -> None:
    path = write(
        tmp_path / "e.jsonl",
        json.dumps({"id": 7, "text": VOTE, "title": "Vote", "published_at": "3 March 2026"})
        + "\n\n"
        + json.dumps({"id": "k-2", "text": COST, "url": "https://e.example/2", "publisher": "P"})
        + "\n",
    )
    first, second = read_evidence(path)
    assert (first.text, first.title, first.external_id, first.line) == (VOTE, "Vote", "7", 1)
    assert first.published_at == "2026-03-03"
    assert (second.external_id, second.url, second.publisher, second.line) == (
        "k-2",
        "https://e.example/2",
        "P",
        3,
    )
    assert first.format == second.format == "jsonl"
    assert first.sha256 and first.sha256 != second.sha256


def test_a_record_hash_depends_on_its_content_not_its_position(tmp_path: Path) -> None:
    record = json.dumps({"id": 1, "text": VOTE})
    one = next(read_evidence(write(tmp_path / "a.jsonl", record + "\n")))
    other = next(read_evidence(write(tmp_path / "b.jsonl", "\n\n" + record + "\n")))
    changed = next(read_evidence(write(tmp_path / "c.jsonl", json.dumps({"id": 1, "text": COST}))))
    assert one.sha256 == other.sha256 != changed.sha256


def test_records_are_read_lazily_so_an_error_comes_after_the_good_ones(tmp_path: Path) -> None:
    path = write(tmp_path / "e.jsonl", json.dumps({"text": VOTE}) + "\n{oops\n")
    records = read_evidence(path)
    assert next(records).text == VOTE
    with pytest.raises(InputError):
        next(records)


def test_csv_gives_one_document_per_row_with_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "e.csv",
        'id,title,text,url,published_at\r\n1,Vote,"Seven to two, said the mayor.",,2026-03-03\r\n'
        '2,Cost,"A field over\r\ntwo lines.",https://e.example/2,not a date\r\n3,,Last row.,,\r\n',
    )
    docs = list(read_evidence(path))
    assert [(d.external_id, d.line, d.text) for d in docs] == [
        ("1", 2, "Seven to two, said the mayor."),
        ("2", 3, "A field over\ntwo lines."),
        ("3", 5, "Last row."),
    ]
    assert docs[0].published_at == "2026-03-03" and docs[0].url is None
    assert docs[1].published_at is None and docs[1].url == "https://e.example/2"
    assert docs[2].title is None
    assert {d.format for d in docs} == {"csv"}


def test_checkthat_style_tsv_maps_vclaim_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path / "v.tsv",
        'vclaim_id\tvclaim\ttitle\nvc-1\t"""Free the fishermen,"" the envoy said."\tEnvoy\n'
        'vc-2\t"A spreadsheet ""quoted"" cell"\t\n',
    )
    first, second = read_evidence(path)
    assert (first.external_id, first.text, first.title) == (
        "vc-1",
        '"Free the fishermen," the envoy said.',
        "Envoy",
    )
    assert (second.text, second.line, second.format) == ('A spreadsheet "quoted" cell', 3, "tsv")


def test_a_tsv_with_an_unnamed_first_column_takes_it_as_the_id(tmp_path: Path) -> None:
    path = write(
        tmp_path / "claims.tsv",
        "\tvclaim\ttitle\n0\tA claim about ferries.\tFerries\n"
        '1\t"A claim quoted over\ntwo lines."\tTwo lines\n',
    )
    docs = list(read_evidence(path))
    assert [(d.external_id, d.text) for d in docs] == [
        ("0", "A claim about ferries."),
        ("1", "A claim quoted over\ntwo lines."),
    ]


def test_a_whole_file_is_one_evidence_document(tmp_path: Path) -> None:
    docs = list(read_evidence(write(tmp_path / "e.md", f"# Note\n\n{VOTE}\n")))
    assert [(d.title, d.text) for d in docs] == [("Note", VOTE)]
    assert docs[0].line is None


def test_an_escape_laden_record_comes_out_clean(tmp_path: Path) -> None:
    hostile = (
        "Red\x1b[31m alert\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 "
        "\x9b2J cleared \u202etxet desrever\u202c zero\u200bwidth \ud800 nul\x00 bell\x07 "
        "\U000e0041tag line\u2028break"
    )
    path = write(
        tmp_path / "e.jsonl",
        json.dumps({"text": hostile, "title": "Title\x1b[2J\nwith\tnewline"}) + "\n",
    )
    doc = next(read_evidence(path))
    assert doc.text == "Red alert link cleared txet desrever zerowidth nul bell tag line\nbreak"
    assert doc.title == "Title with newline"
    doc.text.encode("utf-8")  # no lone surrogate survives


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2026-03-03", "2026-03-03"),
        ("2026-03-03T10:00:00Z", "2026-03-03T10:00:00+00:00"),
        ("3 March 2026", "2026-03-03"),
        ("March 3rd, 2026", "2026-03-03"),
        ("Tue 3 Mar 2026 at 8:10pm", "2026-03-03"),
        ("Tue, 03 Mar 2026 10:00:00 +0000", "2026-03-03T10:00:00+00:00"),
        ("18 hours ago", None),
        ("31 February 2026", None),
        ("", None),
    ],
)
def test_dates_are_normalised_to_iso_or_dropped(given: str, expected: str | None) -> None:
    assert normalise_date(given) == expected


# ------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary file, not text"),
        ("bin.jsonl", b'{"text": "a"}\n{"text": "b\x00"}\n', 2, "binary file, not text"),
        ("bad.txt", b"line one\nline two\nline \xc3\x28 three\n", 3, "invalid UTF-8 at byte 23"),
        ("bad.csv", b"id,text\n1,fine\n2,caf\xe9\n", 3, "invalid UTF-8"),
        ("utf16.txt", "Veloria".encode("utf-16"), 1, "UTF-16"),
        ("zero.txt", b"", 1, "empty file"),
        ("zero.jsonl", b"", 1, "empty file"),
        ("blank.md", b"  \n\t\n", 1, "empty file"),
        ("blank.jsonl", b"\n   \n", 1, "empty file"),
        ("nojson.jsonl", b'{"text": "fine"}\n{"text": broken\n', 2, "not valid JSON"),
        ("deep.jsonl", b"[" * 100_000 + b"\n", 1, "not valid JSON"),
        ("notext.jsonl", b'{"text": "fine"}\n{"title": "no text"}\n', 2, 'record has no "text"'),
        ("array.jsonl", b"[1, 2]\n", 1, 'record has no "text"'),
        ("numtext.jsonl", b'{"text": 5}\n', 1, 'record has no "text"'),
        ("emptytext.jsonl", b'{"text": " \\u200b "}\n', 1, 'record has no "text"'),
        ("badtitle.jsonl", b'{"text": "a", "title": 5}\n', 1, '"title" must be a string'),
        ("badid.jsonl", b'{"text": "a", "id": [1]}\n', 1, '"id" must be a string or number'),
        ("nocol.csv", b"title,body\nVote,Seven to two.\n", 1, 'no "text" column (columns: title'),
        ("extra.csv", b"id,text\n1,a\n2,b,c\n", 3, "row has 3 fields, header has 2"),
        ("missing.csv", b"id,text\n1,a\n2\n", 3, "row has 1 fields, header has 2"),
        ("emptytext.csv", b"id,text\n1,\n", 2, 'record has no "text"'),
        ("quote.csv", b'id,text\n1,"never closed\n2,b\n', 2, "not valid CSV"),
        ("header.csv", b"id,text\n", 1, "no records"),
        ("nocol.tsv", b"a\tb\nx\ty\n", 1, 'no "text" column'),
    ],
)
def test_bad_input_is_one_line_naming_the_file_and_line(
    tmp_path: Path, name: str, content: bytes, line: int, message: str
) -> None:
    path = write(tmp_path / name, content)
    reader = read_evidence if path.suffix in (".jsonl", ".csv", ".tsv") else read_article
    error = refused(reader, path)
    assert_one_line(error, path, line)
    assert message in str(error)


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(disk, "MAX_FILE_BYTES", 64)
    for name in ("big.txt", "big.jsonl"):
        path = write(tmp_path / name, json.dumps({"text": VOTE}) + "\n")
        error = refused(read_evidence, path)
        assert_one_line(error, path, None)
        assert "the limit is 64 bytes" in str(error)


def test_the_documented_size_limit_is_64_mib() -> None:
    assert disk.MAX_FILE_BYTES == 64 * 1024 * 1024


def test_a_folder_given_as_a_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "folder.txt"
    path.mkdir()
    error = refused(read_article, path)
    assert_one_line(error, path, None)
    assert "folder" in str(error)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.jsonl", json.dumps({"text": VOTE}))
    path.chmod(0)
    try:
        error = refused(read_evidence, path)
    finally:
        path.chmod(0o600)
    assert_one_line(error, path, None)
    assert "permission denied" in str(error)


def test_a_pipe_is_refused_rather_than_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert_one_line(refused(read_article, path), path, None)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    assert_one_line(refused(read_article, path), path, None)


def test_an_article_must_be_text_markdown_or_html(tmp_path: Path) -> None:
    path = write(tmp_path / "e.jsonl", json.dumps({"text": VOTE}))
    assert "evidence records" in str(refused(read_article, path))
    assert "unsupported file type" in str(refused(read_evidence, tmp_path / "a.odt"))


def test_the_error_stays_one_line_whatever_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path / "bad\nname\x1b[31m.txt", b"")
    text = str(refused(read_article, path))
    assert "\n" not in text and "\x1b" not in text
    assert text.endswith(":1: empty file (0 bytes)")


# ------------------------------------------------------------- finding files


def test_folders_expand_to_supported_files_in_sorted_order(tmp_path: Path) -> None:
    for name in ("z.txt", "a.MD", "b/c.csv", "b/d.jsonl", "notes.odt", ".hidden.txt", ".git/x.txt"):
        write(tmp_path / "ev" / name, VOTE)
    single = write(tmp_path / "one.html", PAGE)
    found = evidence_files([tmp_path / "ev", single, tmp_path / "ev" / "z.txt"])
    names = [str(p.relative_to(tmp_path)) for p in found]
    assert names == ["ev/a.MD", "ev/b/c.csv", "ev/b/d.jsonl", "ev/z.txt", "one.html"]


def test_a_named_file_of_an_unsupported_type_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.odt", b"PK\x03\x04")
    error = refused(evidence_files, [path])
    assert_one_line(error, path, None)
    assert "unsupported file type" in str(error)


def test_a_missing_path_or_a_folder_without_evidence_is_refused(tmp_path: Path) -> None:
    assert "no such file or folder" in str(refused(evidence_files, [tmp_path / "gone"]))
    (tmp_path / "empty").mkdir()
    assert "no evidence files" in str(refused(evidence_files, [tmp_path / "empty"]))
