"""Campaigns in the browser. A resident on a phone, with the keyboard only and without signing in, opens the demo's
litter campaign from the list, goes to a street-level action, reads how to do it, pledges with their ward and a
comment, and sees the action's count go up by one. Every page load is checked with axe-core (conftest.py).

The residents' words checked are read from the campaigns catalogue (Sources/Chorus/Shared/I18n/Catalogue+Campaigns.swift)."""

from __future__ import annotations

import re
import time

from selenium.webdriver.common.keys import Keys

from conftest import Browser, REPO_ROOT, catalogue_table
from test_residents import active, check_fits_phone, check_language, h1_text, id_is, press_and_wait, tab_to, type_keys

CAMPAIGNS_CATALOGUE = REPO_ROOT / "Sources" / "Chorus" / "Shared" / "I18n" / "Catalogue+Campaigns.swift"
CAMPAIGN = "Love where you live"  # DemoCampaigns.title
STREET_ACTION = "Sweep the pavement outside your home"  # a street-level action of the demo campaign
WARD = "Quayside"


def strings() -> dict[str, str]:
    return catalogue_table(CAMPAIGNS_CATALOGUE, "campaignsEnglish", "campaigns.title")


def pledged_count(b: Browser) -> int:
    """The action's pledge count, from "<n> pledged, <m> done"."""
    m = re.match(r"([\d,]+) pledged", b.find("#action-counts").text.strip())
    assert m, b.find("#action-counts").text
    return int(m.group(1).replace(",", ""))


def test_a_resident_pledges_to_a_street_action_on_a_phone_by_keyboard(browser: Browser):
    b, t = browser, strings()
    b.driver.delete_all_cookies()
    b.driver.set_window_size(390, 844)  # a phone

    b.visit("/campaigns", "campaigns")
    check_language(b, "en")
    assert h1_text(b) == t["campaigns.title"]
    check_fits_phone(b)
    link = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == CAMPAIGN, "the campaign")
    press_and_wait(b, Keys.ENTER, link, "the campaign")
    assert re.fullmatch(r"/campaigns/[0-9A-F-]{36}", b.path()), b.driver.current_url
    assert h1_text(b) == CAMPAIGN
    check_fits_phone(b)
    text = b.find("main").text
    for level in ["home", "street", "community"]:
        assert t[f"campaigns.level_heading.{level}"] in text, level
    # The street level's heading comes before the action, and the action is one of its links.
    street = b.find("#level-street")
    assert street.text.strip() == t["campaigns.level_heading.street"]

    action = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == STREET_ACTION, "the street-level action")
    press_and_wait(b, Keys.ENTER, action, "the action")
    assert h1_text(b) == STREET_ACTION
    check_fits_phone(b)
    assert t["campaigns.how_to"] in b.find("main").text
    before = pledged_count(b)

    # The ward by keyboard (typing its name on the select), a comment, then the button.
    ward = tab_to(b, id_is("f-ward"), "the ward")
    type_keys(b, WARD)
    assert ward.get_attribute("value"), "typing the ward's name should choose it"
    tab_to(b, id_is("f-comment"), "the comment")
    type_keys(b, "A broom to borrow would help.")
    # A person takes longer than the bot check's few seconds to fill a form in.
    time.sleep(3.2)
    button = tab_to(b, lambda el: el.tag_name == "button" and el.text.strip() == t["campaigns.pledge_button"], "the pledge button")
    assert active(b) == button
    press_and_wait(b, Keys.ENTER, button, "pledged")
    assert h1_text(b) == STREET_ACTION
    assert t["campaigns.done.pledged"] in b.find("main").text, b.find("main").text
    assert pledged_count(b) == before + 1
    check_fits_phone(b)

    # The toolkit prints a poster and a letter.
    toolkit = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == t["campaigns.toolkit_link"], "the toolkit")
    press_and_wait(b, Keys.ENTER, toolkit, "toolkit")
    assert len(b.find_all("section.letter")) == 2
    check_fits_phone(b)
