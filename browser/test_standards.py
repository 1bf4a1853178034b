"""Quality standards in the browser: an officer starts a "how are we doing?" self-assessment, rates every standard with
the keyboard, keeping Chorus's own figures as evidence where it has them, and sends it for moderation; the partnership
admin challenges one rating, upholds it, agrees the assessment and adds an action for a gap; the printable report
shows the levels, the challenge and the action; the officer finds the action in "My actions". Every page load is
checked with axe-core (conftest.py)."""

from __future__ import annotations

import datetime as dt
import time
import uuid

import requests

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import Browser
from test_register import set_date
from test_residents import active, check_fits_phone, check_language, h1_text, id_is, press_and_wait, switch_to_urdu, tab_to, type_keys

OFFICER = "officer@harbourside.example"
STANDARDS = ["inclusion", "support", "planning", "working-together", "methods", "communication", "impact"]


def section(b: Browser, key: str):
    return b.find(f"#standard-{key}")


def test_an_officer_rates_every_standard_with_evidence_and_the_agreed_assessment_has_a_report_and_an_action(browser: Browser):
    b = browser
    b.driver.delete_all_cookies()
    b.driver.set_window_size(1280, 900)
    b.sign_in(OFFICER)
    title = f"Browser self-assessment {uuid.uuid4().hex[:6]}"
    today = dt.date.today()

    b.visit("/standards", "standards")
    assert h1_text(b) == "Quality standards"
    b.fill("#f-title", title)
    set_date(b, "#f-period-from", today - dt.timedelta(days=365))
    set_date(b, "#f-period-to", today)
    b.click_and_wait(b.find("form[action='/standards/assessments'] button"), "assessment started")
    assert h1_text(b) == title
    assessment = b.path()

    # Chorus's figures are offered under every standard it can count (all but Support).
    for key in STANDARDS:
        text = section(b, key).text
        if key == "support":
            assert "Chorus holds no figure for this standard" in text
        else:
            assert "How this is counted" in text and ("%)." in text or "Nothing to count" in text), key

    # Rate each standard with the keyboard: the level by arrow keys, evidence typed, the figures ticked, Enter to save.
    for key in STANDARDS:
        first = b.find(f"#f-level-{key}")
        first.send_keys(Keys.SPACE)  # Emerging
        if key != "inclusion":
            type_keys(b, Keys.ARROW_DOWN)  # Aspiring
        assert active(b).get_attribute("value") == ("emerging" if key == "inclusion" else "aspiring")
        b.find(f"#f-evidence-{key}").send_keys(f"What we saw for {key}, agreed at the leads' meeting.")
        boxes = b.find_all(f"#f-include-figures-{key}")
        if boxes and not boxes[0].is_selected():
            boxes[0].send_keys(Keys.SPACE)
        button = section(b, key).find_element(By.CSS_SELECTOR, "form button")
        button.send_keys(Keys.ENTER)
        b.wait_gone(button)
        b.loaded(f"{key} rated")
        assert "Rated by" in section(b, key).text, key
    assert "Chorus's figures, as kept" in section(b, "working-together").text

    b.click_and_wait(b.find("form[action$='/moderation'] button"), "sent for moderation")
    assert "In moderation" in b.find("main dl").text

    # The partnership admin, a second reviewer, challenges Planning, upholds it and agrees.
    b.driver.delete_all_cookies()
    b.sign_in()
    b.visit(assessment + "#challenge", "assessment as admin")
    b.find("#f-standard-key").send_keys("Planning")
    b.find("label[for='f-proposed-level']").click()  # Emerging
    b.fill("#f-reason", "Two plans were signed off after their activity began.")
    b.click_and_wait(b.find("form[action$='/challenges'] button"), "challenge recorded")
    assert "Two plans were signed off after their activity began." in b.find("#moderation").text
    resolve = b.find("form[action^='/standards/challenges/']")
    resolve.find_element(By.CSS_SELECTOR, "select").send_keys("Uphold")
    b.click_and_wait(resolve.find_element(By.CSS_SELECTOR, "button"), "challenge upheld")
    b.click_and_wait(b.find("form[action$='/agree'] button"), "agreed")
    assert "Agreed" in b.find("main dl").text
    assert "Planning" in b.find("#action-plan").text

    b.find("#f-action-standard").send_keys("Planning")
    b.fill("#f-title", "Sign off every plan before its activity starts")
    b.find("#f-owner-id").send_keys("Olu")
    set_date(b, "#f-due-on", today + dt.timedelta(days=90))
    b.click_and_wait(b.find("form[action$='/actions'] button"), "action added")
    assert "Sign off every plan before its activity starts" in b.find("#action-plan").text

    # The report for scrutiny: levels (chart and table), the challenge and the action, no forms.
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "Printable report"), "report")
    report = b.find("main").text
    assert title in report and "Emerging" in report and "Aspiring" in report
    assert b.find_all("svg#levels-chart") and not b.find_all("main form")
    assert "Upheld" in report and "Sign off every plan before its activity starts" in report

    # The officer finds the action in My actions, beside decision spaces' actions.
    b.driver.delete_all_cookies()
    b.sign_in(OFFICER)
    b.visit("/actions/mine", "my actions")
    assert "Sign off every plan before its activity starts" in b.find("main").text
    assert f"Action plan: {title}" in b.find("main").text


def activity_links(b: Browser, query: str) -> list[str]:
    b.visit("/activities" + query, "register")
    paths = []
    for a in b.find_all("main table a[href*='/activities/']"):
        path = requests.utils.urlparse(a.get_attribute("href")).path
        if path.count("/") == 2:
            paths.append(path)
    return paths


def test_an_officer_evaluates_a_closed_activity_and_the_advisor_shows_that_lesson_on_a_similar_new_activity(browser: Browser):
    """The register's closed activities are walked until one the officer may evaluate has no evaluation yet; after the
    evaluation, the open ones are walked until the planning advisor offers that lesson."""
    b = browser
    b.driver.delete_all_cookies()
    b.driver.set_window_size(1280, 900)
    b.sign_in(OFFICER)
    chosen = None
    for path in activity_links(b, "?status=closed"):
        b.visit(path, "closed activity")
        links = b.find("#evaluation").find_elements(By.LINK_TEXT, "Evaluate this activity")
        if links:
            chosen = (path, links[0])
            break
    assert chosen, "a closed council activity not yet evaluated"
    path, link = chosen
    b.click_and_wait(link, "evaluation form")
    assert h1_text(b) == "Evaluate this activity"

    # Nothing filled in: the error summary names each field and takes the keyboard to the first.
    b.click_and_wait(b.find("main form button"), "evaluation with errors")
    summary = b.find(".error-summary").text
    for message in ["Did we reach who we meant to", "Enter what worked", "Enter what went wrong"]:
        assert message.lower() in summary.lower(), summary

    lesson = f"Meet parents at the school gates ({uuid.uuid4().hex[:6]})"
    b.find("#f-reached-2").send_keys(Keys.SPACE)  # Partly
    b.fill("#f-what-worked", "Short questions on paper at the library.")
    b.fill("#f-what-went-wrong", "Few parents of young children took part.")
    b.fill("#f-do-differently", lesson)
    b.fill("#f-cost", "900")
    button = b.find("main form button")
    button.send_keys(Keys.ENTER)
    b.wait_gone(button)
    b.loaded("evaluation saved")
    assert b.path() == path
    assert lesson in b.find("#evaluation").text

    # The lesson is in the lessons list, and the advisor offers it on a similar activity still to run.
    b.visit("/lessons?q=" + lesson.split("(")[1].rstrip(")"), "lessons")
    assert lesson in b.find("main").text
    found = False
    for other in activity_links(b, "?status=open") + activity_links(b, "?status=planned"):
        if other == path:
            continue
        b.visit(other + "/plan/advisor/summary", "advisor summary")
        if lesson in b.find("#lessons").text:
            found = True
            break
    assert found, "the planning advisor of a similar activity offers the lesson"


def a_closed_public_activity(db) -> str:
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        row = conn.execute(
            "SELECT id FROM activities WHERE is_public = 1 AND status IN ('closed', 'reported') ORDER BY title LIMIT 1"
        ).fetchone()
    assert row, "the demo has a closed public activity"
    value = row[0]
    return str(uuid.UUID(bytes=value)).upper() if isinstance(value, bytes) else str(value).upper()


def test_a_resident_on_a_phone_says_how_taking_part_felt_in_urdu_with_the_keyboard(browser: Browser, server_db):
    b = browser
    b.driver.delete_all_cookies()
    b.driver.set_window_size(390, 844)
    path = f"/whats-on/{a_closed_public_activity(server_db)}/how-was-it"
    b.visit(path, "how was it")
    switch_to_urdu(b)
    check_fits_phone(b)
    # Sent empty (after the bot check's few seconds): the error summary names both questions.
    time.sleep(3.2)
    send = b.find("main form button")
    send.send_keys(Keys.ENTER)
    b.wait_gone(send)
    b.loaded("how was it, errors")
    assert len(b.find_all(".error-summary li")) == 2
    tab_to(b, id_is("f-listened"), "the first answer")
    type_keys(b, Keys.SPACE)
    tab_to(b, id_is("f-ease"), "the ease question")
    type_keys(b, Keys.SPACE)
    tab_to(b, id_is("f-comment"), "the comment")
    type_keys(b, "بہت اچھا")
    time.sleep(3.2)  # the form was served again with the errors: a new bot-check stamp
    send = tab_to(b, lambda el: el.tag_name == "button" and el.get_attribute("type") == "submit" and el.text.strip() != "", "send")
    press_and_wait(b, Keys.ENTER, send, "sent")
    assert b.find("main [role=status]").text
    check_language(b, "ur")
