"""Exporting from the workbench: the report lands in the file chosen, whole, and a
target that cannot take it is refused in one notice with nothing written."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from db.session import Database
from tests.support.tui_fixture import build, loaded, settings, settle
from verify.tui.app import VerifyApp
from verify.tui.screens.ask import PathScreen


def notices(app: VerifyApp) -> list[str]:
    return [n.message for n in app._notifications]


async def export_to(app: VerifyApp, pilot: object, fmt: str, target: Path | None) -> str:
    """Export ``fmt`` through the workbench's path prompt; the path it was written to."""
    app.action_export(fmt)
    await settle(pilot, lambda: isinstance(app.screen, PathScreen))
    box = app.screen.query_one("#ask-path", Input)
    if target is not None:
        box.value = str(target)
    chosen = box.value
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot, lambda: any(chosen in n for n in notices(app)))
    return chosen


async def test_the_workbench_exports_the_article_into_the_export_folder(
    sqlite_db: Database, tmp_path: Path
) -> None:
    build(sqlite_db)
    folder = tmp_path / "exports"
    app = VerifyApp(
        sqlite_db,
        settings(sqlite_db, export_dir=folder),
        poll_seconds=60,
        database_label="test.db",
    )
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        title = app.screen.article.title  # type: ignore[attr-defined]
        written = Path(await export_to(app, pilot, "md", None))
        assert written.parent == folder and written.suffix == ".md"
        assert any(n == f"Wrote {written}" for n in notices(app))
        html = Path(await export_to(app, pilot, "html", tmp_path / "report.html"))
    assert title in written.read_text()
    assert html.read_text().lstrip().lower().startswith("<!doctype html")
    assert not list(folder.glob("*.part*")) and not list(tmp_path.glob("*.part*"))


async def test_an_export_onto_a_symlink_or_a_folder_is_refused_and_writes_nothing(
    sqlite_db: Database, tmp_path: Path
) -> None:
    build(sqlite_db)
    victim = tmp_path / "private.txt"
    victim.write_text("not a report\n")
    link = tmp_path / "report.md"
    link.symlink_to(victim)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    app = VerifyApp(sqlite_db, settings(sqlite_db), poll_seconds=60, database_label="test.db")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        for target in (link, folder):
            await export_to(app, pilot, "md", target)
            said = [n for n in notices(app) if str(target) in n]
            assert said and "failed" in said[-1] and "\n" not in said[-1]
    assert victim.read_text() == "not a report\n" and link.is_symlink()
    assert list(folder.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(("report.md.", ".report"))]
