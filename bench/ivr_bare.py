"""The yardstick for bench/ivr_webhooks.py: a bare Flask app answering fixed TwiML."""

from __future__ import annotations

from flask import Flask, Response

FIXED = (
    '<?xml version="1.0" encoding="UTF-8"?><Response><Gather action="/ivr/step?s=1" '
    'numDigits="1"><Say language="ja-JP" voice="Polly.Mizuki">ご用件をお選びください。'
    "</Say></Gather><Redirect>/ivr/step?s=1</Redirect></Response>"
)

app = Flask(__name__)


@app.post("/ivr/voice")
@app.post("/ivr/step")
def fixed() -> Response:
    """Always the same TwiML, whatever was posted."""
    return Response(FIXED, mimetype="text/xml")


@app.get("/health")
def health() -> str:
    """Ready."""
    return "ok"
