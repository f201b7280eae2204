"""The production deployment files: nginx's configuration and the systemd units."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
TEMPS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")  # nginx's own, outside tmp_path
UNITS = ("mynacall-web.service", "mynacall-worker@.service")


def _unit(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(DEPLOY / "systemd" / name)
    return unit


@pytest.mark.parametrize("name", UNITS)
def test_systemd_restarts_each_process_whenever_it_dies(name):
    unit = _unit(name)
    assert unit["Service"]["Restart"] == "always"
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"  # never gives up


def test_the_units_run_gunicorn_on_loopback_and_the_worker_command():
    web = _unit("mynacall-web.service")["Service"]["ExecStart"]
    worker = _unit("mynacall-worker@.service")["Service"]["ExecStart"]
    assert "--config gunicorn.conf.py" in web and "--bind 127.0.0.1:8000" in web
    assert worker.endswith("flask --app wsgi worker")


def test_nginx_accepts_the_configuration(tmp_path):
    nginx, openssl = shutil.which("nginx"), shutil.which("openssl")
    if nginx is None or openssl is None:
        pytest.skip("nginx (and openssl) not installed here")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=t",
         "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    conf = (DEPLOY / "nginx.conf").read_text()
    for original, local in {
        "/etc/mynacall/tls": str(tmp_path),
        "/run/nginx.pid": str(tmp_path / "nginx.pid"),
        "/var/log/nginx": str(tmp_path),
        "user www-data;": "",
        "\nhttp {": "\nhttp {\n"
        + "".join(f"{kind}_temp_path {tmp_path / kind};" for kind in TEMPS),
    }.items():
        conf = conf.replace(original, local)
    (tmp_path / "nginx.conf").write_text(conf)
    checked = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                             capture_output=True, text=True)  # fmt: skip
    assert checked.returncode == 0, checked.stderr
