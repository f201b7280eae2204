#!/usr/bin/env bash
# Run by scripts/install.sh from the repository root: bundle the agents' softphone (the Twilio
# Voice JS SDK from npm) into agent_console/static/vendor when npm is here and the bundle is
# missing or package-lock.json changed. Without npm, or when the build fails (no registry, no
# cache), it never stops the set-up: the console says on its page that the softphone is not
# installed and its answer button drives the call simulator instead.
set -uo pipefail
npm_bin=${NPM:-npm}
lock=agent_console/softphone/package-lock.json
bundle=agent_console/static/vendor/twilio.min.js
built_stamp=.venv/.mynacall-softphone
failed_stamp=.venv/.mynacall-softphone-failed
log=.venv/softphone-build.log

command -v "$npm_bin" >/dev/null 2>&1 || exit 0
wanted=$(sha256sum "$lock" | cut -d' ' -f1)
if [ -f "$bundle" ] && [ "$(cat "$built_stamp" 2>/dev/null)" = "$wanted" ]; then exit 0; fi
# A failed build is not retried on every run (offline, npm may wait on the network) until the
# lock changes; run agent_console/softphone/build.sh by hand to try again.
if [ "$(cat "$failed_stamp" 2>/dev/null)" = "$wanted" ]; then exit 0; fi
mkdir -p "$(dirname "$built_stamp")"
if NPM="$npm_bin" agent_console/softphone/build.sh >"$log" 2>&1; then
  echo "$wanted" > "$built_stamp"
  rm -f "$failed_stamp"
  tail -n 1 "$log"
else
  echo "$wanted" > "$failed_stamp"
  echo "softphone: not built (see $log); the console uses the call simulator." \
    "Retry: agent_console/softphone/build.sh" >&2
fi
exit 0
