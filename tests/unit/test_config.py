"""The config file: approval mode, the ClaimReview address template, the export folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.config import default_export_dir, load_settings
from verify.errors import InputError


def write_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("VERIFY_CONFIG", str(config))
    return config


def test_the_config_sets_self_approval_the_claim_url_and_the_export_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(
        tmp_path,
        monkeypatch,
        'approval = "self"\n'
        'claim_url = "https://factcheck.example/{article_slug}#claim-{id}"\n'
        'export_dir = "~/exports"\n',
    )
    settings = load_settings(db="sqlite:///x.db", analyst="ana")
    assert settings.approval == "self"
    assert settings.claim_url == "https://factcheck.example/{article_slug}#claim-{id}"
    assert settings.export_dir == Path("~/exports").expanduser()


def test_without_a_config_approval_needs_an_editor_and_exports_go_to_a_user_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERIFY_CONFIG", str(tmp_path / "absent.toml"))
    settings = load_settings(db="sqlite:///x.db", analyst="ana")
    assert (settings.approval, settings.claim_url, settings.export_dir) == ("editor", None, None)
    assert default_export_dir() != Path.cwd()


def test_an_unknown_approval_mode_is_refused_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_config(tmp_path, monkeypatch, 'approval = "anyone"\n')
    with pytest.raises(InputError) as caught:
        load_settings(db="sqlite:///x.db", analyst="ana")
    assert str(caught.value).startswith(f"{config}: approval = 'anyone'")


def test_the_config_sets_the_worthy_threshold_of_the_claims_filter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path, monkeypatch, "worthy = 0.7\n")
    assert load_settings(db="sqlite:///x.db", analyst="ana").worthy == 0.7
    monkeypatch.setenv("VERIFY_CONFIG", str(tmp_path / "absent.toml"))
    assert load_settings(db="sqlite:///x.db", analyst="ana").worthy == 0.5


@pytest.mark.parametrize("value", ["1.5", "-0.1", '"high"', "true"])
def test_a_worthy_threshold_outside_zero_to_one_is_refused_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    write_config(tmp_path, monkeypatch, f"worthy = {value}\n")
    with pytest.raises(InputError, match=r"config\.toml.*worthy must be a number from 0 to 1"):
        load_settings(db="sqlite:///x.db", analyst="ana")
