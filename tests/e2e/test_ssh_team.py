"""Two analysts over SSH: each runs the installed workbench in tmux in their own SSH
session against one database; both verdicts are stored and each sees the other's."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from db import claims as claim_db
from db import verdicts as verdict_db
from db.session import open_database
from tests.support.screen_wait import wait_for
from verify.demo import load_demo

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
SSH = shutil.which("ssh")
TMUX = shutil.which("tmux")
VERIFY = Path(sys.executable).parent / "verify"

pytestmark = pytest.mark.skipif(
    not (SSHD and SSH and TMUX and hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="needs openssh-server, ssh, tmux and root (CI installs them)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SSHServer:
    """sshd on a loopback port with throwaway host and user keys."""

    def __init__(self, folder: Path) -> None:
        self.port = _free_port()
        self.key = folder / "user_key"
        host_key = folder / "host_key"
        for key in (self.key, host_key):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True
            )
        (folder / "authorized_keys").write_text((folder / "user_key.pub").read_text())
        config = folder / "sshd_config"
        config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {host_key}\n"
            f"AuthorizedKeysFile {folder / 'authorized_keys'}\nPidFile {folder / 'sshd.pid'}\n"
            "StrictModes no\nUsePAM no\nPermitRootLogin prohibit-password\n"
            "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            "AcceptEnv LANG LC_*\nLogLevel ERROR\n"
        )
        Path("/run/sshd").mkdir(exist_ok=True)
        assert SSHD is not None
        self.process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise AssertionError("sshd did not start")

    def run(self, command: str) -> subprocess.CompletedProcess[str]:
        """Run ``command`` in a new SSH session."""
        assert SSH is not None
        return subprocess.run(
            [
                SSH,
                "-p",
                str(self.port),
                "-i",
                str(self.key),
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "LogLevel=ERROR",
                "127.0.0.1",
                command,
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class RemoteTerminal:
    """A tmux session started, typed into and read over SSH."""

    def __init__(self, server: SSHServer, name: str, command: str) -> None:
        self.server, self.name = server, name
        self.tmux = f"{TMUX} -L verify-ssh-{name}-{server.port}"
        started = server.run(f"{self.tmux} new-session -d -s {name} -x 80 -y 24 '{command}'")
        assert started.returncode == 0, started.stderr

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.server.run(f"{self.tmux} send-keys -t {self.name} {key}")
            time.sleep(0.2)

    def screen(self) -> str:
        return self.server.run(f"{self.tmux} capture-pane -p -t {self.name}").stdout

    def wait_for(self, test: Callable[[str], bool], what: str, timeout: float = 60) -> str:
        return wait_for(self.screen, test, f"{what} ({self.name})", timeout)

    def close(self) -> None:
        self.server.run(f"{self.tmux} kill-server")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SSHServer]:
    ssh = SSHServer(tmp_path)
    yield ssh
    ssh.stop()


def test_two_analysts_over_ssh_share_one_database(server: SSHServer, tmp_path: Path) -> None:
    database = tmp_path / "team.db"
    db = open_database(f"sqlite:///{database}")
    load_demo(db)
    with db.read() as session:
        first, second = claim_db.claims(session)[:2]

    def workbench(analyst: str) -> str:
        return (
            f"env VERIFY_DB= VERIFY_CONFIG={tmp_path / 'none.toml'} "
            f"{VERIFY} --db sqlite:///{database} --analyst {analyst} tui"
        )

    ana = RemoteTerminal(server, "ana", workbench("ana"))
    bo = RemoteTerminal(server, "bo", workbench("bo"))
    try:
        for terminal in (ana, bo):
            terminal.wait_for(lambda s: "Verdict" in s and "of " in s, "the workbench")
        ana.keys("1")  # False, on the first claim
        ana.wait_for(lambda s: "▸False" in s, "ana's verdict")
        seen = bo.wait_for(
            lambda s: "False" in s and "ana" in s, "ana's verdict on bo's screen", timeout=30
        )
        assert "Claim 1 " in seen
        bo.keys("Down", "5")  # True, on the second claim
        bo.wait_for(lambda s: "▸True" in s, "bo's verdict")
        ana.keys("Down")
        ana.wait_for(
            lambda s: "True" in s and "bo" in s, "bo's verdict on ana's screen", timeout=30
        )
    finally:
        ana.close()
        bo.close()

    with db.read() as session:
        verdicts = verdict_db.current_verdicts(session, [first.id, second.id])
    db.dispose()
    assert (verdicts[first.id].rating, verdicts[first.id].analyst) == ("False", "ana")
    assert (verdicts[second.id].rating, verdicts[second.id].analyst) == ("True", "bo")
