"""A complete CargoLint webhook receiver (Python 3.9+, Flask).

    pip install flask
    CARGOLINT_WEBHOOK_SECRET=whsec_... flask --app receiver run --port 8080

It verifies X-CargoLint-Signature over the raw body, drops duplicates, answers at once and
processes the event in a background thread.
"""
import hashlib
import hmac
import json
import os
import threading

from flask import Flask, request

app = Flask(__name__)

# The current secret, plus the previous one while a rotation's grace period runs.
SECRETS = [s for s in (os.environ.get("CARGOLINT_WEBHOOK_SECRET"),
                       os.environ.get("CARGOLINT_WEBHOOK_PREVIOUS_SECRET")) if s]

seen_event_ids = set()  # in production: a table with a unique key on the event id
seen_lock = threading.Lock()


def verify_signature(payload: str, signature_header: str, secrets: list) -> bool:
    for secret in secrets:
        expected = "sha256=" + hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
        if hmac.compare_digest(expected.encode(), signature_header.encode()):
            return True
    return False


def handle_event(event: dict) -> None:
    print(event["type"], event["id"])  # your processing goes here


@app.post("/webhooks/cargolint")
def cargolint_webhook():
    # The raw body, exactly as sent: request.json would re-serialise it differently.
    payload = request.get_data(as_text=True)
    if not verify_signature(payload, request.headers.get("X-CargoLint-Signature", ""), SECRETS):
        return "invalid signature", 400

    event = json.loads(payload)
    with seen_lock:  # the body's id is signed and equals the webhook-id header
        if event["id"] in seen_event_ids:
            return "duplicate", 200
        seen_event_ids.add(event["id"])

    threading.Thread(target=handle_event, args=(event,), daemon=True).start()
    return "", 202
