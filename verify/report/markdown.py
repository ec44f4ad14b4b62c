"""The Markdown export: a readable report per article.

Every piece of stored text is escaped so that, rendered, it stays text: no links,
images, HTML, emphasis or headings can come out of an article or an evidence file.
"""

from __future__ import annotations

import re

from verify.report.links import web_url
from verify.report.model import Report, ReportArticle, ReportClaim, ReportEvidence
from verify.report.wording import (
    checked_before_line,
    cited_heading,
    claim_version_note,
    shown_time,
    stance_detail,
    stance_name,
    verdict_details,
    version_line,
)

# Characters that open inline constructs (code, emphasis, links, HTML, entities, tables,
# strikethrough) or a heading; a backslash makes each of them literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# At the start of a line: block quotes, list items, setext underlines.
_BLOCK_START = re.compile(r"^([-+=>])")
# At the start of a line: ordered list items ("1." or "1)").
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def escape(text: str) -> str:
    """``text`` on one line, every Markdown-significant character made literal."""
    line = _INLINE.sub(r"\\\1", " ".join(text.split()))
    line = _BLOCK_START.sub(r"\\\1", line)
    return _ORDERED_START.sub(r"\1\\\2", line)


def paragraphs(text: str) -> list[str]:
    """``text`` split at blank lines, each paragraph escaped onto one line."""
    return [escape(p) for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def _destination(url: str) -> str:
    return "<" + url.replace("\\", "%5C").replace("<", "%3C").replace(">", "%3E") + ">"


def link(label: str, url: str | None) -> str:
    """A link to ``url`` if it is a web URL; otherwise the label, and the URL as text."""
    target = web_url(url)
    if target is not None:
        return f"[{escape(label)}]({_destination(target)})"
    if url and url != label:
        return f"{escape(label)} ({escape(url)})"
    return escape(label)


def quote(text: str, indent: str = "") -> list[str]:
    """``text`` as a block quote, one escaped paragraph per quoted paragraph."""
    lines: list[str] = []
    for i, paragraph in enumerate(paragraphs(text)):
        if i:
            lines.append(f"{indent}>")
        lines.append(f"{indent}> {paragraph}")
    return lines


def _summary(report: Report, article: ReportArticle) -> list[str]:
    counts = report.verdict_counts(article.claims)
    if not counts:
        return ["No claims were found in this article.", ""]
    checked = sum(1 for c in article.claims if c.verdict)
    lines = [
        f"{checked} of {len(article.claims)} claims have a verdict.",
        "",
        "| Verdict | Claims |",
        "| --- | ---: |",
    ]
    lines += [f"| {escape(c.label)} | {c.count} |" for c in counts]
    return [*lines, ""]


def _evidence(item: ReportEvidence) -> list[str]:
    source = item.source
    where = [link(source.label, source.url)]
    if item.place:
        where.append(item.place)
    if source.publisher:
        rated = f" ({source.reliability_name})" if source.reliability_name else ""
        where.append(escape(source.publisher + rated))
    if source.published_at:
        where.append(escape(source.published_at))
    lines = [
        f"- **{escape(stance_name(item))}** ({escape(stance_detail(item))}): {', '.join(where)}",
        "",
        *quote(item.text, indent="  "),
    ]
    if item.note:
        lines += ["", f"  Analyst's note: {escape(item.note)}"]
    return [*lines, ""]


def _claim(report: Report, claim: ReportClaim, number: int) -> list[str]:
    verdict = claim.verdict
    rating = verdict.rating if verdict else "No verdict"
    lines = [f"#### Claim {number}: {escape(rating)}", "", f"**Claim:** {escape(claim.text)}", ""]
    note = claim_version_note(claim)
    if note:
        lines += [f"**Version:** {escape(note)}", ""]
    who = [f"**Speaker:** {escape(claim.speaker)}"] if claim.speaker else []
    lines += [" · ".join([*who, f"**Kind:** {escape(claim.kind)}"]), ""]
    if verdict is None:
        lines += ["**Verdict:** none yet.", ""]
    else:
        details = ", ".join(escape(d) for d in verdict_details(report, verdict))
        lines += [f"**Verdict:** **{escape(verdict.rating)}** ({details})", ""]
        if verdict.rationale:
            lines += ["**Rationale:**", ""]
            for paragraph in paragraphs(verdict.rationale):
                lines += [paragraph, ""]
    for entry in claim.checked_before:
        said = link(checked_before_line(entry), entry.url)
        lines += [f"**Checked before:** {said}", "", *quote(entry.text, indent=""), ""]
    cited = claim.cited
    if cited:
        lines += [f"**{escape(cited_heading(claim.cited_by_analyst))}:**", ""]
        for item in cited:
            lines += _evidence(item)
    else:
        lines += ["No evidence was found for this claim.", ""]
    return lines


def _article(report: Report, article: ReportArticle) -> list[str]:
    lines = [f"## {escape(article.title)}", ""]
    source = []
    if article.publisher:
        source.append(escape(article.publisher))
    if article.published_at:
        source.append(escape(article.published_at))
    if article.url:
        source.append(link(article.url, article.url))
    if source:
        lines += [f"**Source:** {', '.join(source)}", ""]
    covered = version_line(article)
    if covered:
        lines += [f"**Version:** {escape(covered)}", ""]
    lines += ["### Summary", "", *_summary(report, article)]
    if article.claims:
        lines += ["### Claims", ""]
    for number, claim in enumerate(article.claims, start=1):
        lines += _claim(report, claim, number)
    if article.removed:
        lines += ["### Removed from the article", ""]
    for claim in article.removed:
        rating = claim.verdict.rating if claim.verdict else "no verdict"
        note = claim_version_note(claim) or ""
        lines += [f"- {escape(claim.text)} ({escape(note)}; verdict kept: {escape(rating)})"]
    if article.removed:
        lines.append("")
    return lines


def render(report: Report) -> str:
    lines = ["# Fact-check report", ""]
    by = f" by {escape(report.organisation_name)}" if report.organisation_name else ""
    lines += [f"Generated {escape(shown_time(report.generated_at))}{by}.", ""]
    if not report.articles:
        lines += ["There are no articles to report on.", ""]
    for article in report.articles:
        lines += _article(report, article)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
