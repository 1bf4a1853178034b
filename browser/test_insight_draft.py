"""Browser journey: the insight form's draft (kept while typing, so a lost connection does not lose the text) never
outlives what it is for. Once the insight is saved the next form is empty and no draft is kept; a draft left in
localStorage by an older version is removed; signing out clears any draft. Every page is checked with axe-core."""
from __future__ import annotations

import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ADMIN_PASSWORD, Browser

OFFICER_EMAIL = "officer@harbourside.example"
KEY = "chorus-insight-draft"
SUBMIT = "//main//form[contains(@class,'insight-form')]//button[@type='submit']"


def stored(b: Browser) -> dict[str, str | None]:
    return b.driver.execute_script(
        "return {local: localStorage.getItem(arguments[0]), session: sessionStorage.getItem(arguments[0])}", KEY)


def wait_for_draft(b: Browser, needle: str) -> None:
    WebDriverWait(b.driver, 5).until(lambda d: needle in (stored(b)["session"] or ""))


def test_a_saved_insight_leaves_no_draft_and_the_next_form_is_empty(browser: Browser):
    b = browser
    tag = f"{random.Random().randrange(100000):05d}"
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/insights/new", "capture form")
    # A draft an older version kept in localStorage (it outlived the session on shared computers).
    b.driver.execute_script("localStorage.setItem(arguments[0], arguments[1])", KEY, '{"text":"old draft"}')
    text = f"Damp in the back bedroom again {tag}, ring me on 07700 900123"
    b.fill("#f-text", text)
    b.fill("#f-postcode", "HS1 3AB")
    wait_for_draft(b, tag)
    draft = stored(b)
    assert "07700 900123" in draft["session"], "while typing, the draft is kept for this tab's session"
    b.click_and_wait(b.driver.find_element(By.XPATH, SUBMIT), "redaction preview")
    assert "Check what will be taken out" in b.find("#redaction-preview").text
    b.click_and_wait(b.driver.find_element(By.XPATH, SUBMIT), "insight saved")
    assert any("Insight saved" in n.text for n in b.find_all(".notice"))
    WebDriverWait(b.driver, 5).until(lambda d: stored(b) == {"local": None, "session": None})

    b.visit("/insights/new", "the next capture form")
    assert b.find("#f-text").get_attribute("value") == ""
    assert b.find("#f-postcode").get_attribute("value") == ""
    assert b.find("#f-activity").get_attribute("value") == ""
    assert not b.find("#draft-restored").is_displayed(), "nothing is restored"
    assert stored(b) == {"local": None, "session": None}


def test_signing_out_clears_the_draft(browser: Browser):
    b = browser
    tag = f"{random.Random().randrange(100000):05d}"
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/insights/new", "capture form")
    b.fill("#f-text", f"The lifts at Marsh House are out again {tag}")
    wait_for_draft(b, tag)
    # A draft survives a reload of the form (what it is for) ...
    b.visit("/insights/new", "capture form reloaded")
    assert tag in b.find("#f-text").get_attribute("value")
    assert b.find("#draft-restored").is_displayed()
    # ... but not signing out.
    sign_out = b.driver.find_element(By.XPATH, "//form[@action='/sign-out']//button")
    b.click_and_wait(sign_out, "signed out")
    assert b.path() == "/sign-in"
    assert stored(b) == {"local": None, "session": None}
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/insights/new", "capture form after signing in again")
    assert b.find("#f-text").get_attribute("value") == ""
    assert not b.find("#draft-restored").is_displayed()
