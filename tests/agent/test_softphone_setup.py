"""The softphone bundle: built at set-up only where npm is, and the console says when it is not."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MISSING = "ソフトフォン：未導入（応答ボタンで通話シミュレーターを使用）"
FAKE_BUILD = """#!/usr/bin/env bash
cd "$(dirname "$0")"
echo built >> ../../builds.log
[ -n "${FAIL_BUILD:-}" ] && exit 1
mkdir -p ../static/vendor && echo 'window.Twilio = {};' > ../static/vendor/twilio.min.js
echo "softphone: static/vendor/twilio.min.js"
"""


def test_without_the_bundle_the_console_says_so_and_loads_no_softphone_script(
    client, page_login, monkeypatch, tmp_path
):
    monkeypatch.setattr("agent_console.screen.SOFTPHONE_BUNDLE", tmp_path / "twilio.min.js")
    page_login("aoki")
    page = client.get("/console/").get_data(as_text=True)
    assert f'<p id="softphone" class="softphone missing">{MISSING}</p>' in page
    assert "twilio.min.js" not in page and "softphone.js" not in page
    assert "console.js" in page  # the answer button and the poll still work (simulator)


def test_with_the_bundle_the_console_loads_it_before_the_softphone(
    client, page_login, monkeypatch, tmp_path
):
    bundle = tmp_path / "twilio.min.js"
    bundle.write_text("window.Twilio = {};")
    monkeypatch.setattr("agent_console.screen.SOFTPHONE_BUNDLE", bundle)
    page_login("aoki")
    page = client.get("/console/").get_data(as_text=True)
    assert MISSING not in page
    assert 'data-token-url="/console/voice-token"' in page
    assert page.index("vendor/twilio.min.js") < page.index("softphone.js")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the set-up script beside a fake build.sh (writes the bundle, logs each run)."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "softphone.sh", tmp_path / "scripts")
    softphone = tmp_path / "agent_console" / "softphone"
    softphone.mkdir(parents=True)
    shutil.copy(ROOT / "agent_console" / "softphone" / "package-lock.json", softphone)
    (softphone / "build.sh").write_text(FAKE_BUILD)
    (softphone / "build.sh").chmod(0o755)
    (tmp_path / ".venv").mkdir()
    return tmp_path


def _set_up(checkout: Path, *, npm: str, fail: bool = False) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "NPM": npm, **({"FAIL_BUILD": "1"} if fail else {})}
    return subprocess.run(
        ["bash", "scripts/softphone.sh"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )


def _builds(checkout: Path) -> int:
    log = checkout / "builds.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


def test_without_npm_the_set_up_goes_on_quietly(checkout):
    done = _set_up(checkout, npm="no-such-npm")
    assert (done.stdout, done.stderr, _builds(checkout)) == ("", "", 0)
    assert not (checkout / "agent_console" / "static" / "vendor").exists()


def test_with_npm_the_bundle_is_built_once_and_again_when_the_lock_changes(checkout):
    assert _set_up(checkout, npm="true").stdout == "softphone: static/vendor/twilio.min.js\n"
    assert (checkout / "agent_console" / "static" / "vendor" / "twilio.min.js").exists()
    assert _set_up(checkout, npm="true").stdout == ""
    assert _builds(checkout) == 1
    with (checkout / "agent_console" / "softphone" / "package-lock.json").open("a") as lock:
        lock.write("\n")
    _set_up(checkout, npm="true")
    assert _builds(checkout) == 2
    (checkout / "agent_console" / "static" / "vendor" / "twilio.min.js").unlink()
    _set_up(checkout, npm="true")
    assert _builds(checkout) == 3


def test_a_failed_build_does_not_stop_the_set_up_and_is_not_retried_every_run(checkout):
    first = _set_up(checkout, npm="true", fail=True)
    assert first.stderr.startswith("softphone: not built (see .venv/softphone-build.log)")
    assert _set_up(checkout, npm="true", fail=True).stderr == ""
    assert _builds(checkout) == 1
    with (checkout / "agent_console" / "softphone" / "package-lock.json").open("a") as lock:
        lock.write("\n")
    _set_up(checkout, npm="true")
    assert _builds(checkout) == 2
    assert (checkout / "agent_console" / "static" / "vendor" / "twilio.min.js").exists()
