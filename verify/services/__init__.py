"""The workflows the TUI and the CLI drive: articles, review, browsing and team work.

Services sit between the front ends (``verify.tui``, ``verify.cli``) and the domain
(``verify.extract``, ``verify.match``, ``verify.evidence``, ``verify.report``), which sits
on ``db``. They never import a front end.
"""
