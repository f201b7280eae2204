#!/usr/bin/env bash
# Bundle the Twilio Voice JS SDK into the console's static files (served by us, no CDN).
# Run once at set-up (and after changing package.json): agent_console/softphone/build.sh
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --ignore-scripts --silent
mkdir -p ../static/vendor
cp node_modules/@twilio/voice-sdk/dist/twilio.min.js ../static/vendor/twilio.min.js
cp node_modules/@twilio/voice-sdk/LICENSE.md ../static/vendor/twilio-voice-sdk-LICENSE.md
echo "softphone: static/vendor/twilio.min.js ($(wc -c < ../static/vendor/twilio.min.js) bytes)"
