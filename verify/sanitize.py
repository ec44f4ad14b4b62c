"""The one place untrusted text is cleaned on its way into the system.

Everything read from an article or an evidence file passes through :func:`clean`
before it is stored, so no stored text can carry terminal control sequences,
bidirectional overrides or invisible characters to an analyst's screen.
"""

from __future__ import annotations

import re
import unicodedata

# Vertical tab, form feed, NEL and the Unicode line and paragraph separators: line breaks.
_LINE_BREAK = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
# C0 controls except tab and newline, DEL, C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional marks, embeddings, overrides and isolates (Arabic letter mark included);
# zero-width and other invisible characters; BOM; soft hyphen; interlinear annotation
# marks; tag characters; lone surrogates (JSON can carry them, UTF-8 cannot); U+FFFE/U+FFFF.
_INVISIBLE = re.compile(
    r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    r"\ufeff\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f\ud800-\udfff]"
)
# What plain ASCII text may hold and still need cleaning: any control character but \t, \n.
_ASCII_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST (never past the line's end)
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b[@-_]"  # other two-byte escapes
)


def clean(text: str) -> str:
    """Return ``text`` safe to store and show: NFC, ``\\n`` line ends, no control bytes.

    Whole escape sequences are removed (so ``ESC[31m`` leaves nothing behind), stray
    control characters become nothing, and invisible formatting characters are dropped.
    Tabs and newlines stay; other line breaks (form feed, NEL, U+2028/U+2029) become ``\\n``.
    """
    if text.isascii() and not _ASCII_UNSAFE.search(text):
        return text  # the common case, and nothing here to change
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _LINE_BREAK.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """:func:`clean`, then whitespace runs (newlines included) folded to one space."""
    return " ".join(clean(text).split())


def normal_name(text: str) -> str:
    """An analyst's name as it is stored and compared: one person, one spelling.

    NFKC (so full-width and styled letters are the plain ones), case-folded, invisible
    and control characters removed, whitespace trimmed and folded: ``"ED "``,
    ``"ed\\u200b"`` and ``"Ｅｄ"`` are all ``"ed"``.
    """
    text = unicodedata.normalize("NFKC", clean(text)).casefold()
    text = _IGNORABLE.sub("", text)
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in _NOT_IN_NAMES)
    return " ".join(unicodedata.normalize("NFKC", kept).split())


# Default-ignorable code points that are not format characters: fillers, variation
# selectors, the combining grapheme joiner.
_IGNORABLE = re.compile(
    r"[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
    r"\U0001bca0-\U0001bca3\U000e0100-\U000e01ef]"
)
_NOT_IN_NAMES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


# Control characters but tab, newline and the CR of a CRLF (CSV's line end).
_OUTPUT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
_OUTPUT_INVISIBLE = re.compile(
    r"[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    r"\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
)


def clean_output(text: str) -> str:
    """``text`` safe to print or export: the last line of defence on the way out.

    Stored text was cleaned on the way in; this removes whatever still could move a
    terminal's cursor, change its colours or title, or reverse a line: escape
    sequences, control characters (tab, newline and CRLF stay), bidirectional and
    invisible characters (a byte order mark stays: CSV may start with one).
    """
    if text.isascii() and not _ASCII_UNSAFE.search(text.replace("\r\n", "")):
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _OUTPUT_CONTROL.sub("", text)
    return _OUTPUT_INVISIBLE.sub("", text)
