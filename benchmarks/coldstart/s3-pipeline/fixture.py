"""The S3 side of the s3-pipeline cold-start benchmark, against moto_server.

  fixture.py setup ENDPOINT EVENT_FILE   creates a versioned bucket and a small valid input object, and writes the
                                         EventBridge "Object Created" event that names it (size, ETag, version id)
  fixture.py sweep ENDPOINT COUNT_FILE   until killed: each time a run has finished processing the object (its
                                         sequencer marker exists), deletes the run's result and marker, so that
                                         every cold start does the whole path (HEAD marker, HEAD result, GET, PUT
                                         result, PUT marker) instead of finding a duplicate; counts the sweeps
"""
import json
import os
import sys
import time

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


if __name__ == "__main__":
    {"setup": setup, "sweep": sweep}[sys.argv[1]](sys.argv[2], sys.argv[3])
