#!/usr/bin/env python3
"""Python reference for PII redaction: the same pattern families and rules as ChorusCore's PIIRedactor, written the
way one usually would in Python, with the standard library's `re` (one compiled regular expression per family,
finditer over each comment, a little Python for check digits, cue words and overlaps).

    python3 bench/redaction_reference.py --input comments.jsonl [--runs 3] [--output found.jsonl]
    python3 bench/redaction_reference.py --text "My name is Sarah, call 07700 900123"

Timing: each run redacts every comment once (reading and writing files are outside the clock); prints every run,
the best and the median. Output lines are {"id", "spans": [{"kind", "start", "end"}], "text"} with UTF-8 byte
offsets, like chorus-bench's, for bench/redaction_score.py.
"""
import argparse
import json
import re
import statistics
import sys
import time

STREET = ("road|rd|street|st|avenue|ave|av|lane|ln|close|cl|drive|dr|way|crescent|cres|court|ct|place|pl|gardens|"
          "gdns|terrace|terr|tce|grove|gr|hill|row|walk|square|sq|mews|parade|pde|green|rise|view|park|vale|wharf|yard|"
          "gate|quay|croft|chase|meadow|meadows|mount|heights|boulevard|embankment|circus|approach|passage|path|wynd|"
          "brae|fold|grange|end|bank|side|villas|cottages|buildings|mansions|house|estate|hollow|dale|lea|crossing|"
          "broadway|promenade|esplanade")
RELATIONS = ("son|daughter|husband|wife|partner|mum|mom|mother|dad|father|brother|sister|neighbour|neighbor|friend|"
             "carer|boyfriend|girlfriend|grandson|granddaughter|nan|nana|gran|grandma|grandad|granddad|grandpa|"
             "grandmother|grandfather|uncle|aunt|auntie|niece|nephew|child|baby|landlord|landlady|colleague|cousin|"
             "fiancé|fiancée|stepson|stepdaughter|lodger|tenant|social|worker|caseworker|gp|doctor|teacher|mate")
NOT_NAMES = set("""a an the i i'm im i've i'd i'll it it's its this that these those there here we you he she they me us
him them my our your his her their and but or so not no yes very really just also too is was are am be been being were
has have had do does did will would can could should may might must on in at to from for with of by as if when what who
why how where which all any some every everyone anyone someone nobody please thanks thank hi hello dear regards ok okay
monday tuesday wednesday thursday friday saturday sunday january february march july august september october november
december today tomorrow yesterday mr mrs ms miss mx dr prof rev revd cllr councillor sir madam resident residents
neighbour neighbours team staff officer manager council nhs gp anonymous unknown withheld private confidential none n/a
happy unhappy sad glad pleased sorry disappointed concerned worried angry upset fine good great bad terrible awful
ridiculous disgraceful unacceptable outrageous important absolutely totally completely exactly because such one two
three after before about again still never always now then writing calling going getting living trying asking back
later soon asap english british welsh scottish irish polish local new old mum dad everybody friends colleagues love
best kind warm many yours sincerely faithfully cheers same other another more most less only even though street road
lane avenue name signed call tel phone email mobile address contact postcode brilliant amazing awesome excellent fantastic wonderful lovely marvellous superb rubbish shocking appalling
dreadful horrendous horrible disgusting pathetic shameful scandalous insane crazy mad madness nonsense wrong right true
false typical unbelievable incredible unfair dangerous urgent serious essential vital perfect lucky grateful fed tired
exhausted desperate hopeless useless pointless unsafe safe nice poor sick ill disabled furious frustrated annoyed
stressed scared afraid frightened lonely isolated stuck""".split())
ORGANISATION = set("""council homes housing trust hospital school academy college university centre center library
mosque gurdwara synagogue surgery practice partnership group association team services service police ltd limited club
foundation charity network forum board committee department office company station road street avenue lane borough city
town county district ward estate community project alliance authority agency society nursery pharmacy clinic shop cafe
café pub hotel nhs gp""".split())
NHS_CUES = set("nhs patient hospital chi health".split())
REFERENCE = set("""ref reference order invoice account acct case booking ticket policy tracking claim crime incident
membership serial customer application receipt transaction parcel contract licence license permit planning complaint
enquiry job payment council tax student staff employee payroll voucher barcode isbn sort card""".split())
CONNECTORS = set("number no num nr is was id my the our your a".split())

RANK = {"email": 0, "nhs_strong": 1, "phone": 2, "nhs_number": 3, "ni_number": 4, "postcode": 5, "address": 6, "name": 7}
TOKEN = {"name": "[name]", "email": "[email]", "phone": "[phone]", "postcode": "[postcode]",
         "nhs_number": "[NHS number]", "ni_number": "[NI number]", "address": "[address]"}

EMAIL = re.compile(r"[A-Za-z0-9_%+-][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\w])")
NUMBER_BEFORE = r"(?<![\w£$€#])(?<!\d[.,:/-])(?<![A-Za-z][/-])"
NUMBER_AFTER = r"(?![\w@]|[-./,]\d)"
PHONE = re.compile(NUMBER_BEFORE + r"""(?:
      (?:\+44|0044)[ -]?(?:\(0\)[ -]?|0)?[1237]\d{1,4}(?:[ -]?\d{2,6}){1,3}
    | \(0[1237]\d{1,4}\)[ ]?\d{2,6}(?:[ -]\d{2,6}){0,2}
    | 0[1237]\d{1,4}(?:[ -]\d{2,6}){1,3}
    | 0[1237]\d{8,9}
    )""" + NUMBER_AFTER, re.X)
NHS = re.compile(NUMBER_BEFORE + r"(\d{3})([ -]?)(\d{3})\2(\d{4})" + NUMBER_AFTER)
NI = re.compile(r"\b([A-Za-z]{2}) ?(\d\d) ?(\d\d) ?(\d\d)(?:( ?)([A-Da-d])\b|(?![\w]| \d))")
POSTCODE = re.compile(r"\b(?:([A-Za-z]{1,2}\d[A-Za-z\d]?) ?(\d[A-Za-z]{2})|(GIR) (0AA))(?![\w@])", re.I)
CAP = r"(?:(?:St|Mt)\.?|(?:[A-Z]|[^\W\d_a-z])[\w'’-]*)[ \t]+"
HOUSE = r"[1-9]\d{0,2}(?:[A-Za-z]|-\d{1,3})?(?![\w])"
ADDRESS = re.compile(
    r"(?:\b(?i:flat|apartment|apt|unit)\.?[ \t]+\d{1,4}[A-Za-z]?(?![\w])[,/]?[ \t]*(?:" + HOUSE + r",?[ \t]+)?"
    r"|" + NUMBER_BEFORE + r"\b" + HOUSE + r",?[ \t]+)"
    r"(?:" + CAP + r"){1,5}(?i:" + STREET + r")\b")
NAME_CUE = re.compile(r"""\b(?:
      (?P<title>(?:mr|mrs|ms|miss|mx|dr|prof|rev|revd|cllr|councillor)\.?[ \t]+)
    | (?P<strong>(?:my[ \t]+name[ \t]+(?:is|was):?|my[ \t]+name['’]s|i['’]m[ \t]+called|i[ \t]+am[ \t]+called|im[ \t]+called)[ \t]+)
    | (?P<label>name:[ \t]+)
    | (?P<weak>(?:name[ \t]+(?:is|was):?|name['’]s|call[ \t]+me|dear|signed[,:]?(?:[ \t]+by)?)[ \t]+)
    | (?P<thisis>this[ \t]+is[ \t]+)
    | (?P<relation>(?:my|our|his|her|their)[ \t]+(?:""" + RELATIONS + r""")(?:[ \t]+(?:""" + RELATIONS + r"""))?,?[ \t]+)
    | (?P<signoff>(?:regards|thanks|cheers|wishes|sincerely|faithfully|thank[ \t]+you)[ \t]*(?:[,!-][ \t]*\n?|\n)\s*)
    )""", re.X | re.I)
NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")


def nhs_valid(digits):
    total = sum(int(digits[k]) * (10 - k) for k in range(9))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def number_cue(text, start):
    """'nhs', 'reference' or None, from up to three words just before a number (over connectors)."""
    words = re.findall(r"[A-Za-z0-9]+", text[max(0, start - 40):start])[-3:]
    for w in reversed(words):
        w = w.lower()
        if w in NHS_CUES:
            return "nhs"
        if w in REFERENCE:
            return "reference"
        if w not in CONNECTORS:
            return None
    return None


def cue_before(text, start, window, words):
    before = text[max(0, start - window):start].lower()
    return any(re.search(r"(?<![a-z0-9])" + re.escape(w), before) for w in words)


def name_run(text, i, lowercase=False, reject_org=False, needs_end=False, capitals=False):
    start = end = -1
    words = 0
    lower_mode = False
    n = len(text)
    while words < 3 and i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if ch.isupper() and not nxt.isalpha() and (nxt == "." or (nxt in " \t" and text[i + 1:i + 40].lstrip(" \t")[:1].isupper())):
            if nxt == "." or ch.lower() not in NOT_NAMES:
                if start < 0:
                    start = i
                end = i + 1
                words += 1
                k = i + 2 if nxt == "." else i + 1
                rest = text[k:k + 40]
                stripped = rest.lstrip(" \t")
                if not rest[:1] in (" ", "\t") or not stripped[:1].isupper():
                    break
                i = k + len(rest) - len(stripped)
                continue
        m = NAME_WORD.match(text, i)
        if not m or (m.end() < n and text[m.end()].isdigit()):
            break
        word = m.group()
        low = word.lower().replace("’", "'")
        stem = low[:-2] if len(word) > 2 and low.endswith("'s") else low
        if reject_org and stem in ORGANISATION:
            return None
        if stem in NOT_NAMES:
            break
        if not word[0].isupper():
            if not (lowercase and (words == 0 or lower_mode)):
                break
            lower_mode = True
        elif not capitals and len(word) >= 2 and word.isascii() and word.isupper():
            break
        if start < 0:
            start = i
        we = m.end()
        possessive = len(word) > 2 and low.endswith("'s")
        end = we - 2 if possessive else we
        words += 1
        if possessive or we >= n or text[we] not in " \t":
            break
        i = we
        while i < n and text[i] in " \t":
            i += 1
    if start < 0 or end <= start:
        return None
    if needs_end:
        k = end
        while k < n and text[k] in " \t":
            k += 1
        if k < n and not (text[k] in "\n\r.,!?;:)(-\"'" or ord(text[k]) >= 0x80):
            return None
    return start, end


def find(text):
    found = []  # (rank, kind, start, end, sector)
    for m in EMAIL.finditer(text):
        found.append((RANK["email"], "email", m.start(), m.end(), None))
    for m in NHS.finditer(text):
        digits = m.group(1) + m.group(3) + m.group(4)
        if not nhs_valid(digits):
            continue
        spaced = m.group(2) != ""
        cue = number_cue(text, m.start())
        if cue == "nhs" or cue is None and (spaced or cue_before(text, m.start(), 48, ["nhs", "patient", "hospital"])
                                            or cue_before(text, m.start(), 24, ["chi"])):
            found.append((RANK["nhs_strong"], "nhs_number", m.start(), m.end(), None))
        elif cue is None:
            found.append((RANK["nhs_number"], "nhs_number", m.start(), m.end(), None))
    for m in PHONE.finditer(text):
        s = m.group()
        digits = re.sub(r"\D", "", s)
        if s.startswith("+44") or s.startswith("0044"):
            digits = digits[2:] if s.startswith("+") else digits[4:]
            if digits.startswith("0"):
                digits = digits[1:]
        else:
            digits = digits[1:]
        if digits[:1] in ("7", "2", "3"):
            ok = len(digits) == 10
        else:
            ok = digits[:1] == "1" and len(digits) in (9, 10)
        if ok and number_cue(text, m.start()) != "reference":
            found.append((RANK["phone"], "phone", m.start(), m.end(), None))
    for m in NI.finditer(text):
        prefix = m.group(1).upper()
        if prefix[0] in "DFIQUV" or prefix[1] in "DFIQUVO" or prefix in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            continue
        cue = cue_before(text, m.start(), 40, ["insurance"]) or cue_before(text, m.start(), 24, ["nino", "ni no", "ni number", "n.i."])
        if m.group(6) is None and not cue:
            continue
        if m.group(1).islower() and " " in m.group() and not cue:
            continue
        found.append((RANK["ni_number"], "ni_number", m.start(), m.end(), None))
    for m in POSTCODE.finditer(text):
        if m.group(3):
            found.append((RANK["postcode"], "postcode", m.start(), m.end(), "GIR 0"))
            continue
        out, inward = m.group(1).upper(), m.group(2)
        if not valid_outward(out) or any(c in "CIKMOV" for c in inward[1:].upper()):
            continue
        if inward[1:] == {"1": "st", "2": "nd", "3": "rd"}.get(inward[0], "th"):
            continue  # a lower-case ordinal: "3rd", "6th"
        found.append((RANK["postcode"], "postcode", m.start(), m.end(), f"{out} {inward[0]}"))
    for m in ADDRESS.finditer(text):
        found.append((RANK["address"], "address", m.start(), m.end(), None))
    for m in NAME_CUE.finditer(text):
        g = m.lastgroup
        cue = m.group().strip()
        capitals = cue.isupper()
        before = text[max(0, m.start() - 40):m.start()].rstrip(" \t")
        sentence_start = not before or before[-1] in ".!?\n\r" or ord(before[-1]) >= 0x80
        if g == "thisis" and not (sentence_start or before[-1] in ",:-(\""):
            continue
        if g == "label" and not sentence_start:
            g = "weak"
        if g == "title":
            if not cue[0].isupper():
                continue
            run = name_run(text, m.end(), capitals=capitals)
        elif g in ("strong", "label"):
            run = name_run(text, m.end(), lowercase=True, capitals=capitals)
        elif g == "signoff":
            run = name_run(text, m.end(), reject_org=True, needs_end=True)
        else:
            run = name_run(text, m.end(), reject_org=True, capitals=capitals and g == "weak" and "name" in cue.lower())
        if run:
            found.append((RANK["name"], "name", run[0], run[1], None))
    return resolve(found)


def valid_outward(out):
    m = re.fullmatch(r"([A-Z])([A-Z]?)(\d)([A-Z\d]?)", out)
    if not m or m.group(1) in "QVX" or (m.group(2) and m.group(2) in "IJZ"):
        return False
    last = m.group(4)
    if last.isalpha():
        return last in ("ABEHMNPRVWXY" if m.group(2) else "ABCDEFGHJKPSTUW")
    return True


def resolve(found):
    found.sort(key=lambda f: (f[0], -(f[3] - f[2]), f[2]))
    kept = []
    for f in found:
        if all(f[3] <= k[2] or k[3] <= f[2] for k in kept):
            kept.append(f)
    kept.sort(key=lambda f: f[2])
    return kept


def redact(text):
    kept = find(text)
    if not kept:
        return text, kept
    out, at = [], 0
    for _, kind, s, e, sector in kept:
        out.append(text[at:s])
        out.append((sector or "") + TOKEN[kind])
        at = e
    out.append(text[at:])
    return "".join(out), kept


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input")
    ap.add_argument("--output")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--text")
    args = ap.parse_args()
    if args.text is not None:
        redacted, kept = redact(args.text)
        print(redacted)
        for _, kind, s, e, _ in kept:
            print(f"  {kind} {args.text[s:e]!r}")
        return
    if not args.input:
        ap.error("--input or --text")
    ids, texts = [], []
    with open(args.input, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                ids.append(o.get("id"))
                texts.append(o["text"])
                if args.limit and len(texts) >= args.limit:
                    break
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    print(f"redaction: {len(texts)} comments, {nbytes} bytes UTF-8, {args.runs} runs (python {sys.version.split()[0]}, re)")
    walls, cpus = [], []
    for run in range(1, args.runs + 1):
        c0 = time.process_time()
        t0 = time.perf_counter()
        for t in texts:
            redact(t)
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
        walls.append(wall)
        cpus.append(cpu)
        print(f"  run {run}: {wall:.3f} s wall, {cpu:.3f} s CPU, {len(texts) / wall:.0f} comments/s")
    best, median = min(walls), statistics.median(walls)
    print(f"python re reference: best {best:.3f} s ({len(texts) / best:.0f} comments/s, {nbytes / best / 1e6:.1f} MB/s), "
          f"median {median:.3f} s ({len(texts) / median:.0f} comments/s), CPU best {min(cpus):.3f} s")
    print(f"RESULT python best_s={best} median_s={median} cpu_best_s={min(cpus)} comments={len(texts)}")
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            for i, t in zip(ids, texts):
                redacted, kept = redact(t)
                prefix = [0]
                for ch in t:
                    prefix.append(prefix[-1] + len(ch.encode("utf-8")))
                spans = [{"kind": kind, "start": prefix[s], "end": prefix[e]} for _, kind, s, e, _ in kept]
                f.write(json.dumps({"id": i, "spans": spans, "text": redacted}, ensure_ascii=False) + "\n")
        print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
