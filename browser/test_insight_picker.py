"""Browser journey: "Heard during" is a typeahead picker (a text field with suggestions, no script needed) instead of a
290-item list. An officer types an activity's name from the keyboard, a name that matches nothing is refused naming
the field with what was typed kept, the saved insight links the activity, the activity's link preselects it, and the
insights list filters by it. Every page is checked with axe-core."""
from __future__ import annotations

import random
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_PASSWORD, Browser

OFFICER_EMAIL = "officer@harbourside.example"
SUBMIT = "//main//form[contains(@class,'insight-form')]//button[@type='submit']"


def test_heard_during_is_typed_with_suggestions_and_the_thread_links_follow(browser: Browser):
    b = browser
    tag = f"{random.Random().randrange(100000):05d}"
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/insights/new", "capture form")
    field = b.find("#f-activity")
    assert field.get_attribute("list") == "f-activity-list"
    assert b.find("label[for='f-activity']").text == "Heard during"
    labels = b.driver.execute_script(
        "return Array.from(document.querySelectorAll('#f-activity-list option')).map(function(o){return o.value})")
    assert len(labels) > 50, "every activity the officer may use is suggested"
    assert len(set(labels)) == len(labels), "each suggestion names one activity"
    chosen = labels[0]
    title = chosen.split(" — ")[0]

    # A name that matches nothing: refused, naming the field, and what was typed is still there.
    b.find("#f-text").send_keys(f"The lights on the towpath are out {tag}")
    field = b.find("#f-activity")
    field.send_keys("Nothing like this exists " + tag)
    b.click_and_wait(b.driver.find_element(By.XPATH, SUBMIT), "unknown activity")
    summary = b.find(".error-summary")
    assert "Heard during: no activity is called" in summary.text
    link = summary.find_element(By.CSS_SELECTOR, "a")
    assert link.get_attribute("href").endswith("#f-activity")
    assert b.find("#f-activity").get_attribute("value") == "Nothing like this exists " + tag

    # Typed from the keyboard in another case: it is the activity.
    field = b.find("#f-activity")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(chosen.upper())
    b.click_and_wait(b.driver.find_element(By.XPATH, SUBMIT), "insight saved")
    assert any("Insight saved" in n.text for n in b.find_all(".notice"))
    activity_link = b.driver.find_element(By.XPATH, f"//main//dd/a[contains(@href,'/activities/')]")
    assert activity_link.text == title
    activity_id = re.search(r"/activities/([0-9A-Fa-f-]{36})", activity_link.get_attribute("href")).group(1)

    # The activity's "Record an insight for this activity" link preselects it.
    b.visit(f"/insights/new?activity={activity_id}", "capture form for the activity")
    assert b.find("#f-activity").get_attribute("value") == chosen

    # The insights list offers the activity filter, and it finds the new insight.
    b.visit(f"/insights?activity={activity_id}", "insights of the activity")
    selected = Select(b.find("#f-activity")).first_selected_option
    assert selected.get_attribute("value").lower() == activity_id.lower()
    assert tag in b.find("main .insight-list").text
