"""Issue 15: text a person typed never becomes markup in a real browser.

An officer gives an activity a title built to break out of an attribute (it would add a role field and a button
posting to the admin's people page); the admin then opens the activity's pages and its edit form, and the DOM holds
no element the title tried to add. A reflected `back=` that tries a meta refresh stays on the sign-in page.
"""
from __future__ import annotations

import datetime as dt
import random

from selenium.webdriver.common.by import By

from conftest import ADMIN_PASSWORD, Browser
from test_register import OFFICER_EMAIL, fill_activity, h1_text, save_activity, saved_activity_id

INJECTED = '"><input id="inj1" name="role" value="partnership_admin"><button id="inj2" formaction="/admin/people">Save'


def injected_nodes(b: Browser) -> int:
    return b.driver.execute_script(
        "return document.querySelectorAll('#inj1, #inj2, [formaction], meta[http-equiv]').length"
    )


def test_a_hostile_activity_title_adds_nothing_to_any_page(browser: Browser):
    b = browser
    tag = f"{random.Random().randrange(100000):05d}"
    title = f"Audit {tag} {INJECTED}"
    start = dt.date.today() + dt.timedelta(days=90)
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/activities/new", "new activity")
    fill_activity(b, title=title, starts=start, ends=start + dt.timedelta(days=10))
    save_activity(b, "hostile title saved")
    activity_id = saved_activity_id(b, title)
    assert h1_text(b) == title, "the title is shown as typed"
    assert injected_nodes(b) == 0

    b.driver.delete_all_cookies()
    b.sign_in()
    for path in (f"/activities/{activity_id}", f"/activities/{activity_id}/edit", f"/whats-on/{activity_id}", "/activities"):
        b.visit(path, path)
        assert injected_nodes(b) == 0, f"{path} carries elements from the title"
    b.visit(f"/activities/{activity_id}/edit", "edit form again")
    assert b.find("#f-title").get_attribute("value") == title, "the edit form shows the title as a value, intact"
    assert b.driver.title.startswith("Edit"), b.driver.title


def test_a_reflected_back_link_cannot_refresh_the_page_elsewhere(browser: Browser):
    b = browser
    b.visit('/sign-in?back=/%22%3E%3Cmeta%20http-equiv=%22refresh%22%20content=%220;url=/whats-on%22%3E', "sign-in with hostile back")
    assert injected_nodes(b) == 0
    assert b.path() == "/sign-in"
    hidden = b.driver.find_element(By.CSS_SELECTOR, "input[name=back]")
    assert hidden.get_attribute("value") == "/", "an unsafe back link is replaced by home"
