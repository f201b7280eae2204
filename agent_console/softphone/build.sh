#!/usr/bin/env bash
# Bundle the Twilio Voice JS SDK into the console's static files (served by us, no CDN).
# scripts/install.sh runs it when npm is here and the bundle is missing or package-lock.json
# changed; by hand: agent_console/softphone/build.sh (NPM= names another npm binary).
set -euo pipefail
cd "$(dirname "$0")"
"${NPM:-npm}" ci --no-audit --no-fund --ignore-scripts --silent
mkdir -p ../static/vendor
cp node_modules/@twilio/voice-sdk/dist/twilio.min.js ../static/vendor/twilio.min.js
cp node_modules/@twilio/voice-sdk/LICENSE.md ../static/vendor/twilio-voice-sdk-LICENSE.md
echo "softphone: static/vendor/twilio.min.js ($(wc -c < ../static/vendor/twilio.min.js) bytes)"
