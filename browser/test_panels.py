"""Citizens' panels in the browser. A resident on a phone, with the keyboard, in English and in Urdu: opens the panel
from the list, is asked to sign in and comes back with the emailed code, answers the profile questions, types the
household code from a letter (read from the demo's drawn households, as the letter would show it), joins, then leaves.
Staff: the demo's draft selection that cannot be met names the target to change; a new selection is made, published
and drawn with a seed; its public audit page, read signed out, shows the SHA-256 of the files it links and the seed,
and the panel drawn meets every target. Every page load is checked with axe-core (conftest.py).

The residents' words checked are read from the panels catalogue (Sources/Chorus/Shared/I18n/Catalogue+Panels.swift)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sqlite3
import uuid
from pathlib import Path

import requests
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import Browser, REPO_ROOT, catalogue_table
from test_residents import (
    ask_for_code,
    button_saying,
    check_fits_phone,
    check_language,
    emailed,
    h1_text,
    id_is,
    press_and_wait,
    switch_to_urdu,
    tab_to,
    type_keys,
)
from test_residents import strings as resident_strings

PANELS_CATALOGUE = REPO_ROOT / "Sources" / "Chorus" / "Shared" / "I18n" / "Catalogue+Panels.swift"
PANEL = "Harbourside Residents' Panel"
QUESTIONS = ["age_band", "sex", "ethnic_group", "disability"]


def panel_strings(lang: str) -> dict[str, str]:
    """The panels catalogue table for `lang` ("en" or "ur"), read from its Swift source."""
    return catalogue_table(PANELS_CATALOGUE, {"en": "panelsEnglish", "ur": "panelsUrdu"}[lang], "panels.join")


def query(db: Path, sql: str, *args):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        return conn.execute(sql, args).fetchall()


def unused_letter_code(db: Path) -> str:
    rows = query(
        db,
        "SELECT code FROM panel_households WHERE lottery_id IS NOT NULL AND id NOT IN"
        " (SELECT household_id FROM panel_members WHERE household_id IS NOT NULL) ORDER BY position LIMIT 1",
    )
    assert rows, "the demo has no drawn household left whose code is unused"
    return rows[0][0]


def test_a_resident_joins_the_panel_with_a_letters_code_on_a_phone_and_leaves(browser: Browser, server_db: Path):
    for lang in ["en", "ur"]:
        join_in(browser, server_db, lang)


def join_in(b: Browser, db: Path, lang: str) -> None:
    t, tr = panel_strings(lang), resident_strings(lang)
    b.driver.delete_all_cookies()
    b.driver.set_window_size(390, 844)
    address = f"panel-{lang}-{uuid.uuid4().hex[:10]}@example.org"
    b.visit("/panel", f"panels ({lang})")
    if lang == "ur":
        switch_to_urdu(b)
    check_language(b, lang)
    assert h1_text(b) == t["panels.title"]
    check_fits_phone(b)
    link = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == PANEL, "the panel")
    panel_path = link.get_attribute("href").split("//", 1)[1].split("/", 1)[1]
    press_and_wait(b, Keys.ENTER, link, f"sign in to join ({lang})")
    assert b.path() == "/my-account/sign-in", b.driver.current_url
    ask_for_code(b, address, tr, lang)
    code, _ = emailed(db, address)
    field = tab_to(b, id_is("f-code"), "the sign-in code field")
    type_keys(b, code)
    press_and_wait(b, Keys.ENTER, field, f"the join form ({lang})")
    assert b.path() == "/" + panel_path, b.driver.current_url
    assert h1_text(b) == PANEL  # staff's words; the page around them is in the resident's language
    assert b.html_attrs() == ((lang, "rtl") if lang == "ur" else (lang, "ltr")), b.html_attrs()
    assert t["panels.why_questions"] in b.find("main").text
    check_fits_phone(b)

    # The questions, the ward, a letter's code typed loosely, the consent; all by keyboard.
    for key in QUESTIONS + ["ward"]:
        select = tab_to(b, id_is("f-" + key.replace("_", "-")), key)
        assert t[f"panels.q.{key}"] in b.find(f"label[for='{select.get_attribute('id')}']").text
        type_keys(b, Keys.ARROW_DOWN)  # the first answer after the empty one
        assert Select(select).first_selected_option.get_attribute("value") != "", key
    letter = unused_letter_code(db)
    tab_to(b, id_is("f-code"), "the household code field")
    type_keys(b, letter.lower().replace("-", " "))
    consent = tab_to(b, id_is("f-consent"), "the consent")
    type_keys(b, Keys.SPACE)
    assert consent.is_selected()
    join = tab_to(b, button_saying(t["panels.join"]), "Join")
    press_and_wait(b, Keys.ENTER, join, f"joined ({lang})")
    assert t["panels.joined"] in b.find("main").text, b.find("main").text
    rows = query(
        db,
        "SELECT m.consent_wording FROM panel_members m JOIN residents r ON r.id = m.resident_id JOIN panel_households h"
        " ON h.id = m.household_id WHERE r.email = ? AND h.code = ?",
        address,
        letter,
    )
    assert rows and rows[0][0] == t["panels.consent.v1"], rows

    # Leaving deletes the profile.
    leave = tab_to(b, button_saying(t["panels.leave"]), "Leave")
    press_and_wait(b, Keys.ENTER, leave, f"left ({lang})")
    assert h1_text(b) == t["panels.left_title"]
    assert not query(db, "SELECT 1 FROM panel_members m JOIN residents r ON r.id = m.resident_id WHERE r.email = ?", address)


def test_staff_run_a_selection_and_anyone_checks_it_on_the_audit_page(browser: Browser, server_db: Path):
    b = browser
    b.sign_in("officer@harbourside.example")
    b.visit("/panels", "panels")
    b.click_and_wait(b.driver.find_element("link text", PANEL), "the panel")
    panel_url = b.driver.current_url

    # The demo's draft for young people cannot be met: the page names the target to change.
    b.click_and_wait(b.driver.find_element("link text", "Young people's panel on youth services"), "infeasible draft")
    text = b.find("main").text
    assert "No panel can meet every target" in text and "age_band 16_24" in text, text

    # A new selection, published and drawn.
    b.driver.get(panel_url)
    b.loaded("the panel again")
    b.fill("#f-title", "Harbourside Climate Assembly")
    b.fill("#f-panel-size", "20")
    b.fill("#f-targets", "sex,female,9,11\nsex,male,9,11\nage_band,65_74,2,6")
    b.find("#f-ward-targets").click()
    b.click_and_wait(b.find("#selections ~ form button[type=submit]"), "the new selection")
    assert "A panel meeting every target can be drawn" in b.find("main").text, b.find("main").text
    b.click_and_wait(b.driver.find_element("xpath", "//button[normalize-space()='Publish the pool and targets']"), "published")
    b.fill("#f-seed", "4242")
    b.click_and_wait(b.driver.find_element("xpath", "//button[normalize-space()='Run the draw']"), "drawn")
    assert "Drawn with seed 4242" in b.find("main").text
    audit_href = b.driver.find_element("link text", "The public audit page").get_attribute("href")

    # Signed out, anyone reads the audit page and checks the files against the published SHA-256.
    b.driver.delete_all_cookies()
    b.driver.get(audit_href)
    b.loaded("the audit page")
    page = b.find("main").text
    assert "4242" in page
    files = {}
    for name in ["categories.csv", "respondents.csv"]:
        res = requests.get(audit_href + "/" + name, timeout=30)
        assert res.status_code == 200
        files[name] = res.text
        assert hashlib.sha256(res.content).hexdigest() in page, name
    picked = re.findall(r"V\d{4}", page.split("Picked (by pseudonym)")[1].split("\n")[1])
    assert len(picked) == 20, page
    # The panel drawn meets every published target.
    targets = list(csv.DictReader(io.StringIO(files["categories.csv"])))
    people = {row["id"]: row for row in csv.DictReader(io.StringIO(files["respondents.csv"]))}
    for q in targets:
        n = sum(1 for v in picked if people[v][q["category"]] == q["feature"])
        assert int(q["min"]) <= n <= int(q["max"]), (q, n)
