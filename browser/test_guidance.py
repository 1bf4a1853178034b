"""The good-practice pages as a resident sees them: on a phone, with the keyboard only and without signing in, they
search the guides, open one and read it; then the same list in Urdu, where the guide (written in English) is marked
as English. Every page load is checked with axe-core (conftest.py).

The words checked are read from the library's catalogue (Sources/Chorus/Features/Guidance/GuidanceStrings.swift)."""

from __future__ import annotations

from selenium.webdriver.common.keys import Keys

from conftest import Browser, REPO_ROOT, catalogue_table
from test_residents import check_fits_phone, check_language, h1_text, id_is, press_and_wait, switch_to_urdu, tab_to, type_keys

STRINGS = REPO_ROOT / "Sources" / "Chorus" / "Features" / "Guidance" / "GuidanceStrings.swift"
GUIDE = "Engaging young people"  # DemoGuidance.pages[1], public


def strings(lang: str = "en") -> dict[str, str]:
    return catalogue_table(STRINGS, {"en": "english", "ur": "urdu"}[lang], "guidance.public.title")


def test_a_resident_on_a_phone_finds_and_reads_a_guide_in_english_and_urdu(browser: Browser):
    b, t = browser, strings()
    b.driver.delete_all_cookies()
    b.driver.set_window_size(390, 844)

    b.visit("/good-practice", "good practice")
    check_language(b, "en")
    assert h1_text(b) == t["guidance.public.title"]
    check_fits_phone(b)
    assert "Engagement in specifications and tenders" not in b.find("main").text, "a staff-only page is not public"
    tab_to(b, id_is("f-q"), "the search field")
    type_keys(b, "young")
    search = b.find("#f-q")
    press_and_wait(b, Keys.ENTER, search, "search results")
    main = b.find("main").text
    assert GUIDE in main and "Running a drop-in session" not in main, main
    link = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == GUIDE, "the guide")
    press_and_wait(b, Keys.ENTER, link, "the guide")
    assert h1_text(b) == GUIDE
    check_fits_phone(b)
    assert "Youth clubs, colleges and sports sessions" in b.find("main").text

    b.visit("/good-practice", "good practice again")
    switch_to_urdu(b)
    u = strings("ur")
    assert h1_text(b) == u["guidance.public.title"]
    check_fits_phone(b)
    link = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == GUIDE, "the guide in the Urdu list")
    press_and_wait(b, Keys.ENTER, link, "the guide in urdu")
    assert b.driver.find_element("css selector", "html").get_attribute("lang") == "ur"
    guide = b.find("main [lang='en']")
    assert guide.get_attribute("dir") == "ltr" and GUIDE in guide.text
    assert u["guidance.public.back"] in b.find("main").text
