"""How verdicts, labels and hints look: colours from the scale, glyphs, short names.

Nothing relies on colour alone: every verdict and label is also written out, so the
screen reads the same with NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache

from rich.style import Style
from textual.color import BLACK, WHITE, Color, ColorParseError

from verify.config import Rating

GLYPH_TODO = "○"
GLYPH_LABELLED = "◐"
GLYPH_DONE = "●"

LABEL_STYLES = {
    "supports": "bold green",
    "contradicts": "bold red",
    "context": "bold cyan",
    "irrelevant": "dim",
}
HINT_STYLES = {"supports": "green", "contradicts": "red", "none": "dim"}
NUMBERS_STYLE = "bold yellow"
"""The "numbers differ" flag beside a passage."""


def palette(node: object) -> tuple[bool, bool]:
    """(dark background, no colour) for a widget: what :func:`colour` needs."""
    app = getattr(node, "app", None)
    if app is None:
        return True, False
    return bool(app.current_theme.dark), bool(app.no_color)


@lru_cache(maxsize=128)
def colour(name: str, dark: bool = True, mono: bool = False) -> Style:
    """A foreground style for a colour named in the scale (CSS names and hex work),
    lightened on a dark background (darkened on a light one) until it reads well.
    With ``mono`` (NO_COLOR), no colour at all: the text says what the colour would."""
    if mono:
        return Style()
    try:
        parsed = Color.parse(name)
    except ColorParseError:
        parsed = Color.parse("grey")
    for _ in range(8):
        if (dark and parsed.brightness >= 0.5) or (not dark and parsed.brightness <= 0.45):
            break
        parsed = parsed.blend(WHITE if dark else BLACK, 0.15)
    return Style(color=parsed.rich_color)


def rating_of(name: str | None, scale: Sequence[Rating]) -> Rating | None:
    if name is None:
        return None
    for rating in scale:
        if rating.name == name:
            return rating
    return None


def rating_style(
    name: str | None, scale: Sequence[Rating], dark: bool = True, mono: bool = False
) -> Style:
    rating = rating_of(name, scale)
    if mono:
        return Style()
    return colour(rating.colour, dark) if rating else Style(color="grey50")


def label_style(stance: str, mono: bool = False) -> Style:
    """The chip an analyst's label is drawn as."""
    base = Style(reverse=True, bold=True)
    return base if mono else Style.parse(LABEL_STYLES.get(stance, "bold")) + base


@lru_cache(maxsize=64)
def short_name(name: str, width: int = 8) -> str:
    """A verdict name in at most ``width`` cells: "Mostly false" is "M.false"."""
    if len(name) <= width:
        return name
    words = [w for w in name.split() if len(w) > 1] or name.split()
    if len(words) > 1:
        abbreviated = "".join(w[0] + "." for w in words[:-1]) + words[-1]
        if len(abbreviated) <= width:
            return abbreviated
    return name[: width - 1] + "."


def when(moment: datetime | None, date: bool = False) -> str:
    """A stored time as analysts read it: UTC, said so."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M} UTC" if date else f"{moment:%H:%M} UTC"
