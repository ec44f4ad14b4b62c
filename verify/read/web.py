"""Web pages and documents by URL -> Document, the bytes fetched kept as the archived copy.

Only http and https are fetched (a redirect elsewhere is refused too), within
:data:`TIMEOUT_SECONDS` and :data:`~verify.read.disk.MAX_FILE_BYTES`, and only HTML, plain
text, PDF and Word answers are read: with the same readers as files. A fetch that fails
is a :class:`FetchError`, one line naming the URL (exit code 1).

The content hash of a fetched page is of what is read from it (title and text), not of
its bytes: a page whose advertisements or timestamps change between two fetches is
unchanged content, so adding it again changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace
from datetime import UTC, datetime
from http.client import HTTPException
from typing import Any

from verify.errors import InputError, VerifyError
from verify.progress import Progress
from verify.read import disk
from verify.read.document import Document, Fetched
from verify.sanitize import clean_line

TIMEOUT_SECONDS = 20.0
"""How long a fetch may wait for the server to connect or send, and (three times this)
how long the whole answer may take."""

_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}

_USER_AGENT = "verify/0.1 (fact-check workbench)"

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]{1,40})""", re.IGNORECASE)


class FetchError(VerifyError):
    """A URL that could not be fetched or is not a page or document (exit code 1)."""


def is_url(text: str) -> bool:
    """Whether a command-line argument is a URL (``scheme://...``) rather than a path."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", text) is not None


def check_url(url: str) -> str:
    """``url`` if it is an http or https URL with a host; else a FetchError."""
    shown = _shown(url)
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        raise FetchError(f"{shown}: not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{shown}: only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(f"{shown}: the URL names no host")
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise FetchError(f"{shown}: the URL holds spaces or control characters")
    return url


def _shown(url: str) -> str:
    return clean_line(url)[:300] if url.isprintable() else repr(url)[1:-1][:300]


class _OnlyWebRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
        target = headers.get("location") or headers.get("uri") or ""
        newurl = urllib.parse.urljoin(req.full_url, target)
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"{_shown(req.full_url)}: redirected to a URL that is not http(s)")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch(url: str, *, timeout: float | None = None) -> Fetched:
    """GET ``url``: its bytes, content type and when, or a one-line FetchError."""
    check_url(url)
    shown = _shown(url)
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    limit = disk.MAX_FILE_BYTES
    opener = urllib.request.build_opener(_OnlyWebRedirects())
    request = urllib.request.Request(
        url, headers={"User-Agent": _USER_AGENT, "Accept": ", ".join(_TYPES)}
    )
    started = time.monotonic()
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if content_type not in _TYPES:
                raise FetchError(
                    f"{shown}: not a web page or document (Content-Type {content_type}); "
                    "verify reads HTML, plain text, PDF and Word"
                )
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"{shown}: {disk.too_large(int(declared))}")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"{shown}: {disk.too_large(size)}")
                if time.monotonic() - started > 3 * timeout:
                    raise FetchError(f"{shown}: timed out after {3 * timeout:g} s")
                chunks.append(chunk)
            final_url = response.geturl()
            charset = response.headers.get_content_charset()
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        raise FetchError(f"{shown}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise FetchError(f"{shown}: timed out after {timeout:g} s") from None
        text = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
        raise FetchError(f"{shown}: could not fetch: {clean_line(str(text))[:200]}") from None
    except TimeoutError:
        raise FetchError(f"{shown}: timed out after {timeout:g} s") from None
    except (HTTPException, OSError, ValueError) as error:
        reason = clean_line(str(error))[:200] or type(error).__name__
        raise FetchError(f"{shown}: could not fetch: {reason}") from None
    body = b"".join(chunks)
    if not body.strip():
        raise FetchError(f"{shown}: the server sent an empty answer")
    if charset:
        content_type = f"{content_type}; charset={charset}"
    return Fetched(url, final_url, datetime.now(UTC), content_type, body)


def read_url(
    url: str, *, title_is_text: bool = False, progress: Progress | None = None
) -> Document:
    """Fetch ``url`` and read it as its file would be read; the Document carries what was
    fetched. ``title_is_text`` as for files: an article keeps its title line in its text."""
    from verify.read.docx import docx_document
    from verify.read.files import read_markup
    from verify.read.pdf import pdf_document

    fetched = fetch(url)
    shown = _shown(url)
    fmt = _TYPES[fetched.content_type.split(";")[0]]
    try:
        if fmt == "pdf":
            doc = pdf_document(fetched.body, shown, progress)
        elif fmt == "docx":
            doc = docx_document(fetched.body, shown)
        else:
            doc = read_markup(
                _decode(fetched), shown, fmt, fetched.body, title_is_text=title_is_text, url=url
            )
    except InputError as error:
        # What the URL answered is no page or document we can read (no text, a scan, a
        # broken PDF): the fetch failed, exit 1, as every other failed fetch.
        raise FetchError(f"{shown}: {error.message}") from None
    content = "\0".join((url, doc.title or "", doc.text)).encode("utf-8", "surrogatepass")
    return replace(doc, url=url, sha256=hashlib.sha256(content).hexdigest(), fetched=fetched)


def _decode(fetched: Fetched) -> str:
    """The text of an HTML or plain-text answer, in its declared charset (else UTF-8);
    bytes that do not decode become U+FFFD rather than refusing the page."""
    match = re.search(r"charset=([A-Za-z0-9_-]+)", fetched.content_type)
    found = _META_CHARSET.search(fetched.body[:4096])
    name = match.group(1) if match else found.group(1).decode("ascii") if found else "utf-8"
    try:
        return fetched.body.decode(name, errors="replace")
    except LookupError:
        return fetched.body.decode("utf-8", errors="replace")
