#!/usr/bin/env python3
"""CSV import benchmark: a survey export of N rows through the real HTTP import flow of a running `chorus serve`.

Signs in as the demo's partnership admin, writes a realistic survey-export CSV (Excel's "CSV UTF-8": byte-order
mark, CRLF, quoted comments with commas, quotes and line breaks; day/month/year dates; ward names, postcodes, topics
and equality answers as labels; about one comment in eight with personal data that redaction takes out; about one
row in a hundred with a problem: no comment, a date in the future or not a date, an unknown ward or topic), then
  1. uploads it (POST /insights/import, multipart),
  2. takes the guessed column mapping from the mapping page, ticks "Import the valid rows" and starts the job
     (POST /insights/import/{id}, action=start),
  3. polls the job page (?refresh=off) every 0.2 s until it says done or failed,
while sampling the server's resident memory (VmRSS) every 0.1 s. Prints rows, seconds (upload, checking, saving,
total), rows/s, and the server's memory: before the upload, after it, the peak while the job ran, and VmHWM.

Normally run by bench/run_import_bench.sh (fresh data directory and server per size). By hand:

    python3 bench/import_bench.py --base-url http://127.0.0.1:8080 --rows 100000 --server-pid 1234 --json-out r.json
    python3 bench/import_bench.py --generate-only --rows 1000 --csv /tmp/sample.csv    # just the file (demo names)
    python3 bench/import_bench.py --compare r10k.json r100k.json ...                   # table
"""
import argparse
import datetime
import json
import os
import random
import re
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import Client, CpuMeter, all_items, memory_kb  # noqa: E402

TARGET_SECONDS = 30  # the issue: 100,000 rows in under 30 s, constant memory

HEADER = ["Response ID", "Submitted", "Ward", "Postcode", "Comments", "Topics", "Community", "Age", "Sex", "Ethnic group",
          "Disability", "Unpaid care", "Number of people"]

OPENERS = ["", "", "", "Honestly, ", "To be fair, ", "As a parent, ", "I've lived here 30 years and ", "Since the changes, ",
           "Like my neighbours, ", "We were told at the drop-in that "]
BODIES = [
    "the buses after 7pm are too infrequent to get home from a late shift",
    "the park needs better lighting, people don't feel safe walking through after dark",
    "rubbish is left by the bins for days and the foxes get into it",
    "there is nowhere for the teenagers to go, the youth club closed",
    "getting a GP appointment means ringing at 8am and still missing out",
    "our flat has had black mould in the bedroom since last winter and the landlord won't act",
    "the noise from the takeaway extractor goes on past midnight",
    "pavements on the high street are cracked and my mum tripped with her walker",
    "the library is the only warm place some of us can sit during the day",
    "parking on the corner blocks the dropped kerb so wheelchair users can't cross",
    "the community centre's Tuesday lunch club is a lifeline for older people",
    "we need more affordable homes so our children don't have to move away",
    "speeding on the estate road is dangerous near the primary school",
    "the food bank queue is longer every month",
    "more benches along the seafront would help people who can't walk far",
    "the consultation was only online, so people without internet were left out",
    "dog fouling on the playing field is a real problem",
    "the new cycle lane is great but the junction at the end is confusing",
    "bin collections keep being missed on our street",
    "I would like to see more events that bring different communities together",
]
CLOSERS = ["", "", ".", ".", "!", ". Please do something about it.", ". Thanks for asking.", ", and nobody has replied.",
           ". It has been like this for years."]
FIRST = ["Sarah", "Mohammed", "Aisha", "Tom", "Priya", "Janet", "Wei", "Gareth", "Fatima", "Olu"]
LAST = ["Jones", "Khan", "Smith", "Patel", "Okafor", "Williams", "Nowak", "Chen", "Murphy", "Evans"]
AGES = [f"{a} to {a + 4}" for a in range(15, 85, 5)] + ["Prefer not to say"]
SEXES = ["Female", "Male", "Prefer not to say"]
ETHNIC = ["English, Welsh, Scottish, Northern Irish or British", "Indian", "Pakistani", "African", "Caribbean",
          "Chinese", "Any other White background", "Prefer not to say"]
DISABILITY = ["Yes, limited a lot", "Yes, limited a little", "No", "Prefer not to say"]
CARE = ["No", "Yes, 9 hours a week or less", "Prefer not to say"]


def pii(rng):
    """Personal data a resident might type into a free-text box (redaction must take it out)."""
    k = rng.randrange(5)
    if k == 0:
        return f" My name is {rng.choice(FIRST)} {rng.choice(LAST)}."
    if k == 1:
        return f" Email me at {rng.choice(FIRST).lower()}.{rng.randrange(10, 99)}@example.com"
    if k == 2:
        return f" Call me on 07700 900{rng.randrange(100, 999)}."
    if k == 3:
        return f" I live at {rng.randrange(1, 200)} Harbour Road."
    return f" Mrs {rng.choice(LAST)} at number {rng.randrange(1, 90)} says the same."


def comment(rng):
    text = rng.choice(OPENERS) + rng.choice(BODIES)
    if rng.random() < 0.35:
        text += ", and " + rng.choice(BODIES)
    text += rng.choice(CLOSERS)
    if rng.random() < 0.125:
        text += pii(rng)
    if rng.random() < 0.05:
        text += "\n\nAlso: " + rng.choice(BODIES) + ' — "sort it out", as my neighbour says.'
    return text[:1].upper() + text[1:]


def csv_cell(s):
    s = str(s)
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def generate(path, rows, wards, themes, audiences, seed=5):
    """Writes the survey export; returns how many rows were made bad on purpose."""
    rng = random.Random(seed)
    today = datetime.date.today()
    bad = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff" + ",".join(csv_cell(h) for h in HEADER) + "\r\n")
        for i in range(rows):
            heard = today - datetime.timedelta(days=rng.randrange(0, 730))
            ward, districts = rng.choice(wards) if rng.random() > 0.05 else ("", [])
            postcode = ""
            if districts and rng.random() < 0.6:
                postcode = f"{rng.choice(districts)} {rng.randrange(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            row = {
                "Response ID": f"R{100000 + i}",
                "Submitted": heard.strftime("%d/%m/%Y"),
                "Ward": ward,
                "Postcode": postcode,
                "Comments": comment(rng),
                "Topics": "; ".join(rng.sample(themes, rng.choice([1, 1, 2]))),
                "Community": rng.choice(audiences) if audiences and rng.random() < 0.2 else "",
                "Age": "", "Sex": "", "Ethnic group": "", "Disability": "", "Unpaid care": "",
                "Number of people": "1" if rng.random() < 0.95 else str(rng.randrange(2, 30)),
            }
            if rng.random() < 0.5:
                row.update({"Age": rng.choice(AGES), "Sex": rng.choice(SEXES), "Ethnic group": rng.choice(ETHNIC),
                            "Disability": rng.choice(DISABILITY), "Unpaid care": rng.choice(CARE)})
            if i % 100 == 37:  # about 1%: a row the import must reject and report
                bad += 1
                k = (i // 100) % 5
                if k == 0:
                    row["Comments"] = ""
                elif k == 1:
                    row["Submitted"] = (today + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
                elif k == 2:
                    row["Submitted"] = "sometime in March"
                elif k == 3:
                    row["Ward"] = "Atlantis"
                else:
                    row["Topics"] = "Flying cars"
            f.write(",".join(csv_cell(row[h]) for h in HEADER) + "\r\n")
    return bad


def reference_names(c):
    wards = [w for w in all_items(c, "/api/v1/places?kind=ward") if w.get("kind", "ward") == "ward"]
    wards = [(w["name"], [d.strip() for d in (w.get("postcode_districts") or "").split(",") if d.strip()]) for w in wards]
    themes = [t["name"] for t in all_items(c, "/api/v1/themes") if t.get("parent_id")]
    try:
        audiences = [a["name"] for a in all_items(c, "/api/v1/audiences")]
    except SystemExit:
        audiences = []
    if not wards or not themes:
        raise SystemExit("no wards or themes: run `chorus seed-demo` first")
    return sorted(wards), sorted(themes), sorted(audiences)


class MemorySampler(threading.Thread):
    def __init__(self, pid, every=0.1):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.samples, self.stop_flag = pid, every, 0, 0, False

    def run(self):
        while not self.stop_flag:
            rss, _ = memory_kb(self.pid)
            if rss:
                self.peak = max(self.peak, rss)
                self.samples += 1
            time.sleep(self.every)


def mapping_from_page(html):
    """The mapping the page proposes: map_<field> → the selected column index."""
    fields = {}
    for m in re.finditer(r'<select[^>]*name="(map_[a-z_]+)"[^>]*>(.*?)</select>', html, re.S):
        sel = re.search(r'<option[^>]*value="(\d+)"[^>]*selected|<option[^>]*selected[^>]*value="(\d+)"', m.group(2))
        if sel:
            fields[m.group(1)] = sel.group(1) or sel.group(2)
    return fields


def run(args):
    c = Client(args.base_url, args.timeout)
    c.sign_in()
    database = c.get_json("/healthz").get("database", "?")
    wards, themes, audiences = reference_names(c)
    path = args.csv or f"/tmp/chorus-import-{args.rows}.csv"
    t = time.perf_counter()
    bad = generate(path, args.rows, wards, themes, audiences)
    size = os.path.getsize(path)
    print(f"{database}: generated {args.rows} rows ({bad} bad on purpose), {size / 1048576:.1f} MB in {time.perf_counter() - t:.1f} s: {path}", flush=True)
    rss_before, _ = memory_kb(args.server_pid) if args.server_pid else (None, None)

    # 1. Upload.
    r = c.html.get(c.base + "/insights/import", timeout=c.timeout)
    r.raise_for_status()
    t0 = time.perf_counter()
    with open(path, "rb") as fh:
        r = c.html.post(c.base + "/insights/import", data={"_csrf": c.csrf(r.text)},
                        files={"file": (os.path.basename(path), fh, "text/csv")}, timeout=c.timeout)
    upload_s = time.perf_counter() - t0
    m = re.search(r"/insights/import/([0-9A-Fa-f-]{36})", r.url)
    if r.status_code != 200 or not m:
        raise SystemExit(f"upload failed: HTTP {r.status_code} at {r.url}: {re.sub(r'<[^>]+>', ' ', r.text)[:500]}")
    job = m.group(1)
    rss_upload, _ = memory_kb(args.server_pid) if args.server_pid else (None, None)

    # 2. The guessed mapping, "import the valid rows", start.
    form = mapping_from_page(r.text)
    if "map_text" not in form or "map_heard_on" not in form:
        raise SystemExit(f"the mapping page did not guess the text and date columns: {form}")
    form.update({"_csrf": c.csrf(r.text), "default_sharing": "partnership", "default_kind": "survey_answer", "valid_only": "true",
                 "action": "start"})
    sampler = MemorySampler(args.server_pid) if args.server_pid else None
    if sampler:
        sampler.start()
    meter = CpuMeter(args.server_pid, args.postmaster_pid)
    meter.start()
    t1 = time.perf_counter()
    r = c.html.post(c.base + f"/insights/import/{job}", data=form, timeout=c.timeout)
    if r.status_code != 200:
        raise SystemExit(f"start failed: HTTP {r.status_code}: {r.text[:300]}")

    # 3. Poll the job page until it is done.
    saving_at = None
    polls = 0
    while True:
        page = c.html.get(c.base + f"/insights/import/{job}?refresh=off", timeout=c.timeout).text
        polls += 1
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
        if saving_at is None and re.search(r"[Ss]aving", text) and 'id="import-progress"' in page:
            saving_at = time.perf_counter()
        if 'id="import-progress"' not in page:
            break
        if time.perf_counter() - t1 > args.max_seconds:
            raise SystemExit(f"the import did not finish in {args.max_seconds} s")
        time.sleep(0.2)
    total_s = time.perf_counter() - t1
    # CPU seconds the server (and PostgreSQL's processes) used during the job, and the rest of the machine's load:
    # on a shared machine the wall clock above stretches with other work, the server's CPU time much less.
    server_cpu_s = meter.server_ms(1) / 1000.0 if args.server_pid else None
    other_cores = meter.other_cores()
    if sampler:
        sampler.stop_flag = True
        sampler.join()
    _, hwm = memory_kb(args.server_pid) if args.server_pid else (None, None)
    done = re.search(r"([\d,]+) insights imported from ([\d,]+) rows", text)
    skipped = re.search(r"([\d,]+) rows? (?:with problems|were skipped|skipped)", text)
    if not done:
        raise SystemExit(f"the import did not succeed: {text[:800]}")
    imported = int(done.group(1).replace(",", ""))
    out = {
        "database": database, "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "rows": args.rows, "bad": bad, "mb": size / 1048576,
        "imported": imported, "skipped_text": skipped.group(0) if skipped else None,
        "upload_s": upload_s, "total_s": total_s, "checking_s": (saving_at - t1) if saving_at else None,
        "saving_s": (t1 + total_s - saving_at) if saving_at else None, "rows_per_s": args.rows / total_s,
        "rss_before_mb": rss_before / 1024 if rss_before else None, "rss_after_upload_mb": rss_upload / 1024 if rss_upload else None,
        "rss_peak_job_mb": sampler.peak / 1024 if sampler and sampler.peak else None, "hwm_mb": hwm / 1024 if hwm else None,
        "polls": polls, "server_cpu_s": server_cpu_s, "other_cores": other_cores,
    }
    print(f"{database}: {imported} of {args.rows} rows imported ({bad} rejected as expected: {imported == args.rows - bad}); "
          f"upload {upload_s:.1f} s; job {total_s:.1f} s (checking {out['checking_s'] or 0:.1f} s, saving {out['saving_s'] or 0:.1f} s; "
          f"polled every 0.2 s, so ±0.2 s), {out['rows_per_s']:.0f} rows/s; server{' + PostgreSQL' if args.postmaster_pid else ''} CPU "
          f"{server_cpu_s or 0:.1f} s; other processes kept {other_cores or 0:.2f} cores busy", flush=True)
    if sampler:
        print(f"{database}: server RSS {out['rss_before_mb']:.0f} MB before upload, {out['rss_after_upload_mb']:.0f} MB after, "
              f"peak {out['rss_peak_job_mb']:.0f} MB while the job ran; VmHWM {out['hwm_mb']:.0f} MB", flush=True)
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(out, f, indent=1)
    if not args.keep_csv and not args.csv:
        os.remove(path)


def compare(paths):
    rows = [json.load(open(p)) for p in paths]
    print(f"| database | rows | MB | imported | upload s | checking s | saving s | job s | rows/s | server CPU s | other cores | RSS after upload MB | peak RSS during job MB | VmHWM MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        def f(k, d=1):
            v = r.get(k)
            return "–" if v is None else f"{v:,.{d}f}"
        print(f"| {r['database']} | {r['rows']:,} | {r['mb']:.1f} | {r['imported']:,} | {f('upload_s')} | {f('checking_s')} | {f('saving_s')} | "
              f"**{f('total_s')}** | {f('rows_per_s', 0)} | {f('server_cpu_s')} | {f('other_cores', 2)} | {f('rss_after_upload_mb', 0)} | {f('rss_peak_job_mb', 0)} | {f('hwm_mb', 0)} |")
    print(f"\nTarget: {TARGET_SECONDS} s for 100,000 rows, memory that does not grow with the file.")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base-url", default="http://127.0.0.1:8080")
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--csv", help="write the generated file here (kept)")
    p.add_argument("--keep-csv", action="store_true")
    p.add_argument("--server-pid", type=int, help="the server's pid, to sample its memory and CPU time")
    p.add_argument("--postmaster-pid", type=int, help="PostgreSQL's postmaster pid, to add its processes' CPU time")
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--max-seconds", type=float, default=1800)
    p.add_argument("--json-out")
    p.add_argument("--compare", nargs="+")
    p.add_argument("--generate-only", action="store_true", help="write the CSV with made-up ward and topic names and stop")
    args = p.parse_args()
    if args.compare:
        return compare(args.compare)
    if args.generate_only:
        bad = generate(args.csv or "/tmp/sample.csv", args.rows, [("Harbour", ["HS1"])], ["Buses", "Parks"], ["Older people"])
        print(f"{args.rows} rows, {bad} bad: {args.csv or '/tmp/sample.csv'}")
        return
    run(args)


if __name__ == "__main__":
    main()
