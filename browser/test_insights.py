"""Browser journeys for the insight store: a champion on a phone records what a resident said, sees what
redaction takes out before saving, and the saved page shows the redacted text; the list, search, filters and
bundle pages render accessibly. Every page is checked with axe-core (see conftest.py)."""
from __future__ import annotations

import random
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_PASSWORD, Browser

OFFICER_EMAIL = "officer@harbourside.example"
INSIGHT_PATH = re.compile(r"^/insights/([0-9A-Fa-f-]{36})$")


def h1_text(b: Browser) -> str:
    return b.find("main h1").text.strip()


def test_officer_on_a_phone_records_an_insight_and_sees_the_redaction_first(browser: Browser):
    b = browser
    b.driver.set_window_size(390, 844)  # a phone-sized window
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/insights/new", "capture form")
    assert h1_text(b) == "Record an insight"
    tag = f"{random.Random().randrange(100000):05d}"
    text = (f"My name is Joan Baker and the swings at Quayside park {tag} are broken. "
            "Ring me on 07700 900123 or write to joan.baker@example.com")
    b.fill("#f-text", text)
    Select(b.find("#f-place-id")).select_by_visible_text("Quayside")
    b.find("#f-text").click()
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form[contains(@class,'insight-form')]//button[@type='submit']"),
                     "redaction preview")
    preview = b.find("#redaction-preview")
    assert "Check what will be taken out" in preview.text
    shown = preview.find_element(By.CSS_SELECTOR, "blockquote").text
    assert "joan.baker@example.com" not in shown and "07700 900123" not in shown and "Joan Baker" not in shown
    assert f"park {tag}" in shown
    removed = [li.text for li in preview.find_elements(By.CSS_SELECTOR, "li")]
    assert any("joan.baker@example.com" in r for r in removed), removed
    # The text typed is still in the form, and saving now stores the redacted version.
    assert b.find("#f-text").get_attribute("value") == text
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form[contains(@class,'insight-form')]//button[@type='submit']"),
                     "insight saved")
    assert INSIGHT_PATH.match(b.path()), b.driver.current_url
    assert any("Insight saved" in n.text for n in b.find_all(".notice"))
    quote = b.find("main blockquote").text
    assert f"park {tag}" in quote and "joan.baker@example.com" not in quote
    # The original is there for the recording organisation, folded away.
    assert b.find_all("main details"), "the original text is offered to the recording organisation"


@pytest.mark.parametrize("path,heading", [
    ("/insights", "Insights"),
    ("/insights?q=mould&ward=", "Insights"),
    ("/insights/bundles", "Insight bundles"),
])
def test_insight_pages_render_accessibly(browser: Browser, path: str, heading: str):
    b = browser
    b.sign_in()
    b.visit(path)
    assert h1_text(b) == heading
    if path.startswith("/insights?q="):
        assert "mould" in b.find("main").text.lower()


def test_search_then_save_the_search_as_a_bundle(browser: Browser):
    b = browser
    b.sign_in()
    b.visit("/insights?q=bus", "search")
    summary = b.find(".pager-summary").text
    assert not summary.startswith("Showing 0"), summary
    title = f"Bus comments {random.Random().randrange(100000):05d}"
    b.fill("main form[action='/insights/bundles'] input[name='title']", title)
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form[@action='/insights/bundles']//button"), "bundle saved")
    assert h1_text(b) == title
    assert "match it today" in b.find("main .lead").text
