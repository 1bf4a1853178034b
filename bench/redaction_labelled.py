#!/usr/bin/env python3
"""Synthetic labelled resident comments for the PII redaction benchmark (seeded, deterministic).

    python3 bench/redaction_labelled.py --n 100000 --seed 5 --out comments.jsonl

Each line: {"id": i, "text": ..., "spans": [{"kind", "start", "end", "char_start", "char_end", "in_scope"}],
"negatives": [{"what", "char_start", "char_end"}]}. start/end are UTF-8 byte offsets (what PIIRedactor reports),
char_start/char_end code point offsets (what Python's re reports). Kinds: name, email, phone, postcode,
nhs_number, ni_number, address (PIIKind's raw values).

A comment is one to four everyday sentences about local services (15-60 words is typical), with, in about 45% of
comments, one or two sentences carrying personal data in one of the forms docs/redaction.md lists, and in about
40% one or two hard negatives: years, prices, times, dates, bus and room numbers, outward codes alone, NHS and NI
numbers with a wrong check digit or prefix, reference numbers, capitalised words after cue words ("I am Happy",
"this is Ridiculous", "Dear Sir"), street names without a house number. About 6% are written partly in Polish or
Urdu or carry emoji, so byte and character offsets differ.

A small share of the personal data (about 2% of spans) is in forms the redactor does not claim to find (a bare
first name with no cue, "sarah at gmail dot com", a lower-case address): those spans have "in_scope": false, and
bench/redaction_score.py reports recall with and without them.
"""
import argparse
import json
import random

FIRST = ["Sarah", "James", "Aisha", "Mohammed", "Emily", "Oliver", "Priya", "Tom", "Chloe", "Daniel", "Fatima",
         "Jack", "Grace", "Liam", "Amara", "Ben", "Hannah", "Kwame", "Zoë", "Łukasz", "Siobhán", "Rhys", "Megan",
         "Ayesha", "Tariq", "Olga", "Tomasz", "Agnieszka", "Chidi", "Ngozi", "Connor", "Niamh", "Harpreet", "Rajesh",
         "Mei", "Wei", "Yusuf", "Ellie", "Georgia", "Callum", "Bethan", "Dylan", "Imran", "Sadia", "Kofi", "Abena",
         "Marek", "Katarzyna", "Ruth", "Dave", "Sue", "Pat", "Jo", "Lee", "Ann-Marie", "Jean-Paul", "Declan"]
SURNAMES = ["Smith", "Jones", "Patel", "Khan", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Hughes",
            "Okafor", "Mensah", "Nowak", "Kowalski", "Wiśniewska", "O'Brien", "McDonald", "Smith-Jones", "Begum",
            "Ahmed", "Hussain", "Singh", "Kaur", "Chen", "Wong", "Murphy", "Kelly", "Roberts", "Lewis", "Walker",
            "Thompson", "White", "Green", "Hall", "Wood", "Clarke", "Adeyemi", "Osei", "Nguyen", "Ali", "Mahmood",
            "Fitzgerald", "MacLeod", "Ó Súilleabháin", "Dąbrowski"]
TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Mx", "Mr.", "Mrs.", "Dr.", "Cllr", "Prof"]
STREET_NAMES = ["Acacia", "High", "Mill", "Station", "Church", "Victoria", "Harbour", "Queen's", "King Edward",
                "St Mary's", "Park", "Chapel", "Windmill", "Oak Tree", "Elm", "Beech", "Jubilee", "Coronation",
                "Marsh", "Ropewalk", "Dockside", "Gasworks", "Tannery", "Sandy", "Long", "New", "Bridge", "Castle",
                "Orchard", "Willow", "Lime Kiln", "Ash", "Wharf", "Ferry", "Salt", "Anchor", "Lighthouse", "Hope"]
STREET_WORDS = ["Road", "Street", "Avenue", "Lane", "Close", "Drive", "Way", "Crescent", "Court", "Place",
                "Gardens", "Terrace", "Grove", "Hill", "Row", "Walk", "Square", "Rd", "St", "Ave", "Mews", "Parade"]
# Postcode areas of the fictional borough and real ones; outward codes follow the official formats.
AREAS = ["HB", "HS", "B", "M", "L", "LS", "SW", "E", "N", "NW", "SE", "CF", "G", "EH", "BS", "NE", "S", "PO"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
WARDS = ["Harbourside", "Dockside", "Millbrook", "St Anne's", "Northgate", "Westfield", "Castle", "Riverside",
         "Old Town", "Marsh End", "Hillcrest", "Seaview"]
PLACES = ["the park", "the library", "the community centre", "the leisure centre", "the GP surgery", "the high street",
          "the bus station", "the youth club", "the food bank", "the market", "the play area", "the canal path"]
TOPICS = ["bins", "potholes", "street lighting", "parking", "buses", "fly-tipping", "dog fouling", "speeding",
          "anti-social behaviour", "damp in the flats", "GP appointments", "youth services", "the cost of living",
          "heating bills", "the lack of benches", "litter", "noise at night", "safe crossings", "dentists"]

BASE = [
    "The {place} is a real asset but it needs more investment.",
    "I have lived in {ward} for {yrs} years and {topic} have never been this bad.",
    "Please sort out the {topic} on our road, it is getting worse every month.",
    "My kids love {place} but the toilets are always shut.",
    "We need more for young people to do in the evenings, especially in {ward}.",
    "Nobody ever tells us what happened after the last consultation.",
    "It would help if the council listened to older residents about {topic}.",
    "The staff at {place} are brilliant and very patient with my mum.",
    "There is nowhere to sit down between the shops and {place}.",
    "I feel unsafe walking home after dark because of {topic}.",
    "Getting a GP appointment is impossible, you ring at 8 and they are all gone.",
    "Rents are too high and the flats are cold and damp.",
    "The buses don't run late enough for people on shifts.",
    "Thank you for asking, this is the first time anyone has.",
    "I think {topic} should be the priority for the next year.",
    "More trees and flowers would make {ward} feel cared for.",
    "Can we have a crossing near {place}, the traffic is dangerous.",
    "The food bank volunteers are doing the council's job for it.",
    "Please keep {place} open at weekends, it is a lifeline.",
    "As a carer I can't get to meetings in the day, put them online too.",
    "I would like to see the results of this survey published.",
    "The new cycle lane has made things worse for disabled drivers.",
    "Fix the lifts in the tower blocks before anything else.",
    "Our street has had {topic} problems for years and nothing changes.",
    "The community garden brought neighbours together, more of that please.",
    "Too many consultations and not enough action.",
    "I use {place} every week and it is always clean and friendly.",
    "The pavements are too narrow for my wheelchair.",
    "People in {ward} feel forgotten compared with the town centre.",
    "Heating bills have doubled and we are choosing between food and warmth.",
    "The youth workers at {place} turned my son's life around.",
    "Why does it take six weeks to collect a mattress?",
    "Signs in other languages would help my neighbours a lot.",
    "I'm happy with most services but {topic} is a disgrace.",
    "We were promised a new play area and it never came.",
    "Nice to see the council asking, I hope something comes of it.",
]
FOREIGN = [
    "Mieszkam tu od lat i nikt nas nie słucha.",
    "Proszę o więcej ławek w parku, dziękuję.",
    "ہمارے علاقے میں صفائی کا نظام بہت خراب ہے۔",
    "بچوں کے لیے کھیل کا میدان چاہیے۔",
    "Zażółć gęślą jaźń, autobusy się spóźniają.",
    "Merci pour la consultation 🙂",
    "Great work 👍👍",
    "So frustrated 😡 nothing changes.",
    "Love the new benches ❤️",
    "Świetna robota, ale za mało koszy na śmieci.",
]


class Comment:
    def __init__(self):
        self.parts = []
        self.spans = []
        self.negatives = []
        self.length = 0

    def add(self, text):
        self.parts.append(text)
        self.length += len(text)

    def pii(self, kind, text, in_scope=True):
        start = self.length
        self.add(text)
        self.spans.append({"kind": kind, "char_start": start, "char_end": self.length, "in_scope": in_scope})

    def negative(self, what, text):
        start = self.length
        self.add(text)
        self.negatives.append({"what": what, "char_start": start, "char_end": self.length})

    def text(self):
        return "".join(self.parts)


def fill(r, template):
    text = template.format(place=r.choice(PLACES), ward=r.choice(WARDS), topic=r.choice(TOPICS), yrs=r.randint(2, 40))
    return text.replace("The the ", "The ").replace("the the ", "the ")


# ---- personal data values -------------------------------------------------------------------------------------

def nhs_digits(r, valid=True):
    while True:
        first = r.choice("4679") if r.random() < 0.9 else str(r.randint(1, 9))
        d = [int(first)] + [r.randint(0, 9) for _ in range(8)]
        total = sum(d[k] * (10 - k) for k in range(9))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        if not valid:
            check = (check + r.randint(1, 9)) % 10
        return "".join(map(str, d + [check]))


def nhs_text(r, valid=True):
    d = nhs_digits(r, valid)
    style = r.random()
    if style < 0.55:
        return f"{d[:3]} {d[3:6]} {d[6:]}"
    if style < 0.65:
        return f"{d[:3]}-{d[3:6]}-{d[6:]}"
    return d


NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NI_INVALID = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def ni_text(r, valid=True):
    if valid:
        while True:
            prefix = r.choice(NI_FIRST) + r.choice(NI_SECOND)
            if prefix not in NI_INVALID:
                break
    else:
        prefix = r.choice([r.choice(sorted(NI_INVALID)), r.choice("DFIQUV") + r.choice(NI_SECOND),
                           r.choice(NI_FIRST) + r.choice("DFIQUVO"), "QQ"])
    digits = "".join(str(r.randint(0, 9)) for _ in range(6))
    suffix = r.choice("ABCD")
    style = r.random()
    if style < 0.45:
        s = f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    elif style < 0.85:
        s = f"{prefix}{digits}{suffix}"
    else:
        s = f"{prefix} {digits} {suffix}"
    return s.lower() if style > 0.93 and " " not in s else s


def outward(r):
    area = r.choice(AREAS)
    district = str(r.randint(1, 20 if len(area) == 2 else 40))
    if area in ("SW", "E", "N", "W") and r.random() < 0.15:
        district = str(r.randint(1, 9)) + r.choice("AHPW" if area == "W" else "ABEHMNPRVWXY" if len(area) == 2 else "ABCDEFGHJKPSTUW")
    return area + district


def postcode_text(r):
    out = outward(r)
    inward = str(r.randint(0, 9)) + r.choice(INWARD_LETTERS) + r.choice(INWARD_LETTERS)
    style = r.random()
    if style < 0.75:
        return f"{out} {inward}"
    if style < 0.88:
        return f"{out} {inward}".lower()
    return out + inward


def phone_text(r):
    kind = r.random()
    if kind < 0.5:  # mobile
        d = "07" + "".join(str(r.randint(0, 9)) for _ in range(9))
        style = r.random()
        if style < 0.45:
            return f"{d[:5]} {d[5:]}"
        if style < 0.7:
            return d
        if style < 0.8:
            return f"{d[:5]} {d[5:8]} {d[8:]}"
        if style < 0.9:
            return f"+44 {d[1:5]} {d[5:]}"
        if style < 0.95:
            return f"+44{d[1:]}"
        return f"{d[:5]}-{d[5:8]}-{d[8:]}"
    if kind < 0.7:  # London 020
        d = "020" + str(r.randint(3, 8)) + "".join(str(r.randint(0, 9)) for _ in range(7))
        style = r.random()
        if style < 0.5:
            return f"{d[:3]} {d[3:7]} {d[7:]}"
        if style < 0.75:
            return f"({d[:3]}) {d[3:7]} {d[7:]}"
        return f"+44 (0)20 {d[3:7]} {d[7:]}"
    if kind < 0.9:  # 01xxx
        d = "01" + "".join(str(r.randint(0, 9)) for _ in range(9))
        style = r.random()
        if style < 0.4:
            return f"{d[:5]} {d[5:]}"
        if style < 0.65:
            return f"{d[:4]} {d[4:7]} {d[7:]}"
        if style < 0.85:
            return f"({d[:5]}) {d[5:]}"
        return d
    d = "03" + "".join(str(r.randint(0, 9)) for _ in range(9))
    return f"{d[:4]} {d[4:7]} {d[7:]}"


def email_text(r):
    first = r.choice([f for f in FIRST if f.isascii() and "-" not in f]).lower()
    last = r.choice([s for s in SURNAMES if s.isascii() and "'" not in s and " " not in s]).lower()
    user = r.choice([f"{first}.{last}", f"{first}{r.randint(1, 99)}", f"{first[0]}{last}", f"{first}_{last}", f"{last}.{first}{r.randint(60, 99)}"])
    domain = r.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com",
                       "harbourside-tenants.org.uk", "sky.com"])
    return f"{user}@{domain}"


def address_text(r):
    number = str(r.randint(1, 250))
    if r.random() < 0.12:
        number += r.choice("ab")
    elif r.random() < 0.04:
        number += "-" + str(int(number) + 2)
    street = f"{r.choice(STREET_NAMES)} {r.choice(STREET_WORDS)}"
    if r.random() < 0.2:
        return f"{r.choice(['Flat', 'Flat', 'Apartment'])} {r.randint(1, 40)}, {number} {street}"
    return f"{number} {street}"


def full_name(r):
    return f"{r.choice(FIRST)} {r.choice(SURNAMES)}"


# ---- sentences carrying personal data ---------------------------------------------------------------------------

CLOSING_NAME_FORMS = (4, 5, 10)  # sign-offs: at the end of a comment


def add_pii(r, c, kind, form=None):
    if kind == "name":
        if form == 0:
            c.add("My name is "); c.pii("name", full_name(r)); c.add(" and I live in " + r.choice(WARDS) + ".")
        elif form == 1:
            c.add("Hi, this is "); c.pii("name", r.choice(FIRST)); c.add(" from the residents' association.")
        elif form == 2:
            c.add("I'm called "); c.pii("name", r.choice(FIRST)); c.add(", I've been here ten years.")
        elif form == 3:
            c.add("You can call me "); c.pii("name", r.choice(FIRST)); c.add(", everyone does.")
        elif form == 4:
            c.add("Kind regards,\n"); c.pii("name", full_name(r))
        elif form == 5:
            c.add(r.choice(["Thanks, ", "Many thanks, ", "Best wishes, "])); c.pii("name", r.choice(FIRST))
        elif form == 6:
            title = r.choice(TITLES)
            c.add(f"{title} "); c.pii("name", r.choice(SURNAMES)); c.add(" next door has complained for years.")
        elif form == 7:
            c.add("My neighbour " + r.choice(TITLES) + " "); c.pii("name", r.choice(SURNAMES)); c.add(" can't get out of the flat.")
        elif form == 8:
            c.add("My " + r.choice(["son", "daughter", "husband", "wife", "mum", "grandson", "carer"]) + " ")
            c.pii("name", r.choice(FIRST)); c.add(" uses " + r.choice(PLACES) + " every day.")
        elif form == 9:
            c.add("my name is "); c.pii("name", r.choice([f for f in FIRST if f.isascii()]).lower()); c.add(" and i am fed up.")
        elif form == 10:
            c.add("Signed, "); c.pii("name", full_name(r))
        elif form == 11:
            c.add("Dr "); c.pii("name", r.choice(FIRST)[0] + ". " + r.choice(SURNAMES)); c.add(" at the surgery was very kind.")
        elif form == 12:
            c.add("Name: "); c.pii("name", full_name(r)); c.add(r.choice(["\n", ".", ","]))
        elif form == 13:
            c.add("Mr and Mrs "); c.pii("name", r.choice(SURNAMES)); c.add(" at the end of the road agree with me.")
        else:
            c.add("I spoke to " + r.choice(["Cllr", "Councillor"]) + " "); c.pii("name", r.choice(SURNAMES)); c.add(" about it last week.")
    elif kind == "email":
        c.add(r.choice(["Email me at ", "My email is ", "Contact: ", "Please reply to "])); c.pii("email", email_text(r)); c.add(r.choice([".", " if you want to talk.", " thanks"]))
    elif kind == "phone":
        c.add(r.choice(["Call me on ", "My number is ", "You can ring me on ", "Text ", "Tel: ", "Phone me - "])); c.pii("phone", phone_text(r)); c.add(r.choice([".", " any time.", " after 6pm.", ""]))
    elif kind == "postcode":
        c.add(r.choice(["I live at ", "My postcode is ", "We are in ", "Postcode "])); c.pii("postcode", postcode_text(r)); c.add(r.choice([".", ", near the park.", " and the bins are never emptied.", "!"]))
    elif kind == "nhs_number":
        c.add(r.choice(["My NHS number is ", "NHS no. ", "Patient number ", "My mum's NHS number: ", "The surgery has my number as "]))
        c.pii("nhs_number", nhs_text(r)); c.add(r.choice([".", " if you need it.", ", they lost my records."]))
    elif kind == "ni_number":
        c.add(r.choice(["My NI number is ", "National Insurance number ", "NI: ", "They asked for my NI number ("]))
        c.pii("ni_number", ni_text(r)); c.add(r.choice([".", " and still no reply.", ")."]))
    elif kind == "address":
        c.add(r.choice(["I live at ", "We're at ", "The damp is at ", "Come and see "])); c.pii("address", address_text(r))
        if r.random() < 0.3:
            c.add(", "); c.pii("postcode", postcode_text(r))
        c.add(r.choice([".", ", it has been months.", " if you don't believe me."]))


def add_out_of_scope(r, c):
    form = r.randrange(4)
    if form == 0:
        c.pii("name", r.choice(FIRST), in_scope=False); c.add(" at number " + str(r.randint(2, 90)) + " says the same.")
    elif form == 1:
        first = r.choice([f for f in FIRST if f.isascii()]).lower()
        c.add("email "); c.pii("email", f"{first} at gmail dot com", in_scope=False); c.add(".")
    elif form == 2:
        c.add("I live at "); c.pii("address", f"{r.randint(1, 99)} {r.choice(STREET_NAMES).lower()} {r.choice(['road', 'street', 'lane'])}", in_scope=False); c.add(".")
    else:
        c.add("I'm "); c.pii("name", full_name(r), in_scope=False); c.add(", a tenant of 20 years.")


# ---- hard negatives ---------------------------------------------------------------------------------------------

def add_negative(r, c):
    form = r.randrange(29)
    if form == 0:
        c.add("I've lived here since "); c.negative("year", str(r.randint(1960, 2025))); c.add(".")
    elif form == 1:
        c.add("The rent went up to "); c.negative("price", f"£{r.randint(1, 2)},{r.randint(100, 999)}"); c.add(" a month.")
    elif form == 2:
        c.add("A coffee costs "); c.negative("price", f"£{r.randint(2, 4)}.{r.randint(10, 99)}"); c.add(" now.")
    elif form == 3:
        c.add("The "); c.negative("bus", str(r.choice([7, 12, 42, 86, 101, 253]))); c.add(" bus never comes on time.")
    elif form == 4:
        c.add("A "); c.negative("flat white", "Flat white"); c.add(" at the café is the best thing in " + r.choice(WARDS) + ".")
    elif form == 5:
        c.add("Everyone in "); c.negative("outward code", outward(r)); c.add(" knows about it.")
    elif form == 6:
        c.add("My NHS number is "); c.negative("invalid NHS number", nhs_text(r, valid=False)); c.add(" but the app says it is wrong.")
    elif form == 7:
        c.add("They said my NI number "); c.negative("invalid NI number", ni_text(r, valid=False)); c.add(" was not valid.")
    elif form == 8:
        c.add("My complaint reference is "); c.negative("reference", nhs_digits(r)); c.add(".")
    elif form == 9:
        c.add("Order number "); c.negative("reference", "0" + "".join(str(r.randint(0, 9)) for _ in range(9))); c.add(" never arrived.")
    elif form == 10:
        c.add("There are "); c.negative("count", "2 Main"); c.add(" points I want to make.")
    elif form == 11:
        c.add("The meeting on "); c.negative("date", f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{r.randint(2019, 2025)}"); c.add(" at "); c.negative("time", f"{r.randint(1, 12)}:{r.choice(['00', '15', '30', '45'])}"); c.add(" was cancelled.")
    elif form == 12:
        c.add("I am "); c.negative("capitalised", r.choice(["Happy", "Disappointed", "Polish", "Disabled", "Furious"])); c.add(" about this.")
    elif form == 13:
        c.add("Honestly this is "); c.negative("capitalised", r.choice(["Ridiculous", "Unacceptable", "Brilliant"])); c.add(".")
    elif form == 14:
        c.add("Dear "); c.negative("capitalised", r.choice(["Sir or Madam", "Council", "Housing Team"])); c.add(", please read this.")
    elif form == 15:
        c.add("Please call me back on "); c.negative("day", r.choice(["Monday", "Friday"])); c.add(", not before.")
    elif form == 16:
        c.add("The shops on "); c.negative("street", f"{r.choice(STREET_NAMES)} {r.choice(STREET_WORDS)}"); c.add(" are closing one by one.")
    elif form == 17:
        c.add("The lift to the "); c.negative("ordinal", r.choice(["3rd", "2nd", "4th"])); c.add(" floor has been broken for "); c.negative("count", str(r.randint(2, 30))); c.add(" weeks.")
    elif form == 18:
        c.add("Up "); c.negative("percent", f"{r.randint(5, 60)}%"); c.add(" on last year, and "); c.negative("count", f"{r.randint(2, 9)} Big"); c.add(" Issues remain.")
    elif form == 19:
        c.add("Room "); c.negative("room", str(r.randint(100, 350))); c.add(" at the civic centre is too small for "); c.negative("count", f"{r.randint(20, 80)} people"); c.add(".")
    elif form == 20:
        c.add("This is "); c.negative("organisation", r.choice(["Harbourside Council's", "Dockside Homes'"])); c.add(" fault.")
    elif form == 22:
        c.negative("flat alone", "Flat " + str(r.randint(1, 40))); c.add(" upstairs has been empty for a year.")
    elif form == 23:
        c.add("In "); c.negative("year before street", f"{r.randint(2015, 2025)} {r.choice(STREET_NAMES)} {r.choice(STREET_WORDS)}"); c.add(" flooded again.")
    elif form == 24:
        c.add(r.choice(["I had to call NHS ", "They told me to ring NHS "])); c.negative("service number", "111"); c.add(" and waited hours.")
    elif form == 25:
        c.add("Since "); c.negative("covid", "Covid-19"); c.add(" the "); c.negative("ordinal", r.choice(["1st", "2nd", "3rd"])); c.add(" floor office at B&Q closed, and A&E is worse.")
    elif form == 26:
        c.add("I work "); c.negative("time range", r.choice(["9-5", "8-4", "10.30am-6pm"])); c.add(" so evening meetings suit me.")
    elif form == 27:
        c.add("My daughter is in "); c.negative("school year", f"Year {r.randint(1, 11)}"); c.add(" at the academy.")
    else:
        c.add("The "); c.negative("road", r.choice(["A1", "M6", "A38", "B1234"])); c.add(" is gridlocked every morning since "); c.negative("year", str(r.randint(2000, 2025))); c.add(".")


KIND_WEIGHTS = [("name", 26), ("phone", 18), ("email", 12), ("postcode", 14), ("address", 14), ("nhs_number", 8), ("ni_number", 8)]


def comment(r):
    c = Comment()
    sentences = [fill(r, r.choice(BASE)) for _ in range(r.choice([1, 2, 2, 3, 3, 4]))]
    extras = []
    if r.random() < 0.45:
        for _ in range(1 if r.random() < 0.8 else 2):
            kind = r.choices([k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS])[0]
            form = r.randrange(15) if kind == "name" else None
            if form in CLOSING_NAME_FORMS and any(e[0] == "pii" and e[1][1] in CLOSING_NAME_FORMS for e in extras):
                form = 0  # one sign-off per comment
            extras.append(("pii", (kind, form)))
    if r.random() < 0.40:
        for _ in range(1 if r.random() < 0.75 else 2):
            extras.append(("neg", None))
    if r.random() < 0.012:
        extras.append(("oos", None))
    if r.random() < 0.06:
        extras.append(("foreign", r.choice(FOREIGN)))
    items = [("base", s) for s in sentences] + extras
    r.shuffle(items)
    items.sort(key=lambda it: 1 if it[0] == "pii" and it[1][1] in CLOSING_NAME_FORMS else 0)  # sign-offs last
    for k, (what, value) in enumerate(items):
        if k:
            c.add(" " if r.random() < 0.93 else "\n")
        if what == "base" or what == "foreign":
            c.add(value)
        elif what == "pii":
            add_pii(r, c, *value)
        elif what == "neg":
            add_negative(r, c)
        else:
            add_out_of_scope(r, c)
    return c


def to_bytes(text, spans):
    """Adds UTF-8 byte offsets to spans that have character offsets."""
    prefix = [0]
    for ch in text:
        prefix.append(prefix[-1] + len(ch.encode("utf-8")))
    for s in spans:
        s["start"] = prefix[s["char_start"]]
        s["end"] = prefix[s["char_end"]]
    return spans


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    r = random.Random(args.seed)
    counts = {}
    words = 0
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(args.n):
            c = comment(r)
            text = c.text()
            words += len(text.split())
            for s in c.spans:
                counts[s["kind"]] = counts.get(s["kind"], 0) + 1
            f.write(json.dumps({"id": i, "text": text, "spans": to_bytes(text, c.spans), "negatives": to_bytes(text, c.negatives)},
                               ensure_ascii=False) + "\n")
    print(f"generated {args.n} comments (seed {args.seed}, mean {words / max(1, args.n):.1f} words) into {args.out}; "
          f"gold spans: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
