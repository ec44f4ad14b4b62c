"""Which stored URLs a report may turn into links."""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def web_url(url: str | None) -> str | None:
    """``url`` stripped if it is an http(s) URL with a host, else None.

    Anything else (``javascript:``, ``data:``, ``file:``, relative paths, URLs with
    whitespace or control characters inside) is shown as text, never as a link.
    """
    if not url:
        return None
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return url
