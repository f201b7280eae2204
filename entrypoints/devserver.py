"""`./run`: the whole system on one machine with embedded defaults and demo data.

Starts the embedded Redis (unless REDIS_URL is set), migrates the database (SQLite file unless
DATABASE_URL is set), loads reference and demo data, then runs gunicorn and an rq worker
(with its scheduler) side by side until Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from entrypoints.cli import init_database
from entrypoints.demo import load_demo_data
from runtime.config import Settings
from runtime.embedded_redis import embedded_redis_url, stop_embedded_redis
from runtime.flask_glue import rt
from wsgi import create_app

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _prepare(env: dict[str, str]) -> str:
    app = create_app()
    with app.app_context():
        init_database()
        return load_demo_data(rt())


def _children(env: dict[str, str], host: str, port: int) -> list[subprocess.Popen[bytes]]:
    web = [
        str(BIN / "gunicorn"),
        "--config",
        "gunicorn.conf.py",
        "--workers",
        "2",
        "--bind",
        f"{host}:{port}",
        "wsgi:app",
    ]
    worker = [str(BIN / "flask"), "--app", "wsgi", "worker"]
    return [subprocess.Popen(cmd, cwd=ROOT, env=env) for cmd in (web, worker)]


def _banner(base: str, summary: str, settings: Settings) -> str:
    lines = [
        "",
        "mynacall is running (Ctrl-C stops everything)",
        f"  residents' booking site   {base}/",
        f"  agents' console           {base}/console/",
        f"  supervisors' dashboard    {base}/console/dashboard",
        f"  centre counter            {base}/console/counter",
        f"  card transport            {base}/console/cards",
        f"  phone simulator (IVR)     {base}/ivr/simulator",
        f"  JSON API (OpenAPI)        {base}/api/v1/openapi.json",
        f"  database                  {settings.effective_database_url}",
        f"  redis                     {os.environ['REDIS_URL']}",
        f"  {summary}",
        "",
    ]
    return "\n".join(lines)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    """Run the system until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args()
    settings = Settings.from_env()
    if settings.production:
        sys.exit("./run loads demo data and is refused with APP_ENV=production")
    if not settings.redis_url:
        os.environ["REDIS_URL"] = embedded_redis_url(settings.instance_dir / "redis")
    os.environ.setdefault("PUBLIC_BASE_URL", f"http://{args.host}:{args.port}")
    env = dict(os.environ)
    summary = _prepare(env)
    children = _children(env, args.host, args.port)
    print(_banner(f"http://{args.host}:{args.port}", summary, settings), flush=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            child.terminate()
        for child in children:
            child.wait(timeout=10)
        stop_embedded_redis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
