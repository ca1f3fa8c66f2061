const PYTHON = `import hmac, hashlib

def verify(payload: bytes, header: str, secret: str) -> bool:
    expected = "sha256=" + hmac.new(
        secret.encode(), payload, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, header)

# header = request.headers["X-CargoLint-Signature"]`;

/** A short reminder of how receivers verify deliveries (CONTRACT §5), next to the history they debug. */
export function VerifyHelp() {
  return (
    <details className="card help">
      <summary>How your endpoint verifies a delivery</summary>
      <p>
        Every delivery is a <code>POST</code> with a JSON body and the header <code>X-CargoLint-Signature: sha256=…</code>,
        an HMAC-SHA256 of the exact body bytes keyed with your signing secret. Answer with any <code>2xx</code> within
        15 seconds; anything else is retried for about a day. Deduplicate on the <code>webhook-id</code> header (the
        event id), which stays the same across retries. Standard Webhooks libraries verify the <code>webhook-signature</code> header too.
      </p>
      <pre className="code-block"><code>{PYTHON}</code></pre>
    </details>
  );
}
