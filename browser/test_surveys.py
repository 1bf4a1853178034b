"""Surveys (issue 21) in the browser. An officer builds a three-page survey with a skip (the "No" answer on page 1
skips page 2) through the forms and publishes it. A resident on a phone, with the keyboard only, in English and in
Urdu: meets the error summary, answers, is skipped past page 2, saves and comes back in a fresh browser with the
resume code, checks the answers and sends them. Every page load is checked with axe-core (conftest.py).

The resident's words checked are read from the surveys' catalogue (Sources/Chorus/Shared/I18n/Catalogue+Surveys.swift).
"""
from __future__ import annotations

import json
import re
import time
import sqlite3
from pathlib import Path

import requests
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD, Browser, REPO_ROOT, catalogue_table
from test_residents import (
    BOT_CHECK_SECONDS,
    a_ward_postcode,
    active,
    button_saying,
    check_fits_phone,
    check_language,
    h1_text,
    id_is,
    press_and_wait,
    switch_to_urdu,
    tab_to,
    type_keys,
)

CATALOGUE = REPO_ROOT / "Sources" / "Chorus" / "Shared" / "I18n" / "Catalogue+Surveys.swift"
CSRF = re.compile(r'name="_csrf" type="hidden" value="([^"]+)"')

DEFINITION = {
    "pages": [
        {
            "id": "p1",
            "questions": [
                {"id": "q1", "kind": "single_choice", "text": "Do you use the library?", "required": True, "options": ["Yes", "No"]},
                {"id": "q2", "kind": "long_text", "text": "What would make it better?"},
            ],
            "skips": [{"when": {"question": "q1", "test": "equals", "values": ["No"]}, "toPage": "p3"}],
        },
        {
            "id": "p2",
            "title": "Using the library",
            "questions": [
                {"id": "q3", "kind": "multiple_choice", "text": "Which services do you use?", "options": ["Books", "Computers", "Events"]},
            ],
        },
        {
            "id": "p3",
            "title": "About you",
            "questions": [
                {"id": "q5", "kind": "ward", "text": "Your postcode or ward"},
                {"id": "q6", "kind": "number", "text": "How many people live in your home?", "minValue": 1, "maxValue": 20},
            ],
        },
    ]
}


def strings(lang: str) -> dict[str, str]:
    """The surveys' catalogue table for `lang`, read from its Swift source."""
    return catalogue_table(CATALOGUE, {"en": "surveysEnglishPages", "ur": "surveysUrdu"}[lang], "survey.start_now")


def publish_over_http(server: str, title: str) -> str:
    """Signs in as the demo's admin with plain HTTP, makes the survey for the first activity offered, imports the
    definition and publishes; returns the survey's id."""
    http = requests.Session()

    def csrf(path: str) -> str:
        page = http.get(server + path, timeout=30)
        assert page.status_code == 200, (path, page.status_code)
        return CSRF.search(page.text).group(1)

    res = http.post(server + "/sign-in", data={"_csrf": csrf("/sign-in"), "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}, timeout=30)
    assert res.ok, res.status_code
    form = http.get(server + "/surveys/new", timeout=30).text
    token = CSRF.search(form).group(1)
    activity = re.search(r'<select[^>]*name="activity_id"[^>]*>.*?<option value="([0-9A-F-]{36})"', form, re.S).group(1)
    made = http.post(
        server + "/surveys/new",
        data={"_csrf": token, "activity_id": activity, "title": title, "intro": "Tell us about the library.", "response_mode": "either"},
        allow_redirects=False,
        timeout=30,
    )
    assert made.status_code == 303, made.text[:2000]
    path = made.headers["Location"]
    token = csrf(path)
    assert http.post(server + path + "/definition", data={"_csrf": token, "definition": json.dumps(DEFINITION)}, allow_redirects=False, timeout=30).status_code == 303
    assert http.post(server + path + "/publish", data={"_csrf": token}, allow_redirects=False, timeout=30).status_code == 303
    return path.rsplit("/", 1)[1]


def test_an_officer_builds_and_publishes_a_survey(browser: Browser):
    """The builder's forms: a new survey for an activity, a question added, a broken condition refused with its
    reason, the definition imported, published; the preview shows every page."""
    b = browser
    b.sign_in()
    b.visit("/surveys/new", "new survey")
    Select(b.find("#f-activity-id")).select_by_index(1)
    b.fill("#f-title", "Library survey (built in the browser)")
    b.fill("#f-intro", "Tell us about the library.")
    b.click_and_wait(b.find("main form button[type=submit]"), "survey made")
    assert re.fullmatch(r"/surveys/[0-9A-F-]{36}", b.path()), b.driver.current_url
    survey = b.path()

    # A condition on a free-text answer is refused, naming the question.
    Select(b.find("#f-kind")).select_by_value("short_text")
    b.fill("#f-text", "Anything else?")
    b.fill("#f-show-if-question", "q1")
    Select(b.find("#f-show-if-test")).select_by_value("equals")
    b.fill("#f-show-if-values", "Yes")
    b.click_and_wait(b.find("form[action$='/questions'] button[type=submit]"), "condition refused")
    assert "whose answer is free text" in b.find(".error-summary").text

    b.visit(survey, "survey again")
    b.fill("#f-definition", json.dumps(DEFINITION))
    b.click_and_wait(b.find("form[action$='/definition'] button[type=submit]"), "definition imported")
    assert "Definition imported" in b.find("main").text
    b.click_and_wait(b.find("form[action$='/publish'] button[type=submit]"), "published")
    assert "Survey published" in b.find("main").text
    b.visit(survey + "/preview", "preview")
    assert "Page 3 of 3" in b.find("main").text

    # Edit a question in place and move one: the id stays, so the skip that names q1 keeps working.
    b.visit(survey + "/questions/q1", "edit question")
    assert b.find("#f-text").get_attribute("value") == "Do you use the library?"
    b.fill("#f-text", "Have you used the library this year?")
    b.click_and_wait(b.find("main form button[type=submit]"), "question saved")
    assert "Question saved" in b.find("main").text and "Have you used the library this year?" in b.find("main").text
    b.click_and_wait(b.find("form[action$='/questions/q2/move'] input[value=down] ~ button"), "question moved")
    assert "Question moved" in b.find("main").text

    # Translate every text into Urdu beside the English; the preview in Urdu then shows it, marked right to left.
    b.visit(survey + "/translations/ur", "translate into Urdu")
    boxes = b.driver.find_elements("css selector", "main form input[lang=ur], main form textarea[lang=ur]")
    assert boxes and all(box.get_attribute("dir") == "rtl" for box in boxes)
    for box in boxes:
        source = b.find("#" + box.get_attribute("id") + "-source").text
        box.send_keys("اردو " + source)
    b.click_and_wait(b.find("main form button[type=submit]"), "translation saved")
    assert "Translation saved" in b.find("main").text
    assert f"{len(boxes)} of {len(boxes)} (shown to residents)" in b.find("main").text
    b.visit(survey + "/preview?lang=ur", "preview in Urdu")
    assert "اردو Have you used the library this year?" in b.find("main").text
    assert b.driver.find_elements("css selector", "main span[lang=ur][dir=rtl]")


def test_a_resident_answers_on_a_phone_with_the_keyboard(browser: Browser, server: str, server_db: Path):
    for lang in ["en", "ur"]:
        answer_in(browser, server, server_db, lang)


def answer_in(b: Browser, server: str, server_db: Path, lang: str) -> None:
    t = strings(lang)
    # A survey is in the language its staff wrote it in (translations of its questions are not built yet): the Urdu
    # run uses a survey titled in Urdu, and Chorus's own words around it come from the catalogue.
    survey = publish_over_http(server, "لائبریری کا سروے" if lang == "ur" else "Library survey (en)")
    b.driver.delete_all_cookies()
    b.driver.set_window_size(390, 844)
    start = f"/have-your-say/{survey}"
    b.visit(start, f"survey start ({lang})")
    if lang == "ur":
        switch_to_urdu(b)
    check_language(b, lang)
    check_fits_phone(b)
    button = tab_to(b, button_saying(t["survey.start_now"]), "Start now")
    press_and_wait(b, Keys.ENTER, button, f"page 1 ({lang})")
    assert b.path() == f"{start}/page/1", b.driver.current_url
    assert t["survey.page_of"].replace("{1}", "1").replace("{2}", "3") in b.find("main").text

    # Continue with nothing: the error summary takes focus and links to the question.
    button = tab_to(b, button_saying(t["survey.continue"]), "Continue")
    press_and_wait(b, Keys.ENTER, button, f"page 1 with an error ({lang})")
    assert "error-summary" in (active(b).get_attribute("class") or "")
    link = tab_to(b, lambda el: el.tag_name == "a", "the error summary's link", limit=1)
    assert (link.get_attribute("href") or "").endswith("#f-q-q1")
    check_language(b, lang)

    # "No" (the second answer: Tab reaches the group, the arrow key chooses), a comment, and on: page 2 is skipped.
    tab_to(b, id_is("f-q-q1"), "the first answer")
    type_keys(b, Keys.ARROW_DOWN)
    assert b.find("#f-q-q1-2").is_selected()
    tab_to(b, id_is("f-q-q2"), "the comment box")
    type_keys(b, "Longer opening hours, please")
    button = tab_to(b, button_saying(t["survey.continue"]), "Continue")
    press_and_wait(b, Keys.ENTER, button, f"page 3 ({lang})")
    assert b.path() == f"{start}/page/3", b.driver.current_url
    assert t["survey.page_of"].replace("{1}", "2").replace("{2}", "2") in b.find("main").text
    check_fits_phone(b)

    postcode, _, ward = a_ward_postcode(server_db)
    tab_to(b, id_is("f-q-q5"), "the postcode box")
    type_keys(b, postcode)
    tab_to(b, id_is("f-q-q6"), "the number box")
    type_keys(b, "3")
    button = tab_to(b, button_saying(t["survey.save_later"]), "Save and come back later")
    press_and_wait(b, Keys.ENTER, button, f"saved ({lang})")
    assert h1_text(b) == t["survey.saved_title"]
    code = b.find("#resume-code").text.strip()
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", code), code

    # A fresh browser (no cookies): back with the code.
    b.driver.delete_all_cookies()
    b.visit(f"{start}/resume", f"resume ({lang})")
    if lang == "ur":
        switch_to_urdu(b)
    field = tab_to(b, id_is("f-code"), "the code box")
    time.sleep(BOT_CHECK_SECONDS)  # the resume form refuses what comes back faster than a person types a code
    type_keys(b, code.lower())
    press_and_wait(b, Keys.ENTER, field, f"check your answers ({lang})")
    assert b.path() == f"{start}/check", b.driver.current_url
    assert h1_text(b) == t["survey.check_title"]
    text = b.find("main").text
    assert "Longer opening hours, please" in text and ward in text and "Which services" not in text, text
    check_language(b, lang)
    check_fits_phone(b)
    button = tab_to(b, button_saying(t["survey.submit"]), "Send my answers")
    press_and_wait(b, Keys.ENTER, button, f"sent ({lang})")
    assert h1_text(b) == t["survey.done_title"]
    reference = b.find("main strong.reference").text.strip()
    assert re.fullmatch(r"S-[0-9A-Z]{4}-[0-9A-Z]{4}", reference), reference

    with sqlite3.connect(f"file:{server_db}?mode=ro", uri=True, timeout=10) as conn:
        status, answers = conn.execute("SELECT status, answers FROM survey_responses WHERE reference = ?", (reference,)).fetchone()
        insights = conn.execute("SELECT count(*) FROM insights WHERE source_ref = ?", (f"survey:{reference}:q2",)).fetchone()[0]
    assert status == "submitted" and json.loads(answers)["q1"] == ["No"], answers
    assert insights == 1, "the comment is an insight"
