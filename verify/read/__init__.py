"""Readers: files on disk -> cleaned plain-text documents, shared by articles and evidence.

``files`` picks the reader by suffix; ``disk`` checks and decodes bytes; ``plain``,
``markdown``, ``html`` and ``records`` read each format; ``dates`` normalises dates.
"""

from verify.read.dates import normalise_date
from verify.read.disk import skipped_in_folders
from verify.read.document import (
    ARTICLE_SUFFIXES,
    EVIDENCE_SUFFIXES,
    TRANSCRIPT_SUFFIXES,
    Document,
    Turn,
    place,
)
from verify.read.files import evidence_files, read_article, read_evidence

__all__ = [
    "ARTICLE_SUFFIXES",
    "EVIDENCE_SUFFIXES",
    "TRANSCRIPT_SUFFIXES",
    "Document",
    "Turn",
    "evidence_files",
    "normalise_date",
    "place",
    "read_article",
    "read_evidence",
    "skipped_in_folders",
]
