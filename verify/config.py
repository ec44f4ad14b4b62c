"""Settings: database URL, analyst name, rating scale, organisation, keys.

Precedence, highest first: command-line flags, environment (``VERIFY_DB``,
``VERIFY_ANALYST``, ``VERIFY_CONFIG``), the config file (TOML), defaults. The config
file lives at ``<user config dir>/verify/config.toml``::

    database = "postgresql+psycopg://verify@db.example/verify"
    analyst = "ana"
    worthy = 0.5         # the claims filter's worthy: keeps claims at least this check-worthy
    approval = "editor"  # or "self": anyone may approve a verdict, their own included
    claim_url = "https://factcheck.example/{article_slug}#claim-{id}"  # ClaimReview url
    export_dir = "~/Documents/verify"  # where the workbench writes its exports

    [organisation]
    name = "Example Fact Check"
    url = "https://factcheck.example"

    [[scale]]            # replaces the default scale when given
    name = "False"
    value = 1
    key = "1"

    [keys]               # action id = key(s), comma separated
    next_unreviewed = "]"
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from verify.errors import InputError

APP_NAME = "verify"
APPROVALS = ("editor", "self")


@dataclass(frozen=True)
class Rating:
    """One step of the rating scale. ``value`` is None for ratings off the numeric scale."""

    name: str
    value: int | None
    key: str
    colour: str = "grey"


DEFAULT_SCALE: tuple[Rating, ...] = (
    Rating("False", 1, "1", "red"),
    Rating("Mostly false", 2, "2", "orange"),
    Rating("Mixed", 3, "3", "yellow"),
    Rating("Mostly true", 4, "4", "lightgreen"),
    Rating("True", 5, "5", "green"),
    Rating("Misleading", None, "6", "magenta"),
    Rating("Unverifiable", None, "7", "blue"),
    Rating("Not a claim", None, "8", "grey"),
)


@dataclass(frozen=True)
class Settings:
    database_url: str
    analyst: str
    scale: tuple[Rating, ...] = DEFAULT_SCALE
    organisation_name: str | None = None
    organisation_url: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    config_path: Path | None = None
    worthy: float = 0.5  # what the claims filter's ``worthy:`` keeps: check-worthiness >= this
    approval: str = "editor"
    """``editor``: an editor approves another analyst's verdict; ``self``: anyone may
    approve any verdict, their own included (an analyst alone may anyway)."""
    claim_url: str | None = None
    """ClaimReview's ``url`` of a review: ``{article_slug}``, ``{article_id}`` and
    ``{id}`` (the claim's) are filled in."""
    export_dir: Path | None = None
    """Where the workbench writes exports (None: :func:`default_export_dir`)."""

    def rating(self, text: str) -> Rating:
        """The rating named ``text`` (any case), else the one whose workbench key is
        ``text`` (so "6" means in the CLI what 6 means in the TUI), else the one with
        value ``text``."""
        wanted = text.strip().casefold()
        for rating in self.scale:
            if rating.name.casefold() == wanted:
                return rating
        for rating in self.scale:
            if rating.key.casefold() == wanted:
                return rating
        for rating in self.scale:
            if rating.value is not None and str(rating.value) == wanted:
                return rating
        names = ", ".join(f"{r.key} {r.name}" for r in self.scale)
        raise InputError(f"unknown rating {text!r}; the scale is: {names}")

    @property
    def best_value(self) -> int:
        return max(r.value for r in self.scale if r.value is not None)

    @property
    def worst_value(self) -> int:
        return min(r.value for r in self.scale if r.value is not None)


def data_dir() -> Path:
    """The user data folder where the default databases live."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_export_dir() -> Path:
    """The user's documents folder if there is one, else the user data folder."""
    documents = Path(platformdirs.user_documents_dir())
    return documents / APP_NAME if documents.is_dir() else data_dir() / "exports"


def default_database_url(name: str = "verify.db") -> str:
    """A SQLite file in the user data folder, which is made if need be (a database
    named with ``--db`` must be in a folder that exists)."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / name}"


def config_file() -> Path:
    env = os.environ.get("VERIFY_CONFIG")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


def load_settings(db: str | None = None, analyst: str | None = None) -> Settings:
    """Settings from flags (``db``, ``analyst``), environment, config file and defaults."""
    path = config_file()
    data = _read_config(path)
    scale = _scale(data.get("scale"), path) if "scale" in data else DEFAULT_SCALE
    organisation = data.get("organisation") or {}
    keys = {str(k): str(v) for k, v in (data.get("keys") or {}).items()}
    approval = str(data.get("approval") or "editor")
    if approval not in APPROVALS:
        raise InputError(
            f"approval = {approval!r}: it must be one of {', '.join(map(repr, APPROVALS))}", path
        )
    claim_url = data.get("claim_url") or organisation.get("claim_url")
    export_dir = data.get("export_dir")
    return Settings(
        database_url=db
        or os.environ.get("VERIFY_DB")
        or str(data.get("database") or "")
        or default_database_url(),
        analyst=analyst or os.environ.get("VERIFY_ANALYST") or data.get("analyst") or login_name(),
        scale=scale,
        organisation_name=organisation.get("name"),
        organisation_url=organisation.get("url"),
        keys=keys,
        config_path=path if path.exists() else None,
        approval=approval,
        claim_url=str(claim_url) if claim_url else None,
        export_dir=Path(str(export_dir)).expanduser() if export_dir else None,
        worthy=_worthy(data.get("worthy", 0.5), path),
    )


def _worthy(value: object, path: Path) -> float:
    """The claims filter's ``worthy:`` threshold from the config file: a number 0..1."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise InputError("worthy must be a number from 0 to 1", path)
    return float(value)


def _read_config(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(f"config file is not valid TOML: {exc}", path, line) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read config file: {exc}", path) from exc


def _scale(entries: object, path: Path) -> tuple[Rating, ...]:
    if not isinstance(entries, list) or not entries:
        raise InputError("[[scale]] must list at least one rating", path)
    scale = []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("key"):
            raise InputError("each [[scale]] entry needs a name and a key", path)
        value = entry.get("value")
        scale.append(
            Rating(
                str(entry["name"]),
                int(value) if value is not None else None,
                str(entry["key"]),
                str(entry.get("colour", "grey")),
            )
        )
    if not any(r.value is not None for r in scale):
        raise InputError("the [[scale]] needs at least one rating with a value", path)
    return tuple(scale)
