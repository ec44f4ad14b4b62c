"""Published fact-checks -> :class:`FactCheck` records.

Reads schema.org ClaimReview JSON-LD (``.json``/``.jsonld``: a single object, a list, an
``@graph``, a ``DataFeed`` of ``DataFeedItem``s, or the Google Fact Check Tools
``{"claims": [...]}`` layout) and one fact-check per line or row (``.jsonl``, ``.csv``,
``.tsv``: ``claim`` and ``rating`` required; ``date``, ``publisher``, ``url``,
``claimant``, ``language``, ``title``, ``id`` optional).

Every problem is an InputError naming the file and the record: the line of a JSONL or
CSV record, ``record N`` (1-based, in reading order) of a JSON-LD file.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from verify.errors import InputError
from verify.read.dates import normalise_date
from verify.read.disk import decode, problem, read_bytes, suffix_shown
from verify.read.document import meta_line
from verify.read.files import files_in
from verify.read.plain import paragraphs
from verify.read.records import json_lines, json_type, table_rows
from verify.sanitize import clean, clean_line

FACTCHECK_SUFFIXES = (".json", ".jsonld", ".jsonl", ".csv", ".tsv")

_FIELDS = {
    "claim": ("claim", "claimreviewed", "claim_reviewed", "text"),
    "rating": ("rating", "textualrating", "textual_rating", "verdict", "alternatename"),
    "date": ("date", "reviewed_at", "review_date", "reviewdate", "datepublished"),
    "publisher": ("publisher", "author", "source"),
    "url": ("url", "review_url"),
    "claimant": ("claimant", "speaker"),
    "language": ("language", "lang", "inlanguage", "languagecode"),
    "title": ("title", "headline"),
    "id": ("id",),
}
"""Our field -> the column or key names that fill it (compared lowercased)."""

_MAX_CLAIM_CHARS = 4000


@dataclass(frozen=True)
class FactCheck:
    """One published verdict on one claim."""

    claim: str
    rating: str
    reviewed_at: str | None
    publisher: str | None
    url: str | None
    claimant: str | None
    language: str | None
    title: str | None
    external_id: str | None
    path: Path
    record: int  # the line (JSONL, CSV) or the 1-based ClaimReview number (JSON-LD)
    format: str
    sha256: str


def factcheck_files(paths: Iterable[Path]) -> list[Path]:
    """Files and folders -> the fact-check files to read, in order, without duplicates.

    A folder is searched recursively (hidden entries skipped) for the suffixes above.
    """
    return files_in(paths, FACTCHECK_SUFFIXES, "fact-check files", _unsupported)


def read_factchecks(path: Path) -> Iterator[FactCheck]:
    """The fact-checks of one file, each checked as it is read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonld"):
        return _claimreview_file(path)
    if suffix == ".jsonl":
        return _jsonl(path)
    if suffix in (".csv", ".tsv"):
        return _table(path, suffix[1:])
    raise problem(_unsupported(path), path)


def _unsupported(path: Path) -> str:
    kinds = ", ".join(FACTCHECK_SUFFIXES)
    return f"unsupported file type {suffix_shown(path)}; fact-checks are one of {kinds}"


# --- ClaimReview JSON-LD ------------------------------------------------------------------


def _claimreview_file(path: Path) -> Iterator[FactCheck]:
    raw = decode(read_bytes(path), path)
    try:
        document = json.loads(raw, strict=False)
    except RecursionError:
        raise problem("not valid JSON: nested too deeply", path) from None
    except json.JSONDecodeError as error:
        reason = f"{error.msg} (column {error.colno})"
        raise problem(f"not valid JSON: {reason}", path, error.lineno) from None
    except ValueError as error:
        reason = clean_line(str(error)).split(";")[0][:120]
        raise problem(f"not valid JSON: {reason}", path) from None
    reviews = list(_reviews(document, path))
    if not reviews:
        raise problem("no ClaimReview in this file", path)
    return (_from_claimreview(review, path, n) for n, review in enumerate(reviews, 1))


def _types(value: dict) -> set[str]:
    """The node's ``@type`` names without a vocabulary prefix (``schema:``, a URL)."""
    kinds = value.get("@type", ())
    if isinstance(kinds, str):
        kinds = [kinds]
    if not isinstance(kinds, list):
        return set()
    return {k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in kinds if isinstance(k, str)}


def _reviews(node: object, path: Path, depth: int = 0) -> Iterator[dict]:
    """Every ClaimReview node, in document order, whatever wraps it."""
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            yield from _reviews(item, path, depth + 1)
        return
    if not isinstance(node, dict):
        return
    kinds = _types(node)
    if "ClaimReview" in kinds:
        yield node
        return
    if isinstance(node.get("claims"), list) and not kinds:
        # Google Fact Check Tools: {"claims": [{"text", "claimant", "claimReview": [...]}]}
        for claim in node["claims"]:
            if isinstance(claim, dict):
                for review in claim.get("claimReview") or []:
                    if isinstance(review, dict):
                        yield {"@google_claim": claim, **review}
        return
    for key in ("@graph", "dataFeedElement", "item", "mainEntity", "itemListElement"):
        if key in node:
            yield from _reviews(node[key], path, depth + 1)


def _name(value: object) -> str | None:
    """A person's or organisation's name: a string, or a node's ``name``."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName") or value.get("site")
    return value if isinstance(value, str) else None


def _from_claimreview(review: dict, path: Path, n: int) -> FactCheck:
    where = f"record {n}: "
    google = review.get("@google_claim")
    if isinstance(google, dict):
        claim = google.get("text")
        rating = review.get("textualRating")
        claimant = google.get("claimant")
        date = review.get("reviewDate")
        publisher = _name(review.get("publisher"))
        language = review.get("languageCode")
        title = review.get("title")
    else:
        claim = review.get("claimReviewed")
        rating_node = review.get("reviewRating")
        rating = None
        if isinstance(rating_node, dict):
            rating = rating_node.get("alternateName") or rating_node.get("name")
            if rating is None and rating_node.get("ratingValue") is not None:
                best = rating_node.get("bestRating")
                rating = f"{rating_node['ratingValue']}" + (f"/{best}" if best else "")
        elif isinstance(rating_node, str):
            rating = rating_node
        item = review.get("itemReviewed")
        claimant = _name(item.get("author")) if isinstance(item, dict) else None
        if claim is None and isinstance(item, dict):
            claim = item.get("name") or item.get("text")
        date = review.get("datePublished") or review.get("dateCreated")
        publisher = _name(review.get("author")) or _name(review.get("publisher"))
        language = review.get("inLanguage")
        if isinstance(language, dict):
            language = language.get("alternateName") or language.get("name")
        title = review.get("headline") or review.get("name")
    if not isinstance(claim, str) or not claim.strip():
        raise problem(where + "ClaimReview has no claimReviewed (the claim's text)", path)
    if not isinstance(rating, str | int | float) or not str(rating).strip():
        raise problem(where + "ClaimReview has no reviewRating.alternateName", path)
    return _factcheck(
        {
            "claim": claim,
            "rating": str(rating),
            "date": date,
            "publisher": publisher,
            "url": review.get("url"),
            "claimant": claimant,
            "language": language,
            "title": title,
            "id": review.get("@id") if isinstance(review.get("@id"), str) else None,
        },
        path,
        n,
        "claimreview",
        where,
    )


# --- one fact-check a line or row ----------------------------------------------------------


def _jsonl(path: Path) -> Iterator[FactCheck]:
    for number, value in json_lines(path):
        if not isinstance(value, dict):
            kind = json_type(value)
            raise problem(f"each line must be a JSON object, found {kind}", path, number)
        lowered = {str(k).lower(): v for k, v in value.items()}
        fields: dict[str, object] = {}
        for field, names in _FIELDS.items():
            for name in names:
                if lowered.get(name) is not None:
                    fields[field] = lowered[name]
                    break
        for field in ("publisher", "claimant"):  # a schema.org node is named by its name
            if isinstance(fields.get(field), dict | list):
                fields[field] = _name(fields[field]) or fields[field]
        yield _factcheck(fields, path, number, "jsonl")


def _table(path: Path, fmt: str) -> Iterator[FactCheck]:
    columns: dict[str, int] | None = None
    for line, row in table_rows(path, fmt):
        if columns is None:
            columns = _columns(row, path, line)
            continue
        yield _factcheck(
            {field: row[i] for field, i in columns.items() if row[i].strip()}, path, line, fmt
        )


def _columns(header: list[str], path: Path, line: int) -> dict[str, int]:
    names = [clean_line(name).strip().lower() for name in header]
    columns: dict[str, int] = {}
    for field, aliases in _FIELDS.items():
        for alias in aliases:
            if alias in names:
                columns[field] = names.index(alias)
                break
    missing = [f'"{field}"' for field in ("claim", "rating") if field not in columns]
    if missing:
        shown = ", ".join(name[:40] or '""' for name in names[:20])
        raise problem(f"no {' or '.join(missing)} column (columns: {shown})", path, line)
    return columns


# --- checks shared by every layout ---------------------------------------------------------


def _factcheck(
    fields: dict[str, object], path: Path, record: int, fmt: str, where: str = ""
) -> FactCheck:
    """Check one record's fields and build its FactCheck (``record`` names it in errors)."""
    line = None if fmt == "claimreview" else record

    def fail(message: str) -> InputError:
        return problem(where + message, path, line)

    raw_claim = fields.get("claim")
    if not isinstance(raw_claim, str):
        kind = "missing" if raw_claim is None else json_type(raw_claim)
        raise fail(f'record has no "claim" ({kind})')
    claim = paragraphs(clean(raw_claim)).replace("\n\n", " ")[:_MAX_CLAIM_CHARS]
    if not claim:
        raise fail('record has no "claim" (it is empty)')
    raw_rating = fields.get("rating")
    if isinstance(raw_rating, float) and not math.isfinite(raw_rating):
        raw_rating = None
    if isinstance(raw_rating, bool) or not isinstance(raw_rating, str | int | float):
        kind = "missing" if raw_rating is None else json_type(raw_rating)
        raise fail(f'record has no "rating" ({kind})')
    rating = meta_line(raw_rating)
    if not rating:
        raise fail('record has no "rating" (it is empty)')
    values: dict[str, str | None] = {}
    for field in ("date", "publisher", "url", "claimant", "language", "title", "id"):
        value = fields.get(field)
        if isinstance(value, int | float) and not isinstance(value, bool) and field == "id":
            value = str(int(value)) if float(value).is_integer() else str(value)
        if value is not None and not isinstance(value, str):
            raise fail(f'"{field}" must be a string, not {json_type(value)}')
        values[field] = meta_line(value)
    raw_date = values["date"]
    date = normalise_date(raw_date)
    if raw_date and date is None:
        raise fail(f'"date" is not a date: {raw_date[:40]}')
    url = values["url"]
    if url and not url.lower().startswith(("http://", "https://")):
        raise fail(f'"url" must start with http:// or https://: {url[:60]}')
    # NUL cannot occur in cleaned text, so joining with it keeps the fields apart.
    digest = hashlib.sha256(
        "\0".join(v or "" for v in (claim, rating, date, values["publisher"], url)).encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
    return FactCheck(
        claim=claim,
        rating=rating,
        reviewed_at=date,
        publisher=values["publisher"],
        url=url,
        claimant=values["claimant"],
        language=values["language"],
        title=values["title"],
        external_id=values["id"],
        path=path,
        record=record,
        format=fmt,
        sha256=digest,
    )
