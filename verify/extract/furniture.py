"""Page furniture: the lines of a scraped news page that are not the story's own sentences.

Furniture is never a claim. A line is furniture when it is

- the title: the first line of the text when it is short and has no final full stop, or a
  line equal to the title given on import (a headline is a summary, not a claim);
- a time stamp or dateline: "Updated 2 hours ago", "Posted Thu 8 Jan 2026 at 8:10pm",
  "18 hours agoThu 8 Jan 2026 at 8:10pm" (the glued form a scraper leaves) -- a line made
  only of dates, times and stamp words;
- a byline: "By Jane Doe", "Reporting by ...", "Jane Doe, Chief Reporter";
- a photo caption or credit: a line that ends with a parenthesised "(Agency: Name)" credit
  or "(Supplied)", or starts with "Photo:", "Image:", "Picture:", "Caption:", or ends with a
  "Photograph: Name/Agency" credit;
- a wire credit: "Reuters/AP/AFP", "Northwire/CPA", "AP", "- Reuters", "with wires";
- a section label or page chrome: "In short:", "Key points:", "Related stories:",
  "Read more", "Share this article", "Topics: ...", "Advertisement", any short line
  ending in a colon, a bare web address, and text that talks to the reader ("Sign up to
  our newsletter.", "Editor's note: this story has been updated.");
- a related-story link: a headline-like line after "Related stories:", "Read more:" and the
  like, up to the next line that reads as a paragraph of the story;
- a heading: a line with no sentence-final punctuation (a subheading, a name, a link); a
  story paragraph ends with a full stop, "?", "!" or a closing quotation mark.

A leading dateline inside a paragraph ("KOVAR, March 3 (Northwire) - ") is not a line of
its own: :func:`dateline_prefix` gives its length so the claim can start after it.

Summary labels ("In short:", "Key points:") are furniture, but the lines after them are
bullets that restate the story: :func:`find_furniture` reports them so that claim
extraction can merge them into the body sentences they summarise.

(Over the house's 400 lines on purpose: each kind of furniture above is a short rule,
and :func:`find_furniture` needs all of them in page order.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from verify.extract.entities import CALENDAR, COMMON, is_capitalised
from verify.read.plain import reads_as_title
from verify.text import wordset

TITLE = "title"
STAMP = "stamp"
BYLINE = "byline"
CAPTION = "caption"
CREDIT = "credit"
LABEL = "label"
RELATED = "related"
HEADING = "heading"

SUMMARY_LABELS = frozenset(
    {
        "in short",
        "key points",
        "key point",
        "summary",
        "at a glance",
        "the short version",
        "what you need to know",
        "the key facts",
        "key facts",
        "quick read",
        "highlights",
        "story highlights",
        "the latest",
    }
)
RELATED_LABELS = frozenset(
    {
        "related stories",
        "related story",
        "related",
        "related articles",
        "related content",
        "related coverage",
        "read more",
        "read also",
        "see also",
        "more on this story",
        "more from",
        "more stories",
        "top stories",
        "most read",
        "most popular",
        "popular now",
        "trending",
        "you might also like",
        "you may also like",
        "recommended",
        "editor's picks",
        "more news",
        "latest news",
    }
)
CHROME_LABELS = frozenset(
    {
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "share on x",
        "copy link",
        "link copied",
        "topics",
        "tags",
        "advertisement",
        "advert",
        "sponsored",
        "loading",
        "subscribe",
        "sign up",
        "log in",
        "follow",
        "follow us",
        "comments",
        "print",
        "email",
        "listen",
        "listen to this article",
        "watch",
        "play video",
        "skip to main content",
        "skip to content",
        "back to top",
        "key events",
        "live updates",
        "live",
        "breaking",
        "breaking news",
        "analysis",
        "explainer",
        "opinion",
        "more to come",
        "this story is developing",
        "developing story",
    }
)
_LABEL_PREFIXES = (
    "topics:",
    "tags:",
    "read more:",
    "related:",
    "see also:",
    "more:",
    "share this",
    "listen to this",
    "watch:",
    "listen:",
    "advertisement",
    "sign up",
    "subscribe to",
    "follow us",
    "copyright",
    "©",
    "all rights reserved",
)

WIRES = wordset("""
    reuters ap afp aap pa dpa efe ansa xinhua kyodo yonhap bloomberg upi ians pti cpa
    wires wire agencies agency
    """)

_STAMP_WORDS = CALENDAR | wordset("""
        ago just now yesterday today updated update posted published first last modified
        at on am pm a.m. p.m. gmt utc bst est edt cst pst et pt cet cest aedt aest acdt awst
        nzdt ist hkt sgt t z local time second seconds sec secs minute minutes min mins hour
        hours hr hrs day days week weeks month months year years and of the
        """)
_STAMP_TOKEN = re.compile(r"\d+(?::\d+)*(?:am|pm|st|nd|rd|th|h)?|[A-Za-z]+\.?(?:[A-Za-z]\.)?|\S")
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[a-zA-Z])(?=\d)|(?<=\d)(?=[A-Z])")

_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
_CREDIT_PAREN = re.compile(
    r"\((?:[^()]{0,60}:\s*[^()]{1,60}|supplied|file|file photo|archive|pictured|"
    r"reuters|ap|afp|aap|epa|getty images|getty|ap photo[^()]*|afp photo[^()]*|"
    r"[A-Z][\w&.' -]{0,40}/[A-Z][\w&.' /-]{0,40})\)\s*$",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(
    r"^(?:photo|photos|photograph|image|images|picture|pictured|caption|image caption|"
    r"image source|credit|photo credit|video|graphic|illustration|file photo)\s*[:,|–-]",
    re.IGNORECASE,
)
_CAPTION_END = re.compile(
    r"(?:photograph|photo|picture|image|credit|illustration)\s*:\s*[^.]{1,80}$", re.IGNORECASE
)
_BYLINE = re.compile(
    r"^(?:by|words by|written by|reporting by|reported by|story by|additional reporting by|"
    r"editing by|compiled by)\s+\S",
    re.IGNORECASE,
)
_DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}"  # KOVAR, NEW PORT
    r"(?:,\s*[A-Z][A-Za-z'’.]+(?:\s+[A-Z][A-Za-z'’.]+){0,2})?"  # , Ruritania
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)?"
    r"\s*(?:\([A-Za-z][\w .&/-]{0,40}\))?"  # (Reuters)
    r"\s*[-–—:]+\s+(?=\S)"
)
_LINK = re.compile(r"://|^www\.|\w\.[a-z]{2,}/|^[\w.+-]+@[\w-]+\.[\w.]+$", re.IGNORECASE)
_CHROME_SENTENCE = re.compile(
    r"^(?:get (?:all )?the latest|sign up|subscribe|follow us|download (?:the|our)|"
    r"this (?:article|story|page|video|content) (?:contains|has been|was|is not|may)|"
    r"editor['’]s note|for more (?:news|information|stories|on this)|click here|tap here|"
    r"read (?:more|the full|our)|watch (?:the|our|live|more)|listen (?:to|now|live)|"
    r"share (?:this|on|via)|we (?:have|['’]ve) updated|do you know more|got a (?:story|news tip)|"
    r"contact (?:us|the (?:newsroom|author))|if you or someone you know|"
    r"help keep family|copy link|skip to|report an error|we welcome your feedback|"
    r"this is a developing story|more to follow|more to come|here['’]s what we know|"
    r"here is what we know)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[•●▪◦*·‣⁃–—-]|\d{1,2}[.)])\s+")


def _words(line: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’.-]*", line)


def _norm_label(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip().rstrip(":.").strip()).lower().replace("’", "'")


def is_stamp(line: str) -> bool:
    """A line made only of dates, times and words like "Updated", "ago", "Posted"."""
    unglued = _GLUE.sub(" ", re.sub(r"\b([ap])\.m\.", r"\1m", line, flags=re.I))
    tokens = _STAMP_TOKEN.findall(unglued)
    if not tokens:
        return False
    has_time = False
    for token in tokens:
        low = token.lower()
        if token[0].isdecimal():
            has_time = True
        elif low in _STAMP_WORDS or low.rstrip(".") in _STAMP_WORDS:
            if low.rstrip(".") in CALENDAR or low in {"ago", "yesterday", "today", "now"}:
                has_time = True
        elif not token[0].isalnum():
            continue
        else:
            return False
    return has_time


def is_caption(line: str) -> bool:
    """A photo caption or credit line."""
    if _CAPTION_START.match(line):
        return True
    if _CREDIT_PAREN.search(line):
        return True
    return bool(_CAPTION_END.search(line)) and not _TERMINAL.search(line)


def is_wire_credit(line: str) -> bool:
    """ "Reuters/AP/AFP", "Northwire/CPA", "AP", "- Reuters", "with wires", "ABC/wires"."""
    text = line.strip().strip("-–—()[]. ").strip()
    text = re.sub(r"^(?:with|additional reporting:?|source:?)\s+", "", text, flags=re.I)
    parts = [p.strip() for p in re.split(r"\s*(?:/|,|&|\band\b|\|)\s*", text) if p.strip()]
    if not parts or len(parts) > 6:
        return False
    if any(len(p.split()) > 3 for p in parts):
        return False
    if len(parts) == 1:
        return parts[0].lower() in WIRES
    return all(p.lower() in WIRES or all(is_capitalised(w) for w in p.split()) for p in parts)


def is_byline(line: str) -> bool:
    """ "By Jane Doe", "Reporting by ...", "Jane Doe, Chief Reporter"."""
    words = _words(line)
    match = _BYLINE.match(line)
    if match and len(words) <= 16:
        first = (line[match.end() - 1 :].split() or [""])[0]
        return is_capitalised(first) and first.lower() not in COMMON
    if "," in line and not _TERMINAL.search(line) and len(words) <= 8:
        name = line.split(",", 1)[0].split()
        return 2 <= len(name) <= 4 and all(is_capitalised(w) for w in name)
    return False


def is_label(line: str) -> bool:
    """A section label or page chrome ("In short:", "Share this article", "Topics: ...")."""
    norm = _norm_label(line)
    if norm in SUMMARY_LABELS or norm in RELATED_LABELS or norm in CHROME_LABELS:
        return True
    low = line.strip().lower()
    if low.startswith(_LABEL_PREFIXES):
        return True
    return line.rstrip().endswith(":") and len(_words(line)) <= 6


def is_link(line: str) -> bool:
    """A bare web address or e-mail address."""
    text = line.strip().rstrip(".…")
    return " " not in text and bool(_LINK.search(text))


def is_chrome(line: str) -> bool:
    """Page text that talks to the reader rather than reports ("Sign up to ...")."""
    return bool(_CHROME_SENTENCE.match(line.strip()))


def is_heading(line: str) -> bool:
    """A line without sentence-final punctuation: a headline, subheading, name or link.

    Story paragraphs end with a full stop, a question or exclamation mark, or a closing
    quotation mark; bullets that do not are taken care of by :func:`find_furniture`.
    """
    return bool(_words(line)) and not _TERMINAL.search(line.rstrip())


def is_paragraph(line: str) -> bool:
    """A line that reads as a paragraph of the story: a long sentence with a final stop."""
    return bool(_TERMINAL.search(line.rstrip())) and len(_words(line)) >= 8


def bullet_prefix(line: str) -> int:
    """Length of a leading bullet glyph and its space ("• ", "- ", "1. "), else 0."""
    match = _BULLET.match(line)
    return match.end() if match else 0


def dateline_prefix(line: str) -> int:
    """Length of a leading dateline such as "KOVAR, March 3 (Northwire) - ", else 0."""
    match = _DATELINE_PREFIX.match(line)
    if not match:
        return 0
    head = match.group()
    # the place must be written in capitals, as datelines are ("KOVAR", not "Kovar")
    first = re.match(r"[A-Z'’.\-]+", head)
    if not first or len(first.group().strip(".-'’")) < 3:
        return 0
    return match.end()


def line_kind(line: str) -> str | None:
    """What kind of furniture a single line is, judged on its own; None for story text."""
    text = line.strip()
    if not text:
        return None
    body = text[bullet_prefix(text) :]
    if is_label(body) or is_chrome(body) or is_link(body):
        return LABEL
    if is_stamp(body):
        return STAMP
    if is_byline(body):
        return BYLINE
    if is_caption(body):
        return CAPTION
    if is_wire_credit(body):
        return CREDIT
    if is_heading(body):
        return HEADING
    return None


@dataclass
class Layout:
    """What :func:`find_furniture` found in a sequence of lines."""

    furniture: dict[int, str] = field(default_factory=dict)  # line index -> kind
    bullets: set[int] = field(default_factory=set)  # lines under a summary label
    standfirst: set[int] = field(default_factory=set)  # lines between title and the body


def _same_title(line: str, title: str | None) -> bool:
    if not title:
        return False
    fold = " ".join(line.split()).strip(" .").lower()
    return fold == " ".join(title.split()).strip(" .").lower()


MAX_BULLETS = 6
MAX_STANDFIRST = 2


def find_furniture(lines: Sequence[str], title: str | None = None) -> Layout:
    """Classify the lines of an article (one paragraph per line, empty lines left out).

    Beyond :func:`line_kind` this uses position: the first line may be the title, lines
    after a related-stories label are links until the story resumes, and lines after a
    summary label are bullets (up to six, until the next piece of furniture). The
    standfirst is story text above the body: the (at most two) lines before the last piece
    of header furniture (stamp, byline, caption, summary label) at the top.
    """
    layout = Layout()
    in_related = False
    bullets_left = 0
    header_end = -1
    story_seen = 0  # story lines so far: a header comes after at most MAX_STANDFIRST of them
    for n, raw in enumerate(lines):
        line = raw.strip()
        if n == 0 and (reads_as_title(line) or _same_title(line, title)):
            layout.furniture[n] = TITLE
            continue
        if _same_title(line, title):
            layout.furniture[n] = TITLE
            continue
        kind = line_kind(line)
        norm = _norm_label(line[bullet_prefix(line) :])
        if in_related:
            if kind is None and is_paragraph(line):
                in_related = False
            else:
                layout.furniture[n] = RELATED
                continue
        if kind == LABEL and (norm in RELATED_LABELS or norm.startswith(("read more", "related"))):
            layout.furniture[n] = LABEL
            in_related = norm in RELATED_LABELS
            bullets_left = 0
            continue
        if kind == LABEL and norm in SUMMARY_LABELS:
            layout.furniture[n] = LABEL
            bullets_left = MAX_BULLETS
            if story_seen <= MAX_STANDFIRST:
                header_end = n
            continue
        if bullets_left and kind in (None, HEADING) and len(_words(line)) >= 4:
            # a bullet may lack a final stop; it is story text, not a heading
            layout.bullets.add(n)
            bullets_left -= 1
            continue
        if kind is not None:
            bullets_left = 0
            layout.furniture[n] = kind
            if kind in (STAMP, BYLINE, CAPTION, LABEL) and story_seen <= MAX_STANDFIRST:
                header_end = max(header_end, n)
            continue
        story_seen += 1
    story = [n for n in range(max(header_end, 0)) if n not in layout.furniture]
    layout.standfirst = {n for n in story if n not in layout.bullets}
    return layout
