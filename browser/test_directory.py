"""The directory in the browser. A resident on a phone, with the keyboard only and without signing in, looks for a
place near their postcode that has a step-free entrance, sees only places that say so (the demo's groups in that ward
drop out), opens one and reads its access facts and address; then switches to Urdu and finds the same list in Urdu.
An officer planning an activity is shown a matching group and connector and adds the group as a partner.
Every page load is checked with axe-core (conftest.py).

The residents' words checked are read from the directory's catalogue (Sources/Chorus/Features/Directory/DirectoryStrings.swift)."""

from __future__ import annotations

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import Browser, REPO_ROOT, catalogue_table
from test_residents import check_fits_phone, check_language, fill_in, h1_text, id_is, press_and_wait, switch_to_urdu, tab_to, type_keys

DIRECTORY_STRINGS = REPO_ROOT / "Sources" / "Chorus" / "Features" / "Directory" / "DirectoryStrings.swift"
WARD = "Quayside"  # DemoSeed.wards[0], postcode district HS1
VENUE = "Quayside Community Centre"  # DemoDirectory.venues[0]: step-free, in Quayside
GROUP = "Harbour Road Residents' Association"  # DemoDirectory.groups[0]: in Quayside, no venue facts


def strings(lang: str = "en") -> dict[str, str]:
    return catalogue_table(DIRECTORY_STRINGS, {"en": "english", "ur": "urdu"}[lang], "finder.title")


def test_a_resident_on_a_phone_finds_a_step_free_venue_near_their_postcode(browser: Browser):
    b, t = browser, strings()
    b.driver.delete_all_cookies()
    b.driver.set_window_size(390, 844)  # a phone

    b.visit("/groups-and-venues", "finder")
    check_language(b, "en")
    assert h1_text(b) == t["finder.title"]
    check_fits_phone(b)
    postcode = tab_to(b, id_is("f-postcode"), "the postcode field")
    type_keys(b, "HS1 2AB")
    tab_to(b, id_is("f-fact"), "what I need")
    # A closed select takes the first letters of an option: "Step-free entrance".
    type_keys(b, "Step")
    assert b.find("#f-fact").get_attribute("value") == "step_free_entrance"
    find = tab_to(b, lambda el: el.tag_name == "button", "the find button")
    press_and_wait(b, Keys.ENTER, find, "finder results")
    assert h1_text(b) == fill_in(t["finder.title_ward"], WARD)
    check_fits_phone(b)
    main = b.find("main").text
    assert VENUE in main and GROUP not in main, main
    # Every place listed says it has a step-free entrance, in words.
    for item in b.find_all("main .public-list > li"):
        assert t["venue.fact.step_free_entrance"] in item.text, item.text

    link = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == VENUE, "the venue")
    press_and_wait(b, Keys.ENTER, link, "the venue")
    assert h1_text(b) == VENUE
    check_fits_phone(b)
    page = b.find("main").text
    for fact in ["step_free_entrance", "hearing_loop", "accessible_toilet"]:
        assert t[f"venue.fact.{fact}"] in page, fact
    assert "1 Dock Street, HS1 2AB" in page

    # Back to the list, and the same list in Urdu.
    b.visit("/groups-and-venues?ward=E05099001&fact=step_free_entrance", "finder in the ward")
    switch_to_urdu(b)
    u = strings("ur")
    check_fits_phone(b)
    assert VENUE in b.find("main").text
    assert u["venue.fact.step_free_entrance"] in b.find("main").text


def test_an_officer_planning_an_activity_is_shown_a_group_and_a_connector_and_adds_the_group_as_a_partner(browser: Browser):
    """The register's activities are walked until one's plan suggests both a group and a connector (the demo has
    several); the officer adds the group as a partner from the plan's advisor summary and sees it on the activity."""
    b = browser
    b.driver.delete_all_cookies()
    b.driver.set_window_size(1280, 900)
    b.sign_in()
    b.visit("/activities", "register")
    links = [a.get_attribute("href") for a in b.find_all("main table a[href*='/activities/']")]
    chosen = None
    for href in links:
        path = requests.utils.urlparse(href).path
        if path.count("/") != 2:
            continue
        b.visit(path + "/plan/advisor/summary", "advisor summary")
        items = b.find_all("#directory-suggestions > li")
        groups = [li for li in items if " — Group" in li.text]
        connectors = [li for li in items if " — Connector" in li.text]
        if groups and connectors:
            chosen = (path, groups[0].find_element(By.CSS_SELECTOR, "a").text)
            break
    assert chosen, "a demo activity whose plan suggests a group and a connector"
    path, group = chosen
    button = next(btn for btn in b.find_all("#directory-suggestions button") if btn.text == f"Add {group} as a partner group")
    b.click_and_wait(button, "group added")
    assert b.path() == path + "/plan/advisor/summary"
    assert group in b.find("#directory-partners").text
    assert group not in b.find("#directory-suggestions").text if b.find_all("#directory-suggestions") else True
    b.visit(path, "the activity")
    assert group in b.find("#directory-partners").text
