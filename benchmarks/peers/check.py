"""Checks a function's answer in the log of `brisk:invoke`: the greeting (hello) or a JSON 404 (not-found).

Usage: python3 check.py hello|not-found invoke.log
Prints what is wrong and exits 1, or prints a short summary of the answer and exits 0.
"""
import base64
import json
import sys


def printed_json(lines, i):
    """The JSON printed after line i, up to the next Maven log line."""
    body = []
    for rest in lines[i + 1:]:
        if rest.startswith("["):
            break
        body.append(rest)
    return json.loads("\n".join(body))


def response_of(log):
    """The response that brisk:invoke prints after 'Response:'."""
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.endswith("] Response:"):
            return printed_json(lines, i)
        if line.endswith("] Error response:"):
            try:
                error = printed_json(lines, i)
                raise ValueError(f"the function failed: {error.get('errorType')}: {error.get('errorMessage')}")
            except json.JSONDecodeError:
                raise ValueError("the function failed")
    raise ValueError("no response in the log (the build or the invocation failed)")


def content_type(response):
    for key, value in (response.get("headers") or {}).items():
        if key.lower() == "content-type":
            return value
    for key, values in (response.get("multiValueHeaders") or {}).items():
        if key.lower() == "content-type" and values:
            return values[0]
    return ""


def body_of(response):
    body = response.get("body") or ""
    if response.get("isBase64Encoded"):
        body = base64.b64decode(body).decode("utf-8")
    return body


def check(kind, response):
    status = response.get("statusCode")
    ctype = content_type(response)
    body = body_of(response)
    try:
        parsed = json.loads(body)
    except ValueError:
        return f"body is not JSON: {body[:200]!r} (status {status}, content-type {ctype!r})"
    if kind == "hello":
        if status != 200:
            return f"status {status}, expected 200 (body {body[:200]!r})"
        if not ctype.lower().startswith("application/json"):
            return f"content-type {ctype!r}, expected application/json"
        if parsed != {"message": "Hello, Jane!"}:
            return f"body {body!r}, expected {{\"message\":\"Hello, Jane!\"}}"
        return None
    if status != 404:
        return f"status {status}, expected 404 (body {body[:200]!r})"
    if "json" not in ctype.lower():
        return f"content-type {ctype!r}, expected JSON"
    if not isinstance(parsed, dict):
        return f"body {body[:200]!r}, expected a JSON object"
    return None


def main():
    kind, log_file = sys.argv[1], sys.argv[2]
    with open(log_file, encoding="utf-8", errors="replace") as f:
        log = f.read()
    try:
        response = response_of(log)
    except ValueError as e:
        print(f"{kind}: {e}")
        return 1
    problem = check(kind, response)
    if problem:
        print(f"{kind}: {problem}")
        return 1
    print(f"{kind}: {response.get('statusCode')} {content_type(response)} {body_of(response)[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
