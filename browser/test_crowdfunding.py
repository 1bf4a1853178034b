"""Civic crowdfunding in the browser. A resident on a phone, with the keyboard only, in English and in Urdu: opens a
project from the list, is asked to sign in and comes back to it with the emailed code, pledges £10 by bank transfer,
sees the total go up by £20 (the project's match fund gives £1 for every £1) and their pledge listed, then withdraws it. A fund owner (the council's officer) opens the
demo's match fund, reads what its rules give a project that is not matched yet, approves it, and the project's public
page shows that same amount as match funding. A project's creator, on a phone, adds a photo with what it shows in words
and it appears on the project's page with that alt text. Every page load is checked with axe-core (conftest.py).

The residents' words checked are read from the crowdfunding catalogue
(Sources/Chorus/Shared/I18n/Catalogue+Crowdfunding.swift)."""

from __future__ import annotations

import re
import sqlite3
import struct
import uuid
import zlib
from pathlib import Path

from selenium.webdriver.common.keys import Keys

from conftest import Browser, REPO_ROOT, catalogue_table
from test_residents import (
    ask_for_code,
    button_saying,
    check_fits_phone,
    check_language,
    emailed,
    fill_in,
    h1_text,
    id_is,
    press_and_wait,
    switch_to_urdu,
    tab_to,
    type_keys,
)
from test_residents import strings as resident_strings

CATALOGUE = REPO_ROOT / "Sources" / "Chorus" / "Shared" / "I18n" / "Catalogue+Crowdfunding.swift"
SHELL = REPO_ROOT / "Sources" / "Chorus" / "Shared" / "I18n" / "Catalogue.swift"
PROJECT = "Quay Street planters"
UNMATCHED = "Mill Lane community fridge"
FUND = "Greener Streets Match Fund"


def strings(lang: str) -> dict[str, str]:
    return catalogue_table(CATALOGUE, {"en": "crowdfundingEnglish", "ur": "crowdfundingUrdu"}[lang], "crowdfunding.title")


def pledged_total(b: Browser) -> int:
    """The pounds pledged, from the progress bar's value (pence), as a screen reader's number would give it."""
    return int(b.find("main progress").get_attribute("value"))


def test_a_resident_pledges_on_a_phone_with_the_keyboard_and_withdraws(browser: Browser, server_db: Path):
    for lang in ["en", "ur"]:
        pledge_in(browser, server_db, lang)


def pledge_in(b: Browser, db: Path, lang: str) -> None:
    t, tr = strings(lang), resident_strings(lang)
    b.driver.delete_all_cookies()
    b.driver.set_window_size(390, 844)
    address = f"backer-{lang}-{uuid.uuid4().hex[:10]}@example.org"
    b.visit("/crowdfunding", f"projects ({lang})")
    if lang == "ur":
        switch_to_urdu(b)
    check_language(b, lang)
    assert h1_text(b) == t["crowdfunding.title"]
    check_fits_phone(b)
    link = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == PROJECT, "the project")
    press_and_wait(b, Keys.ENTER, link, f"the project ({lang})")
    project_path = b.path()
    assert h1_text(b) == PROJECT
    check_fits_phone(b)
    before = pledged_total(b)

    sign_in = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == t["crowdfunding.sign_in_to_pledge"], "sign in to pledge")
    press_and_wait(b, Keys.ENTER, sign_in, f"sign in ({lang})")
    ask_for_code(b, address, tr, lang)
    code, _ = emailed(db, address)
    field = tab_to(b, id_is("f-code"), "the sign-in code field")
    type_keys(b, code)
    press_and_wait(b, Keys.ENTER, field, f"back at the project ({lang})")
    assert b.path() == project_path, b.driver.current_url
    # The title is the creator's words; the page around it is in the resident's language.
    assert b.html_attrs() == ((lang, "rtl") if lang == "ur" else (lang, "ltr")), b.html_attrs()
    assert t["crowdfunding.pledge_heading"] in b.find("main").text

    # The amount, the way to pay (transfer: the demo has no card provider), a name; all by keyboard.
    tab_to(b, id_is("f-amount"), "the amount")
    type_keys(b, "10")
    method = tab_to(b, lambda el: el.get_attribute("name") == "method", "how to pay")
    assert method.get_attribute("value") == "offline" and method.is_selected()
    tab_to(b, id_is("f-shown-name"), "the name to show")
    type_keys(b, "Kiran")
    pledge = tab_to(b, button_saying(t["crowdfunding.pledge_button"]), "Pledge")
    press_and_wait(b, Keys.ENTER, pledge, f"pledged ({lang})")
    main = b.find("main").text
    assert t["crowdfunding.done.pledged"] in main, main
    # The project's match fund (approved in the demo) gives £1 for every £1, so the total goes up by £20.
    assert pledged_total(b) == before + 2000
    assert fill_in(t["crowdfunding.backer_line"], "Kiran", "£10") in main
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        rows = conn.execute(
            "SELECT p.amount_pence, p.status FROM crowdfund_pledges p JOIN residents r ON r.id = p.resident_id WHERE r.email = ?", (address,)
        ).fetchall()
    assert rows == [(1000, "pledged")], rows

    # Withdrawn: nothing will be taken, and the total goes back.
    withdraw = tab_to(b, button_saying(t["crowdfunding.cancel"]), "Withdraw")
    press_and_wait(b, Keys.SPACE, withdraw, f"withdrawn ({lang})")
    assert t["crowdfunding.done.cancelled"] in b.find("main").text
    assert pledged_total(b) == before


def test_a_fund_owner_sees_the_computed_match_approves_it_and_the_project_shows_it(browser: Browser, server_db: Path):
    b = browser
    b.sign_in("officer@harbourside.example")
    b.visit("/match-funds", "match funds")
    b.click_and_wait(b.driver.find_element("link text", FUND), "the fund")
    fund_url = b.driver.current_url
    section = b.driver.find_element("xpath", f"//section[.//a[normalize-space()='{UNMATCHED}']]")
    offer = re.search(r"The rules give £([\d,]+(?:\.\d\d)?) now", section.text)
    assert offer, section.text
    amount = offer.group(1)
    assert "Approved" not in section.text
    section.find_element("css selector", "textarea").send_keys("Fits the fund: food waste, Northgate.")
    b.click_and_wait(section.find_element("css selector", "button[type=submit]"), "approved")
    assert b.driver.current_url.split("#")[0] == fund_url
    section = b.driver.find_element("xpath", f"//section[.//a[normalize-space()='{UNMATCHED}']]")
    assert "Approved by" in section.text, section.text

    # The public page, signed out, shows the same figure as match funding, and the fund's rules.
    project = section.find_element("link text", UNMATCHED).get_attribute("href").replace("/crowdfunding/manage/", "/crowdfunding/")
    b.driver.delete_all_cookies()
    b.driver.get(project)
    b.loaded("the project")
    main = b.find("main").text
    assert f"£{amount} of this is match funding from partners." in main, main
    assert f"{FUND}: £{amount}" in main
    assert "for every £1 residents pledge" in main


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A whole PNG (signature, IHDR, IDAT, IEND, each with its CRC): grey RGB pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_a_creator_adds_a_photo_with_what_it_shows_on_a_phone(browser: Browser, server_db: Path, tmp_path: Path):
    b, t, tr = browser, strings("en"), resident_strings("en")
    shell = catalogue_table(SHELL, "shellEnglish", "photo.button")
    b.driver.delete_all_cookies()
    b.driver.set_window_size(390, 844)
    # The demo's first project was started by this resident.
    address = "project1@harbourside.example"
    b.visit("/my-account/sign-in?back=/crowdfunding/mine", "sign in")
    ask_for_code(b, address, tr, "en")
    code, _ = emailed(server_db, address)
    field = tab_to(b, id_is("f-code"), "the sign-in code field")
    type_keys(b, code)
    press_and_wait(b, Keys.ENTER, field, "your pledges and projects")
    assert h1_text(b) == t["crowdfunding.mine_title"]

    photos = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == t["crowdfunding.photos_short"], "Photos")
    press_and_wait(b, Keys.ENTER, photos, "the project's photos")
    assert h1_text(b) == fill_in(t["crowdfunding.photos_title"], PROJECT)
    assert t["crowdfunding.photos_none"] in b.find("main").text
    check_fits_phone(b)

    # Choosing the file happens in the system's own dialog; Selenium types its path into the file field.
    picture = tmp_path / "planters.png"
    picture.write_bytes(tiny_png())
    b.find("#f-image").send_keys(str(picture))
    tab_to(b, id_is("f-image-alt"), "what the photo shows")
    words = "Twelve wooden planters along Quay Street"
    type_keys(b, words)
    add = tab_to(b, button_saying(shell["photo.button"]), "Add the photo")
    press_and_wait(b, Keys.SPACE, add, "photo added")
    image = b.find("main img.project-photo")
    assert image.get_attribute("alt") == words
    assert b.driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) == 4
    assert fill_in(t["crowdfunding.photo_alt_is"], words) in b.find("main").text
    check_fits_phone(b)

    # On the project's public page, read by anyone.
    b.driver.delete_all_cookies()
    back = b.find("main a.back-link").get_attribute("href")
    b.visit(back[back.index("/crowdfunding"):], "the project")
    assert h1_text(b) == PROJECT
    assert [img.get_attribute("alt") for img in b.driver.find_elements("css selector", "main img.project-photo")] == [words]
