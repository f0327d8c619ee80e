# Seed 004's Python webhook verifier ("Step 3. Verify Dojo webhooks"), run as a real endpoint by
# test/sandbox/webhooks-seed-verifier.test.mjs. Between the two markers the code is the seed's,
# token for token (the seed prints it on one line; the line breaks and indentation are restored),
# and the test checks that against the seed when ../shared/seeds is present.
#
# Added, outside the markers, only what it needs to run:
# - `import hmac` and `import json`: the seed's code uses both modules but does not import them;
# - `import os`, and at the bottom the secret from WEBHOOK_SECRET (the sandbox generates one per
#   subscription) and `app.run` on 127.0.0.1 at PORT.
import hmac
import json
import os

# --- seed 004 begins ---
from hashlib import sha256
from flask import Flask, jsonify, request

app = Flask(__name__)

WEBHOOK_SECRET = "PDYkJQq6sESYHp_zJuTTBQ"


def build_dojo_signature(payload: bytes, secret: str) -> str:
    digest = hmac.new(
        secret.encode("utf-8"),
        msg=payload,
        digestmod=sha256,
    ).digest()
    return "sha256=" + "-".join(f"{byte:02X}" for byte in digest)


@app.route('/webhook', methods=['POST'])
def webhook():
    payload = request.get_data(cache=False)
    signature_header = request.headers.get('dojo-signature')

    if not signature_header:
        print('Missing dojo-signature header.')
        return jsonify(success=False), 400

    expected_signature = build_dojo_signature(payload, WEBHOOK_SECRET)

    if not hmac.compare_digest(signature_header, expected_signature):
        print('Invalid signature.')
        return jsonify(success=False), 400

    try:
        event = json.loads(payload.decode("utf-8"))
    except json.JSONDecodeError as error:
        print(f'Invalid webhook payload: {error}')
        return jsonify(success=False), 400

    print('Signature verified.')
    print(json.dumps(event, indent=2))
    return jsonify(success=True)
# --- seed 004 ends ---

if __name__ == "__main__":
    # The module-level name the seed's view reads at each request.
    WEBHOOK_SECRET = os.environ.get("WEBHOOK_SECRET", WEBHOOK_SECRET)
    app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
