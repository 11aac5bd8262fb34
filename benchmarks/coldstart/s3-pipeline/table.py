"""The side-by-side table of run.sh: pools the rounds' coldstart JSON files (<row>-<round>.json) per row.

Medians over every sample of a row; the floor is pooled from every row's interleaved floor JVMs. Ratios: the
row's median total over the floor's, and over the baseline's (the same job as AWS's examples write it).
"""
import glob
import json
import os
import statistics
import sys

LABELS = {
    "brisk": "Brisk template, on demand",
    "baseline": "AWS examples' shape (baseline), on demand",
    "brisk-snapstart": "Brisk template, SnapStart (init = init + priming)",
    "brisk-snapstart-close": "Brisk template, SnapStart, a new connection per request (as moto_server itself answers)",
    "variant": "VARIANT (the changed copy), on demand",
    "variant-snapstart": "VARIANT (the changed copy), SnapStart (init = init + priming)",
    "brisk-amazon-roots": "Brisk template, on demand, trust store of the 5 Amazon roots",
}


def main(folder):
    rows, floor = {}, []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        row = os.path.basename(path).rsplit("-", 1)[0]
        data = json.load(open(path))
        r = rows.setdefault(row, {"samples": [], "jarKb": data["jarKb"],
                                  "classes": data["results"]["function"]["classesLoaded"]})
        r["samples"] += data["results"]["function"]["samples"]
        floor += data["results"]["floor"]["samples"]
    med = lambda samples, k: statistics.median(s[k] for s in samples)
    floor_total, floor_first = med(floor, "totalMs"), med(floor, "firstInvokeMs")
    base = rows.get("baseline")
    base_total = med(base["samples"], "totalMs") if base else None
    print("| row | jar KB | classes | init ms | first invoke ms | total ms | to floor | to baseline | first invoke to floor's |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in [k for k in LABELS if k in rows] + [k for k in rows if k not in LABELS]:
        r = rows[row]
        s = r["samples"]
        total = med(s, "totalMs")
        print("| %s | %s | %s | %.0f | %.0f | %.0f | %.2fx | %s | %.1fx |" % (
            LABELS.get(row, row), format(round(r["jarKb"]), ","), format(r["classes"], ","), med(s, "initMs"),
            med(s, "firstInvokeMs"), total, total / floor_total,
            "%.2fx" % (total / base_total) if base_total else "", med(s, "firstInvokeMs") / floor_first))
    print("| floor (empty handler, %d JVMs) | | | %.0f | %.1f | %.0f | 1.00x | | 1.0x |" % (
        len(floor), med(floor, "initMs"), floor_first, floor_total))
    service = os.path.join(folder, "service.txt")
    if os.path.exists(service):
        # What S3 (moto_server behind the keep-alive front here) itself takes for the six requests of a run, from a
        # warm connection: a floor under any first event that no priming can lower
        times = [float(line) for line in open(service) if line.strip()]
        s3 = statistics.median(times)
        print("| S3's own time for the job's 6 requests (moto_server behind the keep-alive front, warm connection, "
              "%d rounds) | | | | %.0f | | | | %.1fx |" % (len(times), s3, s3 / floor_first))
        if "brisk-snapstart" in rows:
            net = med(rows["brisk-snapstart"]["samples"], "firstInvokeMs") - s3
            print()
            print("SnapStart's first event less S3's own time: %.0f ms, %.1fx the floor's first event" % (
                net, net / floor_first))
    print()
    print("%d samples per row (%s)" % (len(next(iter(rows.values()))["samples"]), ", ".join(
        "%s %d" % (k, len(v["samples"])) for k, v in rows.items())))


if __name__ == "__main__":
    main(sys.argv[1])
