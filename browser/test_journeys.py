"""Journeys through the server-rendered UI, as a person with a browser (and keyboard) would.

Every page load is screenshotted into browser/artifacts/ and checked with axe-core; see
conftest.py.  Run: python -m pytest browser -q
"""
from __future__ import annotations

import random
import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD, Browser

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


def h1_text(b: Browser) -> str:
    return b.find("h1").text.strip()


# --------------------------------------------------------------------------- (a) sign in


def test_sign_in_wrong_password_then_right(browser: Browser):
    b = browser
    b.visit("/sign-in", "sign-in")
    assert h1_text(b) == "Sign in"

    b.fill("#f-email", ADMIN_EMAIL)
    b.fill("#f-password", "not-the-password")
    b.click_and_wait(b.find("form button[type=submit]"), "sign-in wrong password")
    assert b.path() == "/sign-in", "a failed sign-in should stay on the sign-in page"
    summary = b.find(".error-summary")
    assert summary.is_displayed()
    assert summary.text.strip(), "error summary should say what went wrong"
    assert h1_text(b) == "Sign in"
    # The password is never echoed back into the form.
    assert b.find("#f-password").get_attribute("value") == ""

    b.fill("#f-email", ADMIN_EMAIL)
    b.fill("#f-password", ADMIN_PASSWORD)
    b.click_and_wait(b.find("form button[type=submit]"), "home after sign-in")
    assert b.path() == "/"
    assert h1_text(b).startswith("Hello,")
    assert not b.find_all(".error-summary")

    sign_out = b.driver.find_element(
        By.XPATH, "//header//button[normalize-space()='Sign out']"
    )
    b.click_and_wait(sign_out, "after sign-out")
    assert not b.driver.find_elements(
        By.XPATH, "//header//button[normalize-space()='Sign out']"
    ), "still signed in after Sign out"
    b.visit("/admin/places", "places when signed out")
    assert b.path() == "/sign-in", "admin pages should send a signed-out person to sign in"


# --------------------------------------------------------------------------- (b) places


def test_admin_creates_place_and_finds_it(browser: Browser):
    b = browser
    b.sign_in()
    assert h1_text(b).startswith("Hello,")

    b.visit("/admin/places", "places list")
    assert h1_text(b) == "Places"
    assert len(b.find_all("table tbody tr")) >= 1

    add = b.driver.find_element(By.LINK_TEXT, "Add a place")
    b.click_and_wait(add, "new place form")
    assert b.path() == "/admin/places/new"

    rnd = random.Random()
    code = f"E0588{rnd.randrange(10000):04d}"
    name = f"Zephyr Quay {rnd.randrange(100000):05d}"

    # First attempt: everything but the name.
    b.fill("#f-code", code)
    Select(b.find("#f-kind")).select_by_value("ward")
    Select(b.find("#f-parent-id")).select_by_visible_text("Harbourside (E09000099)")
    b.fill("#f-population", "4321")
    save = b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Save']")
    b.click_and_wait(save, "new place form with errors")

    summary = b.find(".error-summary")
    assert summary.is_displayed()
    links = summary.find_elements(By.CSS_SELECTOR, "a")
    hrefs = [a.get_attribute("href") or "" for a in links]
    assert any(h.endswith("#f-name") for h in hrefs), f"no link to #f-name in {hrefs}"
    assert b.find_all("#f-name"), "the summary links to #f-name but the field is missing"
    # What was typed is kept.
    assert b.find("#f-code").get_attribute("value") == code
    assert Select(b.find("#f-kind")).first_selected_option.get_attribute("value") == "ward"
    assert b.find("#f-population").get_attribute("value") == "4321"

    # Following the error link takes you to the field.
    name_link = next(a for a in links if (a.get_attribute("href") or "").endswith("#f-name"))
    name_link.click()
    assert b.driver.current_url.endswith("#f-name")

    b.fill("#f-name", name)
    if b.find("#f-code").get_attribute("value") != code:
        b.fill("#f-code", code)
    save = b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Save']")
    b.click_and_wait(save, "places list after save")

    assert b.path() == "/admin/places"
    assert "saved=" in b.driver.current_url
    notice = b.find(".notice")
    assert f"Saved: {name} ({code})" in notice.text

    # Find it with the search box.
    b.fill("#f-q", name)
    apply = b.driver.find_element(
        By.XPATH, "//form[@role='search']//button[@type='submit']"
    )
    b.click_and_wait(apply, "places filtered by new name")
    rows = b.find_all("table tbody tr")
    assert len(rows) == 1, [r.text for r in rows]
    assert code in rows[0].text and name in rows[0].text
    assert b.find("#f-q").get_attribute("value") == name


# --------------------------------------------------------------------------- (c) language


def test_language_switch_to_urdu_and_back(browser: Browser):
    b = browser
    b.visit("/sign-in", "sign-in english")
    assert b.html_attrs() == ("en", "ltr")
    assert h1_text(b) == "Sign in"

    to_urdu = b.find("a.language-link[hreflang='ur']")
    assert to_urdu.get_attribute("lang") == "ur"
    b.click_and_wait(to_urdu, "sign-in urdu")
    assert b.path() == "/sign-in", "switching language should return to the same page"
    assert b.html_attrs() == ("ur", "rtl")
    heading = h1_text(b)
    assert heading != "Sign in" and ARABIC_SCRIPT.search(heading), heading

    to_english = b.find("a[hreflang='en']")
    b.click_and_wait(to_english, "sign-in english again")
    assert b.path() == "/sign-in"
    assert b.html_attrs() == ("en", "ltr")
    assert h1_text(b) == "Sign in"


def test_urdu_pages_when_signed_in(browser: Browser):
    """Urdu covers the shell (header, navigation, sign-in, errors); admin page bodies fall
    back to English key by key (see Catalogue.swift), so only the shell is checked here."""
    b = browser
    b.sign_in()
    b.click_and_wait(b.find("a.language-link[hreflang='ur']"), "home urdu")
    assert b.path() == "/"
    assert b.html_attrs() == ("ur", "rtl")
    assert ARABIC_SCRIPT.search(h1_text(b)), "home greeting not translated"

    for path in ("/admin/places", "/admin/places/new"):
        b.visit(path, f"{path} urdu")
        assert b.path() == path
        assert b.html_attrs() == ("ur", "rtl")
        nav = b.find("nav a[href='/admin/places']").text
        assert ARABIC_SCRIPT.search(nav), f"{path}: navigation not translated ({nav!r})"

    # The form with errors, in Urdu: the summary title is translated.
    save = b.find("main form button[type=submit]")
    b.click_and_wait(save, "new place errors urdu")
    summary = b.find(".error-summary")
    assert summary.is_displayed()
    assert ARABIC_SCRIPT.search(summary.text), summary.text
    assert b.html_attrs() == ("ur", "rtl")

    b.click_and_wait(b.find("a[hreflang='en']"), "back to english")
    assert b.html_attrs() == ("en", "ltr")
    # The form was POSTed to /admin/places, so "back" is that list.
    assert b.path() == "/admin/places"
    assert h1_text(b) == "Places"


# --------------------------------------------------------------------------- (d) keyboard


def test_first_tab_focuses_skip_link(browser: Browser):
    b = browser
    b.visit("/sign-in", "sign-in")
    ActionChains(b.driver).send_keys(Keys.TAB).perform()
    active = b.driver.switch_to.active_element
    assert "skip-link" in (active.get_attribute("class") or ""), active.get_attribute("outerHTML")
    assert (active.get_attribute("href") or "").endswith("#main")
    assert active.is_displayed()
    rect = b.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return [r.top, r.left, r.bottom, r.right, r.width, r.height,"
        " window.innerWidth, window.innerHeight];",
        active,
    )
    top, left, bottom, right, width, height, vw, vh = rect
    assert width > 1 and height > 1, f"focused skip link is not visible: {rect}"
    assert top >= 0 and left >= 0 and bottom <= vh and right <= vw, f"skip link off-screen: {rect}"
    b.driver.save_screenshot(str(b.dir / "skip-link-focused.png"))

    ActionChains(b.driver).send_keys(Keys.ENTER).perform()
    main = b.driver.switch_to.active_element
    assert main.get_attribute("id") == "main", main.get_attribute("outerHTML")[:200]


def test_sign_in_with_keyboard_only(browser: Browser):
    b = browser
    b.visit("/sign-in", "sign-in")
    actions = ActionChains(b.driver)
    for _ in range(15):
        actions.send_keys(Keys.TAB).perform()
        if b.driver.switch_to.active_element.get_attribute("id") == "f-email":
            break
    else:
        pytest.fail("could not reach the email field with Tab")
    ActionChains(b.driver).send_keys(ADMIN_EMAIL, Keys.TAB).perform()
    assert b.driver.switch_to.active_element.get_attribute("id") == "f-password"
    old = b.find("h1")
    ActionChains(b.driver).send_keys(ADMIN_PASSWORD, Keys.ENTER).perform()
    b.wait_gone(old)
    b.loaded("home after keyboard sign-in")
    assert b.path() == "/"
    assert h1_text(b).startswith("Hello,")


# --------------------------------------------------------------------------- admin lists

ADMIN_PAGES = [
    "/admin/places",
    "/admin/organisations",
    "/admin/people",
    "/admin/themes",
    "/admin/audiences",
    "/admin/audit",
    "/account/tokens",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_page_renders_accessibly(browser: Browser, path: str):
    b = browser
    b.sign_in()
    b.visit(path, path)
    assert b.path() == path, f"expected {path}, ended on {b.driver.current_url}"
    assert h1_text(b), f"{path} has no h1"
    assert b.find("main#main")
    assert b.find(f"nav a[href='{path}']").get_attribute("aria-current") == "page"
