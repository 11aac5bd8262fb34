"""The S3 side of the s3-pipeline cold-start benchmark, against moto_server.

  fixture.py setup ENDPOINT EVENT_FILE   creates a versioned bucket and a small valid input object, and writes the
                                         EventBridge "Object Created" event that names it (size, ETag, version id)
  fixture.py sweep ENDPOINT COUNT_FILE   until killed: each time a run has finished processing the object (its
                                         sequencer marker exists), deletes the run's result and marker, so that
                                         every cold start does the whole path (HEAD marker, HEAD result, GET, PUT
                                         result, HEAD marker, PUT marker) instead of finding a duplicate; counts
                                         the sweeps
  fixture.py front PORT UPSTREAM [CERT KEY [close]]
                                         until killed: HTTP/1.1 keep-alive (HTTPS with CERT and KEY) in front of
                                         moto_server at UPSTREAM, which closes every connection; "close" closes
                                         them as moto_server does
  fixture.py credentials PORT            until killed: a container credentials endpoint (as Lambda's for SnapStart)
  fixture.py service ENDPOINT [RUNS]     prints the median time of a run's six requests from one warm connection
"""
import http.client
import json
import os
import socket
import ssl
import statistics
import sys
import time
import urllib.parse

import boto3

BUCKET = "coldstart-bucket"
KEY = "incoming/orders 2026+11 ü.jsonl"  # a space, a '+' and unicode: the key is URL-decoded from the event
OUTPUT_BASE = "processed/" + KEY + "/"


def client(endpoint):
    # FIXTURE_CA: the certificate of a moto_server that serves HTTPS (run.sh with TLS=1)
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", verify=os.environ.get("FIXTURE_CA") or None,
                        aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")


def setup(endpoint, event_file):
    s3 = client(endpoint)
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    lines = [json.dumps({"id": "order-%d" % i, "timestamp": "2026-11-26T10:%02d:00Z" % (i % 60),
                         "amount": 10.5 + i, "currency": "EUR"}, separators=(",", ":")) for i in range(40)]
    lines.insert(7, '{"id":"bad","amount":-1}')  # one rejected record, as real input has
    body = ("\n".join(lines) + "\n").encode()
    put = s3.put_object(Bucket=BUCKET, Key=KEY, Body=body, ChecksumAlgorithm="CRC32")
    event = {
        "version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "Object Created",
        "source": "aws.s3", "account": "123456789012", "time": "2026-11-26T10:15:30Z", "region": "us-east-1",
        "resources": ["arn:aws:s3:::" + BUCKET],
        "detail": {
            "version": "0", "bucket": {"name": BUCKET},
            # EventBridge sends keys URL-encoded, a space as '+'
            "object": {"key": KEY.replace("+", "%2B").replace(" ", "+").replace("ü", "%C3%BC"),
                       "size": len(body), "etag": put["ETag"].strip('"'), "version-id": put["VersionId"],
                       "sequencer": "0067456C8E2FA1B2C2"},
            "request-id": "57H08PA84AB1JZW0", "requester": "123456789012", "reason": "PutObject"},
    }
    with open(event_file, "w") as f:
        json.dump(event, f, indent=2)
    print("s3://%s/%s: %d bytes, ETag %s, version %s" % (BUCKET, KEY, len(body), put["ETag"], put["VersionId"]))


def sweep(endpoint, count_file):
    s3 = client(endpoint)
    swept = 0
    while True:
        time.sleep(0.1)
        found = s3.list_objects_v2(Bucket=BUCKET, Prefix=OUTPUT_BASE).get("Contents", [])
        keys = [o["Key"] for o in found]
        if OUTPUT_BASE + "_sequencer" not in keys:
            continue  # nothing yet, or a run still writing: its marker comes last
        if len(keys) < 2:
            print("sweep: a marker without a result: %s" % keys, file=sys.stderr)
        for version in s3.list_object_versions(Bucket=BUCKET, Prefix=OUTPUT_BASE).get("Versions", []):
            s3.delete_object(Bucket=BUCKET, Key=version["Key"], VersionId=version["VersionId"])
        swept += 1
        with open(count_file, "w") as f:
            f.write("%d\n" % swept)


def credentials(port):
    import http.server

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.headers.get("Authorization") != "brisk-benchmark-token":
                self.send_error(403)
                return
            body = json.dumps({"AccessKeyId": "ASIAIOSFODNN7EXAMPLE", "SecretAccessKey": "benchmark",
                               "Token": "benchmark", "Expiration": time.strftime(
                                   "%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), Handler).serve_forever()


def front(port, upstream, cert="", key="", mode="keep-alive"):
    """HTTP/1.1 keep-alive in front of moto_server, as S3 keeps connections alive.

    moto_server (Werkzeug's development server) answers every request with "Connection: close", so a client that
    talks to it directly opens a new TCP connection, and over HTTPS makes a new TLS handshake, for each request: six
    per run of the function, where S3 would take all six on one connection. This front accepts keep-alive
    connections (over TLS when given a certificate and key) and passes each request on to moto_server over plain
    HTTP on loopback, unchanged (method, path, headers, body); the answer comes back with its status, headers and
    body, on the client's still-open connection. Mode "close" answers as moto_server does ("Connection: close"
    after each answer): the same path, a new connection and handshake per request.
    """
    import http.server
    import socketserver

    target = urllib.parse.urlsplit(upstream)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, and "100 Continue" to a client that expects it

        def forward(self):
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                body = b""  # passed on whole, with its length (boto3 sends checksummed uploads chunked)
                while True:
                    size = int(self.rfile.readline().split(b";")[0], 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        break
                    body += self.rfile.read(size)
                    self.rfile.readline()
            else:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
            upstream_connection = http.client.HTTPConnection(target.hostname, target.port)
            try:
                upstream_connection.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                for name, value in self.headers.items():
                    if name.lower() not in ("connection", "keep-alive", "expect", "transfer-encoding", "content-length"):
                        upstream_connection.putheader(name, value)
                if body is not None:
                    upstream_connection.putheader("Content-Length", str(len(body)))
                upstream_connection.endheaders(body)
                response = upstream_connection.getresponse()
                payload = response.read()
            finally:
                upstream_connection.close()
            self.send_response_only(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length", "server",
                                        "date"):
                    self.send_header(name, value)
            self.send_header("Date", self.date_time_string())
            if mode == "close":
                self.send_header("Connection", "close")
                self.close_connection = True
            # a HEAD answer keeps the length of what a GET would return; every other answer the length it carries
            self.send_header("Content-Length", response.getheader("Content-Length", "0")
                             if self.command == "HEAD" else str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = forward

        def log_message(self, *args):
            pass

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

        def get_request(self):
            sock, address = super().get_request()
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            # the handshake happens on the handler's thread, at its first read
            return (context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False) if context else sock), address

    context = None
    if cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
    Server(("127.0.0.1", int(port)), Handler).serve_forever()


def service(endpoint, runs="20"):
    url = urllib.parse.urlsplit(endpoint)
    if url.scheme == "https":
        context = ssl.create_default_context(cafile=os.environ.get("FIXTURE_CA") or None)
        connection = http.client.HTTPSConnection(url.hostname, url.port, context=context)
    else:
        connection = http.client.HTTPConnection(url.hostname, url.port)
    # moto answers unsigned requests: no signing cost in the figure, only S3's own time
    base = "/" + BUCKET + "/" + urllib.parse.quote("service-time/")  # outside what the sweep watches
    source = "/" + BUCKET + "/" + urllib.parse.quote(KEY)

    def request(method, path, body=None, headers=None):
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status

    times = []
    for i in range(int(runs) + 3):
        start = time.perf_counter()
        # the function's six: marker, result, object, result written, marker again (before it moves), marker written
        request("HEAD", base + "_sequencer")
        request("HEAD", base + "result.jsonl")
        request("GET", source, headers={"x-amz-checksum-mode": "ENABLED"})
        request("PUT", base + "result.jsonl", body=b'{"id":"x"}\n' * 40, headers={"If-None-Match": "*"})
        request("HEAD", base + "_sequencer")
        request("PUT", base + "_sequencer", body=b"0067456C8E2FA1B2C2", headers={"If-None-Match": "*"})
        if i >= 3:
            times.append((time.perf_counter() - start) * 1000)
        request("DELETE", base + "result.jsonl")
        request("DELETE", base + "_sequencer")
    print("%.1f" % statistics.median(times))


if __name__ == "__main__":
    {"setup": setup, "sweep": sweep, "credentials": credentials, "service": service, "front": front}[sys.argv[1]](*sys.argv[2:])
