"""Every key of the workbench in one list: bindings, the help screen and remapping.

Each key has an id; the config file's ``[keys]`` table maps ids to other keys
(``next_unreviewed = "]"``, several keys comma separated), applied with
``App.set_keymap``. Verdict keys come from the rating scale (``verdict_1`` is the
scale's first rating, and so on).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType

from verify.config import Rating


@dataclass(frozen=True)
class Key:
    id: str
    key: str
    action: str
    description: str
    where: str
    show: bool = True
    display: str | None = None

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.description,
            show=self.show,
            id=self.id,
            key_display=self.display,
        )


APP = "Everywhere"
WORKBENCH = "Workbench"
CLAIMS = "Claims list"
EVIDENCE = "Evidence list"
CHECKED = "Checked-before strip"
FIX = "Correcting the claims (u undoes)"

APP_KEYS: tuple[Key, ...] = (
    Key("help", "question_mark,f1", "help", "Help", APP, display="?"),
    Key("command_palette", "ctrl+p", "command_palette", "Commands", APP, show=False, display="^p"),
    Key("quit", "ctrl+q", "quit", "Quit", APP, display="^q"),
)

WORKBENCH_KEYS: tuple[Key, ...] = (
    Key(
        "next_unreviewed",
        "right_square_bracket",
        "next_unreviewed",
        "Next to do",
        WORKBENCH,
        display="]",
    ),
    Key(
        "previous_unreviewed",
        "left_square_bracket",
        "previous_unreviewed",
        "Previous to do",
        WORKBENCH,
        show=False,
        display="[",
    ),
    Key("next_claim", "J", "next_claim", "Next claim (from anywhere)", WORKBENCH, show=False),
    Key(
        "previous_claim",
        "K",
        "previous_claim",
        "Previous claim (from anywhere)",
        WORKBENCH,
        show=False,
    ),
    Key("take_next", "t", "take_next", "Take the next unassigned claim", WORKBENCH, show=False),
    Key("note", "n", "note", "Note", WORKBENCH),
    Key("approve", "A", "approve", "Approve the verdict (editors)", WORKBENCH, show=False),
    Key("undo", "u,ctrl+z", "undo", "Undo", WORKBENCH),
    Key("filter", "slash", "filter", "Filter", WORKBENCH, display="/"),
    Key("articles", "a", "articles", "Articles", WORKBENCH, show=False),
    Key("reload", "ctrl+r", "reload", "Reload from the database", WORKBENCH, show=False),
    Key("checked_before", "b", "checked_before", "Checked before", WORKBENCH, show=False),
    Key("edit_claim", "e", "edit_claim", "Edit the claim's text and speaker", FIX, show=False),
    Key("split_claim", "S", "split_claim", "Split the claim in two", FIX, show=False),
    Key("merge_claim", "M", "merge_claim", "Merge the claim with the next", FIX, show=False),
    Key("drop_claim", "D", "drop_claim", "Not a claim (hide it)", FIX, show=False),
    Key(
        "add_claim",
        "plus",
        "add_claim",
        "Add a missed claim (select it in the article)",
        FIX,
        show=False,
        display="+",
    ),
)

CLAIM_LIST_KEYS: tuple[Key, ...] = (
    Key("cursor_down", "down,j", "cursor_down", "Next claim", CLAIMS, show=False),
    Key("cursor_up", "up,k", "cursor_up", "Previous claim", CLAIMS, show=False),
    Key("page_down", "pagedown", "page_down", "Page down", CLAIMS, show=False),
    Key("page_up", "pageup", "page_up", "Page up", CLAIMS, show=False),
    Key("first", "home,g", "first", "First claim", CLAIMS, show=False),
    Key("last", "end,G", "last", "Last claim", CLAIMS, show=False),
    Key("to_evidence", "enter,right,l", "to_evidence", "Go to the evidence", CLAIMS, show=False),
)

LABELS: tuple[tuple[str, str, str], ...] = (
    ("supports", "s", "label_supports"),
    ("contradicts", "c", "label_contradicts"),
    ("context", "x", "label_context"),
    ("irrelevant", "i", "label_irrelevant"),
)
"""Evidence labels: (stance, default key, key id)."""

EVIDENCE_KEYS: tuple[Key, ...] = (
    Key("evidence_down", "down,j", "cursor_down", "Next passage", EVIDENCE, show=False),
    Key("evidence_up", "up,k", "cursor_up", "Previous passage", EVIDENCE, show=False),
    Key("evidence_page_down", "pagedown", "page_down", "Page down", EVIDENCE, show=False),
    Key("evidence_page_up", "pageup", "page_up", "Page up", EVIDENCE, show=False),
    Key("evidence_first", "home", "first", "First passage", EVIDENCE, show=False),
    Key("evidence_last", "end", "last", "Last passage", EVIDENCE, show=False),
    *(
        # not in the footer: the evidence list's title shows them, and at 80 columns the
        # footer keeps its room for help and quit
        Key(kid, key, f"screen.label('{stance}')", stance.capitalize(), EVIDENCE, show=False)
        for stance, key, kid in LABELS
    ),
    Key(
        "clear_label",
        "backspace,delete",
        "screen.label(None)",
        "Clear the label",
        EVIDENCE,
        show=False,
    ),
    Key("open_source", "enter", "open_source", "Source", EVIDENCE, display="⏎"),
    Key("passage_note", "N", "screen.passage_note", "Note on passage", EVIDENCE, show=False),
    Key(
        "rate_publisher",
        "R",
        "rate_publisher",
        "Rate the publisher's reliability",
        EVIDENCE,
        show=False,
    ),
    Key("to_claims", "left,h,escape", "to_claims", "Back to the claims", EVIDENCE, show=False),
)

CHECKED_KEYS: tuple[Key, ...] = (
    Key("open_earlier", "enter", "select", "Open the entry", CHECKED, display="⏎"),
    Key("adopt_earlier", "d", "screen.adopt", "Adopt its verdict as a draft", CHECKED),
    Key("checked_to_claims", "left,h,escape", "back", "Back to the claims", CHECKED, show=False),
)

ALL_KEYS: tuple[Key, ...] = (
    *APP_KEYS,
    *WORKBENCH_KEYS,
    *CLAIM_LIST_KEYS,
    *EVIDENCE_KEYS,
    *CHECKED_KEYS,
)


def verdict_id(index: int) -> str:
    """The key id of the scale's ``index``-th rating (0-based): ``verdict_1`` for the first."""
    return f"verdict_{index + 1}"


def verdict_keys(scale: Sequence[Rating]) -> tuple[Key, ...]:
    return tuple(
        Key(verdict_id(i), rating.key, f"screen.verdict({i})", rating.name, WORKBENCH, show=False)
        for i, rating in enumerate(scale)
    )


def bindings(keys: Iterable[Key]) -> list[BindingType]:
    return [k.binding() for k in keys]


def known_ids(scale: Sequence[Rating]) -> set[str]:
    return {k.id for k in ALL_KEYS} | {k.id for k in verdict_keys(scale)}


def keymap(
    settings_keys: Mapping[str, str], scale: Sequence[Rating]
) -> tuple[dict[str, str], list[str]]:
    """The keymap from the config's ``[keys]`` table, and the ids it names that do not exist."""
    known = known_ids(scale)
    chosen = {k: v for k, v in settings_keys.items() if k in known and v.strip()}
    unknown = sorted(k for k in settings_keys if k not in known)
    return chosen, unknown


def shown(key: str) -> str:
    """A key as people write it: ``question_mark`` is ``?``, ``ctrl+z`` is ``ctrl+z``."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "backspace": "⌫",
        "delete": "del",
        "enter": "⏎",
        "escape": "esc",
        "pagedown": "pgdn",
        "pageup": "pgup",
        "plus": "+",
        "minus": "-",
        "full_stop": ".",
        "comma": ",",
        "exclamation_mark": "!",
        "at": "@",
        "number_sign": "#",
        "dollar_sign": "$",
        "percent_sign": "%",
        "ampersand": "&",
        "asterisk": "*",
        "left_parenthesis": "(",
        "right_parenthesis": ")",
        "colon": ":",
        "semicolon": ";",
        "less_than_sign": "<",
        "greater_than_sign": ">",
        "equals_sign": "=",
        "underscore": "_",
        "apostrophe": "'",
        "quotation_mark": '"',
        "grave_accent": "`",
        "tilde": "~",
        "vertical_line": "|",
        "circumflex_accent": "^",
        "left_curly_bracket": "{",
        "right_curly_bracket": "}",
        "reverse_solidus": "\\",
        "space": "space",
        "up": "↑",
        "down": "↓",
        "left": "←",
        "right": "→",
    }
    key = key.strip()
    return names.get(key, key)


def effective(key: Key, keymap: Mapping[str, str]) -> list[str]:
    """The keys that trigger ``key`` once the keymap is applied, as people write them."""
    chosen = keymap.get(key.id, key.key)
    return [shown(k) for k in chosen.split(",") if k.strip()]
