"""Browser journeys for engagement planning: an officer walks the ladder-of-engagement advisor with the keyboard
only (Space to choose, Enter to continue), sees the recommendation with its reasons beside the activity's level, the
edit page is folded into steps that open from the keyboard, and the plan pages render accessibly (axe-core on every
page, see conftest.py)."""
from __future__ import annotations

from urllib.parse import urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ADMIN_PASSWORD, Browser

OFFICER_EMAIL = "officer@harbourside.example"
COUNCIL = "Harbourside Borough Council"


def council_activity(b: Browser) -> str:
    """The path of a planned council activity (the officer's organisation), found through the register's filters."""
    b.visit("/activities?status=planned", "planned activities")
    for row in b.find_all("main table tbody tr"):
        if COUNCIL in row.text:
            return urlparse(row.find_element(By.CSS_SELECTOR, "a").get_attribute("href")).path
    raise AssertionError("no planned council activity in the demo")


def press_enter_and_wait(b: Browser, element, label: str) -> None:
    element.send_keys(Keys.ENTER)
    b.wait_gone(element)
    b.loaded(label)


def test_officer_walks_the_advisor_with_the_keyboard_only(browser: Browser):
    b = browser
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    activity_path = council_activity(b)
    b.visit(activity_path + "/plan", "plan page")
    assert b.find("main h1").text == "Engagement plan"
    b.visit(activity_path + "/plan/advisor/decision_flexibility", "question 1")
    for n in range(1, 10):
        assert f"Question {n} of 9" in b.find("main .caption").text
        first = b.find("main fieldset input")
        first.send_keys(Keys.SPACE)          # choose with the keyboard
        assert first.is_selected(), f"question {n}: Space did not choose the first option"
        button = b.find("main form button[type=submit]")
        press_enter_and_wait(b, button, f"after question {n}")
    heading = b.find("main h1").text
    assert heading.startswith("Recommended level:"), heading
    assert b.find_all("main ol.reasons li"), "the reasons are listed"
    assert "promises residents" in b.find("main").text
    # The activity's level and the advisor's recommendation are said together, never contradicting unseen.
    assert b.find("#level-sentence").text.startswith("The activity says"), b.find("#level-sentence").text
    # Confirm the recommended level with the keyboard.
    recommended = b.driver.find_element(
        By.XPATH, "//main//form[contains(@action,'/plan/level')]//label[contains(., 'recommended')]")
    radio = b.driver.find_element(By.ID, recommended.get_attribute("for"))
    radio.send_keys(Keys.SPACE)
    assert radio.is_selected(), "Space chose the recommended level"
    save = b.driver.find_element(By.XPATH, "//main//form[contains(@action,'/plan/level')]//button")
    press_enter_and_wait(b, save, "level saved")
    assert b.path().endswith("/plan"), b.driver.current_url
    assert any("Level saved" in n.text or "saved" in n.text.lower() for n in b.find_all(".notice"))
    b.visit(activity_path + "/plan/edit", "plan edit form")
    assert b.find("main h1").text == "Edit the engagement plan"
    # One folded step a section (no script): the page starts with what the activity says, and is short.
    assert "From the activity" in b.find("#plan-summary").text
    steps = b.find_all("main details.plan-step")
    assert len(steps) == 11, len(steps)
    height = b.driver.execute_script("return document.documentElement.scrollHeight")
    assert height < 2500, f"the edit page is {height}px tall"
    # A closed step opens from the keyboard (Enter on its summary) and shows its fields.
    closed = next(d for d in steps if d.get_attribute("open") is None)
    summary = closed.find_element(By.CSS_SELECTOR, "summary")
    summary.send_keys(Keys.ENTER)
    assert closed.get_attribute("open") is not None, "Enter opened the step"
    assert closed.find_element(By.CSS_SELECTOR, "textarea, input, select").is_displayed()
    b.visit(activity_path + "/plan/print", "printable plan")
