# Sourced by ./run and ./test: a virtualenv with the pinned dependencies, re-installed only when
# pyproject.toml changes.
python_bin=${PYTHON:-}
if [ -z "$python_bin" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then python_bin=$candidate; break; fi
  done
fi
if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
fi
stamp=.venv/.mynacall-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[dev]"
  # Optional: gunicorn's C request parser builds only where a C compiler is installed.
  .venv/bin/python -m pip install --quiet -e ".[fast]" 2>/dev/null \
    || echo "note: gunicorn_h1c (C request parser) not built: gunicorn parses requests in Python"
  echo "$wanted" > "$stamp"
fi
# The agents' softphone bundle (npm); skipped quietly on a machine without npm.
bash scripts/softphone.sh
