"""Messages that carry results from worker threads back to the UI thread."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.message import Message

from verify.services.browse import (
    ArticleRow,
    Change,
    ClaimDetail,
    ClaimRow,
    ClaimView,
    EvidenceRow,
    SourceView,
)
from verify.services.session import Job


class TaskProgress(Message):
    def __init__(self, title: str, done: int, total: int, what: str) -> None:
        super().__init__()
        self.title = title
        self.done = done
        self.total = total
        self.what = what


class WriteDone(Message):
    def __init__(self, job: Job, result: Any, error: BaseException | None) -> None:
        super().__init__()
        self.job = job
        self.result = result
        self.error = error


class ArticleLoaded(Message):
    def __init__(
        self,
        article: ArticleRow | None,
        rows: Sequence[ClaimRow],
        keep: int | None,
        *,
        complete: bool = True,
    ) -> None:
        super().__init__()
        self.article = article
        self.rows = rows
        self.keep = keep
        self.complete = complete


class DetailLoaded(Message):
    def __init__(
        self,
        claim_id: int,
        detail: ClaimDetail | None,
        evidence: Sequence[EvidenceRow],
        keep_link: int | None,
        fresh: bool,
    ) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.detail = detail
        self.evidence = evidence
        self.keep_link = keep_link
        self.fresh = fresh


class Prefetched(Message):
    """Claims near the cursor, read ahead so moving to them draws at once."""

    def __init__(self, views: Sequence[ClaimView]) -> None:
        super().__init__()
        self.views = views


class RowsLoaded(Message):
    def __init__(self, rows: Sequence[ClaimRow]) -> None:
        super().__init__()
        self.rows = rows


class Polled(Message):
    def __init__(self, changes: Sequence[Change], rows: Sequence[ClaimRow]) -> None:
        super().__init__()
        self.changes = changes
        self.rows = rows


class SourceLoaded(Message):
    def __init__(self, view: SourceView | None) -> None:
        super().__init__()
        self.view = view


class ArticlesLoaded(Message):
    def __init__(self, articles: Sequence[ArticleRow]) -> None:
        super().__init__()
        self.articles = articles
