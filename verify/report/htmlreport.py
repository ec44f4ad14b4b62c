"""The HTML export: one self-contained page for editors, readable on screen and on paper.

Inline CSS only, no scripts, nothing fetched (a Content-Security-Policy says so too).
Every piece of stored text is escaped; only http(s) URLs become links. Verdicts are
badges in colour and always carry their name, for readers who cannot tell the colours
apart.
"""

from __future__ import annotations

import re
from html import escape
from importlib import resources

from verify.report.links import web_url
from verify.report.model import (
    NO_VERDICT,
    Report,
    ReportArticle,
    ReportClaim,
    ReportEvidence,
    VerdictCount,
)
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

CSS_FILE = "report.css"
POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'"

# The scale's colour names (as the TUI uses them) as print-safe badge colours:
# (background, text), each pair with a contrast ratio of at least 4.5.
PALETTE: dict[str, tuple[str, str]] = {
    "red": ("#b3261e", "#ffffff"),
    "orange": ("#b45309", "#ffffff"),
    "yellow": ("#f5c518", "#1f1f1f"),
    "lightgreen": ("#9ccc65", "#1f1f1f"),
    "green": ("#1b7f3b", "#ffffff"),
    "magenta": ("#8e24aa", "#ffffff"),
    "purple": ("#6a1b9a", "#ffffff"),
    "blue": ("#1565c0", "#ffffff"),
    "cyan": ("#00838f", "#ffffff"),
    "grey": ("#5f6368", "#ffffff"),
    "gray": ("#5f6368", "#ffffff"),
    "black": ("#202124", "#ffffff"),
    "white": ("#eeeeee", "#1f1f1f"),
}
NO_VERDICT_COLOURS = ("#e8eaed", "#3c4043")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def colours(name: str | None) -> tuple[str, str]:
    """Badge (background, text) for a scale colour: a name above or ``#rrggbb``."""
    if name is None:
        return NO_VERDICT_COLOURS
    key = name.strip().lower()
    if key in PALETTE:
        return PALETTE[key]
    if _HEX.match(key):
        r, g, b = (int(key[i : i + 2], 16) for i in (1, 3, 5))
        light = 0.299 * r + 0.587 * g + 0.114 * b > 150
        return key, "#1f1f1f" if light else "#ffffff"
    return PALETTE["grey"]


def css() -> str:
    return resources.files("verify.report").joinpath(CSS_FILE).read_text(encoding="utf-8")


def _e(text: str) -> str:
    return escape(text, quote=True)


def link(label: str, url: str | None, cls: str | None = None) -> str:
    """A link if ``url`` is a web URL, else the label (and any other URL) as plain text."""
    attr = f' class="{cls}"' if cls else ""
    target = web_url(url)
    if target is not None:
        return f'<a{attr} href="{_e(target)}" rel="noopener noreferrer">{_e(label)}</a>'
    shown = f"<span{attr}>{_e(label)}</span>" if cls else _e(label)
    if url and url != label:
        shown += f' <span class="raw-url">({_e(url)})</span>'
    return shown


def _badge(report: Report, rating: str | None) -> str:
    scale = report.rating(rating) if rating else None
    background, text = colours(scale.colour if scale else None) if rating else NO_VERDICT_COLOURS
    return (
        f'<span class="badge" style="background:{background};color:{text}">'
        f"{_e(rating or NO_VERDICT)}</span>"
    )


def _chart(report: Report, counts: list[VerdictCount], label_id: str) -> str:
    """A horizontal bar chart of verdict counts as inline SVG, labelled in text."""
    longest = max(len(c.label) for c in counts)
    label_w, bar_w, row_h, pad = max(110, 8 * longest + 20), 330, 30, 8
    width = label_w + bar_w + 60
    height = row_h * len(counts) + pad * 2
    most = max(c.count for c in counts)
    described = ", ".join(f"{c.label}: {c.count}" for c in counts)
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{label_id}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f'<title id="{label_id}">{_e("Verdicts: " + described)}</title>',
    ]
    for i, count in enumerate(counts):
        y = pad + i * row_h
        fill = colours(count.rating.colour)[0] if count.rating else "#c4c7c5"
        if count.label != NO_VERDICT and count.rating is None:
            fill = PALETTE["grey"][0]
        length = max(2.0, bar_w * count.count / most)
        parts += [
            f'<text x="{label_w - 10}" y="{y + row_h / 2}" class="chart-label" '
            f'text-anchor="end" dominant-baseline="central">{_e(count.label)}</text>',
            f'<rect x="{label_w}" y="{y + 5}" width="{length:.1f}" height="{row_h - 10}" '
            f'rx="3" fill="{fill}"/>',
            f'<text x="{label_w + length + 8:.1f}" y="{y + row_h / 2}" class="chart-count" '
            f'dominant-baseline="central">{count.count}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _summary(report: Report, article: ReportArticle) -> str:
    counts = report.verdict_counts(article.claims)
    if not counts:
        return '<p class="empty">No claims were found in this article.</p>'
    checked = sum(1 for c in article.claims if c.verdict)
    approved = sum(1 for c in article.claims if c.verdict and c.verdict.state == "approved")
    rows = "".join(
        f"<tr><td>{_badge(report, c.label if c.label != NO_VERDICT else None)}</td>"
        f'<td class="num">{c.count}</td></tr>'
        for c in counts
    )
    return (
        f'<p class="lead">{checked} of {len(article.claims)} claims have a verdict; '
        f"{approved} approved.</p>"
        '<div class="summary-grid">'
        f"{_chart(report, counts, f'chart-{article.id}')}"
        '<table class="counts"><thead><tr><th scope="col">Verdict</th>'
        f'<th scope="col" class="num">Claims</th></tr></thead><tbody>{rows}</tbody></table>'
        "</div>"
    )


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span ``start:end`` of ``text`` widened so that it cuts no word in two."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def _passage(item: ReportEvidence) -> str:
    text = item.text
    if item.span is None:
        return _e(text)
    start, end = whole_words(text, *item.span)
    return f"{_e(text[:start])}<mark>{_e(text[start:end])}</mark>{_e(text[end:])}"


def _evidence(item: ReportEvidence) -> str:
    source = item.source
    where = [link(source.label, source.url, "source-title")]
    if item.place:
        where.append(f'<span class="place">{_e(item.place)}</span>')
    if source.publisher:
        rated = source.reliability_name
        where.append(
            _e(source.publisher)
            + (f' <span class="reliability">({_e(rated)})</span>' if rated else "")
        )
    if source.published_at:
        where.append(f"<time>{_e(source.published_at)}</time>")
    stance = item.stance or "machine"
    note = (
        f'<p class="note"><span class="note-label">Analyst\'s note:</span> {_e(item.note)}</p>'
        if item.note
        else ""
    )
    return (
        f'<li class="evidence-item stance-{_e(stance)}">'
        '<div class="evidence-head">'
        f'<span class="stance">{_e(stance_name(item))}</span> '
        f'<span class="where">{" · ".join(where)}</span>'
        f'<span class="detail">{_e(stance_detail(item))}</span>'
        "</div>"
        f'<blockquote class="passage">{_passage(item)}</blockquote>{note}</li>'
    )


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_e(p.strip())}</p>" for p in re.split(r"\n\s*\n", text) if p.strip())


def _claim(report: Report, claim: ReportClaim, number: int) -> str:
    verdict = claim.verdict
    who = [f'<span class="speaker">{_e(claim.speaker)}</span>'] if claim.speaker else []
    who.append(f'<span class="kind">{_e(claim.kind)}</span>')
    parts = [
        f'<section class="claim" id="claim-{claim.id}">',
        '<div class="claim-head">',
        f'<span class="claim-number">Claim {number}</span>',
        _badge(report, verdict.rating if verdict else None),
        "</div>",
        f'<blockquote class="claim-text"><p>{_e(claim.text)}</p>'
        f"<footer>{' · '.join(who)}</footer></blockquote>",
    ]
    note = claim_version_note(claim)
    if note:
        parts.append(f'<p class="version-note">{_e(note)}</p>')
    if verdict is None:
        parts.append('<p class="no-verdict">No verdict yet.</p>')
    else:
        details = " · ".join(_e(d) for d in verdict_details(report, verdict))
        parts += [
            '<dl class="verdict">',
            f"<dt>Verdict</dt><dd><strong>{_e(verdict.rating)}</strong>"
            f'<span class="verdict-details"> · {details}</span></dd>',
        ]
        if verdict.rationale:
            parts.append(f"<dt>Rationale</dt><dd>{_paragraphs(verdict.rationale)}</dd>")
        parts.append("</dl>")
    if claim.checked_before:
        parts.append('<ul class="checked-before">')
        for entry in claim.checked_before:
            parts.append(
                f"<li><strong>Checked before:</strong> "
                f"{link(checked_before_line(entry), entry.url)}"
                f"<blockquote><p>{_e(entry.text)}</p></blockquote></li>"
            )
        parts.append("</ul>")
    cited = claim.cited
    if cited:
        parts += [
            f"<h4>{_e(cited_heading(claim.cited_by_analyst))}</h4>",
            '<ol class="evidence">',
            *(_evidence(item) for item in cited),
            "</ol>",
        ]
    else:
        parts.append('<p class="empty">No evidence was found for this claim.</p>')
    parts.append("</section>")
    return "".join(parts)


def _article(report: Report, article: ReportArticle) -> str:
    source = []
    if article.publisher:
        source.append(f'<span class="publisher">{_e(article.publisher)}</span>')
    if article.published_at:
        source.append(f"<time>{_e(article.published_at)}</time>")
    if article.url:
        source.append(link(article.url, article.url))
    covered = version_line(article)
    if covered:
        source.append(f'<span class="version">{_e(covered)}</span>')
    source_line = f'<p class="source">{" · ".join(source)}</p>' if source else ""
    claims = "".join(_claim(report, c, n) for n, c in enumerate(article.claims, start=1))
    removed = "".join(
        f'<li>{_e(c.text)} <span class="version-note">({_e(claim_version_note(c) or "")}; '
        f"verdict kept: {_e(c.verdict.rating if c.verdict else 'no verdict')})</span></li>"
        for c in article.removed
    )
    removed_section = (
        f'<section class="removed"><h3>Removed from the article</h3><ul>{removed}</ul></section>'
        if removed
        else ""
    )
    return (
        f'<article class="article" id="article-{article.id}">'
        f'<header class="article-head"><p class="eyebrow">Article {article.id}</p>'
        f"<h2>{_e(article.title)}</h2>{source_line}</header>"
        f'<section class="summary"><h3>Summary</h3>{_summary(report, article)}</section>'
        f'<section class="claims"><h3>Claims</h3>{claims}</section>{removed_section}'
        "</article>"
    )


def render(report: Report) -> str:
    org = report.organisation_name
    if len(report.articles) == 1:
        title = f"Fact-check report: {report.articles[0].title}"
    else:
        title = "Fact-check report"
    claims = report.claims
    by = f" by {_e(org)}" if org else ""
    meta = (
        f"Generated {_e(shown_time(report.generated_at))}{by} · "
        f"{len(report.articles)} article{'s' if len(report.articles) != 1 else ''} · "
        f"{len(claims)} claim{'s' if len(claims) != 1 else ''}"
    )
    org_line = f'<p class="organisation">{link(org, report.organisation_url)}</p>' if org else ""
    body = "".join(_article(report, a) for a in report.articles) or (
        '<p class="empty">There are no articles to report on.</p>'
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="verify">'
        f"<title>{_e(title)}</title><style>{css()}</style></head>\n"
        f'<body><header class="report-head">{org_line}<h1>Fact-check report</h1>'
        f'<p class="meta">{meta}</p></header>\n'
        f"<main>{body}</main>\n"
        '<footer class="report-foot"><p>Verdicts are the current ones at the time of '
        "export. Machine matches are suggestions and are marked as such; only evidence "
        "an analyst labelled is cited as supporting or contradicting a claim.</p></footer>"
        "</body></html>\n"
    )
