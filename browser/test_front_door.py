"""The residents' front door (`/`): a resident on a phone, with the keyboard only and no account, finds their ward
by postcode, reads the latest "You said, we did" report for it and opens something they can take part in; then
the same page in Urdu. Every page load is screenshotted and checked with axe-core (conftest.py).

The demo borough's postcode districts are HS1..HS12 in ward-code order (HS1 = Quayside, E05099001).
"""
from __future__ import annotations

import re
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import Browser

REPORT_PATH = re.compile(r"^/you-said-we-did/[0-9A-Fa-f-]{36}$")
PUBLIC_ACTIVITY_PATH = re.compile(r"^/whats-on/[0-9A-Fa-f-]{36}$")
# A public form sent back sooner than CHORUS_FORM_MIN_SECONDS (3 by default) after it was served is asked for again.
BOT_CHECK_SECONDS = 3.5


def tab_to(b: Browser, wanted, limit: int = 120):
    """Press Tab until `wanted(active element)` holds; returns the element. Fails if it never does."""
    for _ in range(limit):
        ActionChains(b.driver).send_keys(Keys.TAB).perform()
        active = b.driver.switch_to.active_element
        if wanted(active):
            return active
    pytest.fail("could not reach the element with Tab")


def in_section(section_id: str):
    """A link inside the front door's section labelled by `section_id` (its list of items, not the "see all" link)."""

    def wanted(el) -> bool:
        if el.tag_name != "a":
            return False
        return bool(
            el.get_attribute("href")
            and el.find_elements(By.XPATH, f"ancestor::section[@aria-labelledby='{section_id}']")
            and el.find_elements(By.XPATH, "ancestor::h3")
        )

    return wanted


def press_enter_and_wait(b: Browser, element, label: str) -> None:
    ActionChains(b.driver).send_keys(Keys.ENTER).perform()
    b.wait_gone(element)
    b.loaded(label)


def test_resident_on_a_phone_finds_their_ward_by_postcode_and_reaches_a_report_and_an_open_activity(browser: Browser):
    b = browser
    b.driver.set_window_size(390, 844)  # a phone-sized window; no sign-in
    b.visit("/", "front door")
    assert b.find("h1").text == "Have your say where you live"
    assert b.html_attrs() == ("en", "ltr")
    assert b.driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    assert not b.find_all("script"), "the page needs no script"

    field = tab_to(b, lambda el: el.get_attribute("id") == "f-postcode")
    ActionChains(b.driver).send_keys("hs1 1aa").perform()
    press_enter_and_wait(b, field, "front door for HS1")
    main = b.find("main").text
    assert "Showing Quayside." in main, main[:400]
    assert "What's happening in Quayside" in main

    # The latest report for the ward, followed with the keyboard.
    report = tab_to(b, in_section("you-said"))
    title = report.text
    press_enter_and_wait(b, report, "report from the front door")
    assert REPORT_PATH.match(b.path()), b.driver.current_url
    assert b.find("h1").text == title

    # Back to the front door, then something open or coming up in the ward.
    b.driver.back()
    b.loaded("front door again")
    items = b.find_all("section[aria-labelledby='whats-on'] li")
    assert items, "the demo has public activities in Quayside"
    first = items[0].text
    assert "Open now" in first or "Starts " in first, first
    activity = tab_to(b, in_section("whats-on"))
    name = activity.text
    press_enter_and_wait(b, activity, "activity from the front door")
    assert PUBLIC_ACTIVITY_PATH.match(b.path()), b.driver.current_url
    assert b.find("h1").text == name


def test_the_front_door_in_urdu_reads_right_to_left_with_the_ward_kept(browser: Browser):
    b = browser
    b.driver.set_window_size(390, 844)
    b.visit("/language/ur?back=/%3Fward%3DE05099003", "front door in Urdu")
    assert b.html_attrs() == ("ur", "rtl")
    assert b.find("h1").text == "جہاں آپ رہتے ہیں وہاں اپنی رائے دیں"
    main = b.find("main").text
    assert "Northgate" in main and "دکھایا جا رہا ہے" in main, main[:400]
    assert b.find("#updates").text == "ای میل اپ ڈیٹس حاصل کریں"
    assert b.find("select#updates-ward option[selected]").get_attribute("value") == "E05099003"
    b.visit("/?postcode=ZZ1", "unknown postcode in Urdu")
    summary = b.find(".error-summary")
    assert "ZZ1" in summary.text and summary.find_element(By.CSS_SELECTOR, "a").get_attribute("href").endswith("#f-postcode")


def test_a_resident_asks_for_email_updates_for_their_ward_and_a_mistake_names_the_field(browser: Browser):
    b = browser
    b.driver.set_window_size(390, 844)
    b.visit("/?ward=E05099001", "front door for Quayside")
    email = b.find("#updates-email")
    email.send_keys("not-an-address")
    time.sleep(BOT_CHECK_SECONDS)  # public forms refuse what comes back faster than a person fills them in
    b.click_and_wait(b.find("section[aria-labelledby='updates'] button[type=submit]"), "updates with a bad address")
    assert b.path() == "/updates"
    summary = b.find(".error-summary")
    assert "Enter your email address" in summary.text
    assert summary.find_element(By.CSS_SELECTOR, "a").get_attribute("href").endswith("#f-email")
    assert b.find("#f-ward option[selected]").get_attribute("value") == "E05099001", "the ward chosen stays chosen"
    field = b.find("#f-email")
    field.clear()
    field.send_keys("resident@example.org")
    time.sleep(BOT_CHECK_SECONDS)
    b.click_and_wait(b.find("main form button[type=submit]"), "updates asked for")
    assert b.find("h1").text == "Check your email"
    assert "resident@example.org" in b.find("main").text
