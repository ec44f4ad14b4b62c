"""How the human-readable reports (Markdown, HTML) word the facts."""

from __future__ import annotations

from datetime import datetime

from db.factchecks import Earlier
from verify.report.model import (
    Report,
    ReportArticle,
    ReportClaim,
    ReportEvidence,
    VerdictView,
    iso_utc,
)

STANCE_NAMES = {
    "supports": "Supports",
    "contradicts": "Contradicts",
    "context": "Context",
    "irrelevant": "Irrelevant",
}

STATE_NAMES = {
    "draft": "draft, not yet submitted",
    "submitted": "submitted, awaiting approval",
    "approved": "approved",
}


def shown_time(moment: datetime) -> str:
    """``2026-01-09 10:00 UTC``."""
    return iso_utc(moment)[:16].replace("T", " ") + " UTC"


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def scale_position(report: Report, verdict: VerdictView) -> str | None:
    """``1 on a scale of 1 to 5``, or None for a rating off the numeric scale."""
    if verdict.rating_value is None or report.best_value is None:
        return None
    return f"{verdict.rating_value} on a scale of {report.worst_value} to {report.best_value}"


def verdict_details(report: Report, verdict: VerdictView) -> list[str]:
    """The parts of a verdict line after the rating itself."""
    parts = []
    position = scale_position(report, verdict)
    if position:
        parts.append(position)
    if verdict.confidence is not None:
        parts.append(f"confidence {percent(verdict.confidence)}")
    parts.append(f"by {verdict.analyst}")
    parts.append(shown_time(verdict.at))
    parts.append(STATE_NAMES.get(verdict.state, verdict.state))
    return parts


def stance_name(item: ReportEvidence) -> str:
    """The analyst's label, or that it is a machine match."""
    if item.stance:
        return STANCE_NAMES.get(item.stance, item.stance.capitalize())
    return "Machine match"


def numbers_note(item: ReportEvidence) -> str:
    """ "numbers differ: nothing against $2.1m" when the figures disagree, else ""."""
    return numbers_line(item.numbers) if item.numbers_differ else ""


def numbers_line(numbers: object) -> str:
    """A link's stored ``numbers`` in words: "numbers differ: nothing against $2.1m"
    (the pairs that differ), "numbers agree: 806 against about 800", or "" when no
    figures were compared (a stored JSON null or SQL NULL alike)."""
    if not isinstance(numbers, dict) or not isinstance(numbers.get("figures"), list):
        return ""
    figures = [f for f in numbers["figures"] if isinstance(f, dict)]
    if not figures:
        return ""
    differ = [f for f in figures if not f.get("agree")]
    word = "numbers differ" if differ else "numbers agree"
    return f"{word}: " + "; ".join(
        f"{f.get('claim')} against {f.get('passage')}" for f in differ or figures
    )


def stance_detail(item: ReportEvidence) -> str:
    """Who labelled it, or the machine's hint and its confidence; figures that differ;
    the match score."""
    numbers = numbers_note(item)
    numbers = f"{numbers}, " if numbers else ""
    if item.stance:
        who = f"labelled by {item.labelled_by}" if item.labelled_by else "labelled"
        return f"{who}, {numbers}match score {item.score:.1f}"
    hint = ""
    if item.stance_hint not in ("", "none"):
        sure = f" ({item.stance_confidence:.0%} sure)" if item.stance_confidence else ""
        hint = f"hint: {item.stance_hint}{sure}, "
    return f"{hint}{numbers}match score {item.score:.1f}"


def cited_heading(analyst: bool) -> str:
    if analyst:
        return "Cited evidence"
    return "Closest evidence (machine matches, not yet reviewed by an analyst)"


def checked_before_line(entry: Earlier) -> str:
    """``False, 2026-03-02, Other Check, score 92`` or ``Mostly false, by ana, article 12
    (claim 40), score 83``."""
    if entry.source == "team":
        said = f"{entry.rating}, by {entry.analyst}, article {entry.article_id}"
        said += f" (claim {entry.earlier_claim_id})"
    else:
        said = ", ".join(p for p in (entry.rating, entry.date, entry.publisher) if p)
    return f"{said}, score {entry.score:.0f}"


def version_note(
    changed_in: int | None,
    previous_text: str | None,
    removed_in: int | None,
    since_verdict: bool = False,
) -> str | None:
    """What a newer version of the article did to a claim, or None if nothing:
    ``removed in version 3``, ``changed in version 2 since the verdict; was: …``."""
    if removed_in is not None:
        return f"removed in version {removed_in}"
    if changed_in is None:
        return None
    since = " since the verdict" if since_verdict else ""
    was = f"; was: {' '.join(previous_text.split())}" if previous_text else ""
    return f"changed in version {changed_in}{since}{was}"


def claim_version_note(claim: ReportClaim) -> str | None:
    return version_note(
        claim.changed_in, claim.previous_text, claim.removed_in, claim.changed_since_verdict
    )


def version_line(article: ReportArticle) -> str | None:
    """``version 2 of 2026-03-11 10:00 UTC``: the version a report covers, if known."""
    if article.version is None:
        return None
    when = f" of {shown_time(article.version_at)}" if article.version_at else ""
    return f"version {article.version}{when}"
