"""Residents' own accounts (issue 20), as a resident on a phone with the keyboard only, in English and in Urdu: sign in
with the 6-digit code from the email (read from the server's outbox, as the resident would read their inbox), a
wrong code first; set the profile; answer an equality question with its consent; download "my data"; delete the
account. Then signing in with the emailed link instead. Every page load is screenshotted and checked with axe-core
(conftest.py).

The words checked are read from the residents' catalogue (Sources/Chorus/Shared/I18n/Catalogue+Residents.swift), so
the test checks that each page says what the catalogue says, in the language chosen.
"""
from __future__ import annotations

import io
import json
import re
import sqlite3
import time
import uuid
import zipfile
from pathlib import Path

import pytest
import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import Browser, REPO_ROOT, catalogue_table

# A public form sent back sooner than CHORUS_FORM_MIN_SECONDS (3 by default) after it was served is asked for again.
BOT_CHECK_SECONDS = 3.5
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
CATALOGUE = REPO_ROOT / "Sources" / "Chorus" / "Shared" / "I18n" / "Catalogue+Residents.swift"
LINK_PATH = re.compile(r"/my-account/sign-in/link/[A-Za-z0-9_-]+")


# --------------------------------------------------------------------------- helpers


def strings(lang: str) -> dict[str, str]:
    """The residents' catalogue table for `lang` ("en" or "ur"), read from its Swift source."""
    return catalogue_table(CATALOGUE, {"en": "residentsEnglish", "ur": "residentsUrdu"}[lang], "resident.account_title")


def fill_in(text: str, *values) -> str:
    """A catalogue string with its {1}, {2}... filled in."""
    for i, v in enumerate(values, start=1):
        text = text.replace("{%d}" % i, str(v))
    return text


def h1_text(b: Browser) -> str:
    return b.find("h1").text.strip()


def active(b: Browser):
    return b.driver.switch_to.active_element


def tab_to(b: Browser, wanted, what: str, limit: int = 150):
    """Press Tab until `wanted(focused element)` holds; returns the element. Fails if it never does."""
    for _ in range(limit):
        ActionChains(b.driver).send_keys(Keys.TAB).perform()
        el = active(b)
        if wanted(el):
            return el
    pytest.fail(f"could not reach {what} with Tab on {b.driver.current_url}")


def id_is(element_id: str):
    return lambda el: el.get_attribute("id") == element_id


def link_to(path: str):
    return lambda el: el.tag_name == "a" and (el.get_attribute("href") or "").endswith(path)


def button_saying(text: str):
    return lambda el: el.tag_name == "button" and el.text.strip() == text


def type_keys(b: Browser, *keys) -> None:
    ActionChains(b.driver).send_keys(*keys).perform()


def press_and_wait(b: Browser, key: str, element, label: str) -> None:
    """Press a key that navigates (Enter on a link or in a form, Space on a button) and wait for the next page."""
    type_keys(b, key)
    b.wait_gone(element)
    b.loaded(label)


def check_language(b: Browser, lang: str) -> None:
    assert b.html_attrs() == ((lang, "rtl") if lang == "ur" else (lang, "ltr")), b.html_attrs()
    if lang == "ur":
        assert ARABIC_SCRIPT.search(h1_text(b)), f"heading not in Urdu: {h1_text(b)!r}"


def check_fits_phone(b: Browser) -> None:
    """Fails if the page scrolls sideways on the phone (WCAG 1.4.10, reflow), naming what is too wide."""
    width, inner = b.driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    if width <= inner:
        return
    wide = b.driver.execute_script(
        "return [...document.querySelectorAll('body *')]"
        ".filter(e => !e.closest('.skip-link, .visually-hidden'))"  # off-screen on purpose until focused
        ".filter(e => { const r = e.getBoundingClientRect(); return r.right > innerWidth + 0.5 || r.left < -0.5; })"
        ".map(e => e.outerHTML.slice(0, 160))"
    )
    pytest.fail(f"{b.path()} scrolls sideways on a phone ({width}px in {inner}px); too wide: {wide[-5:]}")


def switch_to_urdu(b: Browser) -> None:
    path = b.path()
    link = tab_to(b, lambda el: el.get_attribute("hreflang") == "ur", "the Urdu language link")
    press_and_wait(b, Keys.ENTER, link, f"{path} in urdu")
    assert b.path() == path, "switching language should return to the same page"
    check_language(b, "ur")


def emailed(db: Path, address: str) -> tuple[str, str]:
    """The code and the link path of the newest sign-in email queued for `address`, read from the outbox."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        row = None
        for _ in range(50):
            row = conn.execute(
                "SELECT subject, body FROM email_outbox WHERE to_address = ? AND kind = 'resident_sign_in'"
                " ORDER BY rowid DESC LIMIT 1",
                (address,),
            ).fetchone()
            if row:
                break
            time.sleep(0.1)
    assert row, f"no sign-in email in the outbox for {address}"
    subject, body = row
    code = re.search(r"\b(\d{6})\b", subject)
    assert code, f"no 6-digit code in the subject {subject!r}"
    assert code.group(1) in body, "the email's text should carry the code too"
    link = LINK_PATH.search(body)
    assert link, f"no sign-in link in the email: {body!r}"
    return code.group(1), link.group(0)


def residents_with(db: Path, address: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        return conn.execute("SELECT count(*) FROM residents WHERE email = ?", (address,)).fetchone()[0]


def a_ward_postcode(db: Path) -> tuple[str, str, str]:
    """(postcode, its sector, ward name) for a ward of the demo borough, from the places' postcode districts."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        row = conn.execute(
            "SELECT name, postcode_districts FROM places WHERE kind = 'ward' AND postcode_districts IS NOT NULL"
            " AND postcode_districts != '' ORDER BY code LIMIT 1"
        ).fetchone()
    assert row, "the demo borough has no ward with postcode districts"
    ward, districts = row
    district = re.split(r"[,\s]+", districts.strip())[0].upper()
    return f"{district} 2AB", f"{district} 2", ward


def ask_for_code(b: Browser, address: str, t: dict[str, str], lang: str) -> None:
    """On the sign-in page (just loaded): type the address and send the form once the bot check allows it."""
    served = time.monotonic()
    assert h1_text(b) == t["resident.sign_in_title"]
    field = tab_to(b, id_is("f-email"), "the email field")
    type_keys(b, address)
    time.sleep(max(0.0, BOT_CHECK_SECONDS - (time.monotonic() - served)))
    press_and_wait(b, Keys.ENTER, field, f"check your email ({lang})")
    assert b.path() == "/my-account/sign-in/code", b.driver.current_url
    assert not b.find_all(".error-summary"), b.find(".error-summary").text
    assert h1_text(b) == t["resident.code_title"]
    check_language(b, lang)


def summary_text(b: Browser) -> str:
    return " ".join(dd.text for dd in b.find_all("main dl.summary-list dd"))


# --------------------------------------------------------------------------- the journey


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_resident_signs_in_by_code_sets_profile_downloads_data_deletes_account(
    browser: Browser, server_db: Path, lang: str
):
    """The whole account, on a phone with the keyboard only, in English and in Urdu (the Urdu one switches language
    with the header's link on the sign-in page, and the resident's profile keeps Urdu)."""
    b = browser
    t = strings(lang)
    b.driver.set_window_size(390, 844)  # a phone
    address = f"resident-{lang}-{uuid.uuid4().hex[:10]}@example.org"

    # Signed out, "my account" asks to sign in.
    b.visit("/my-account", "my account signed out")
    assert b.path() == "/my-account/sign-in", b.driver.current_url
    if lang == "ur":
        switch_to_urdu(b)
    check_language(b, lang)
    check_fits_phone(b)
    ask_for_code(b, address, t, lang)
    code, _ = emailed(server_db, address)

    # A wrong code: the error summary takes focus, and its link takes the keyboard to the code field.
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    field = tab_to(b, id_is("f-code"), "the code field")
    type_keys(b, wrong)
    press_and_wait(b, Keys.ENTER, field, f"wrong code ({lang})")
    assert b.path() == "/my-account/sign-in/code"
    summary = b.find(".error-summary")
    assert "error-summary" in (active(b).get_attribute("class") or ""), "the error summary should have focus"
    assert fill_in(t["resident.code_wrong"], 4) in summary.text, summary.text
    link = tab_to(b, lambda el: el.tag_name == "a", "the error summary's link", limit=1)
    assert (link.get_attribute("href") or "").endswith("#f-code"), link.get_attribute("href")
    type_keys(b, Keys.ENTER)
    assert active(b).get_attribute("id") == "f-code", "the summary's link should focus the code field"
    assert b.find("#f-code").get_attribute("aria-invalid") == "true"
    check_language(b, lang)

    # The right code, typed into the field the link focused.
    field = active(b)
    type_keys(b, code)
    press_and_wait(b, Keys.ENTER, field, f"your account ({lang})")
    assert b.path() == "/my-account", b.driver.current_url
    assert h1_text(b) == t["resident.account_title"]
    check_language(b, lang)
    check_fits_phone(b)
    assert address in summary_text(b)

    # The profile: name, a postcode in the demo borough, language.
    postcode, sector, ward = a_ward_postcode(server_db)
    name = "آمنہ خان" if lang == "ur" else "Amina Khan"
    link = tab_to(b, link_to("/my-account/profile"), "the profile link")
    assert link.text.strip() == t["resident.change_profile"]
    press_and_wait(b, Keys.ENTER, link, f"your details ({lang})")
    assert h1_text(b) == t["resident.profile_title"]
    check_language(b, lang)
    tab_to(b, id_is("f-display-name"), "the name field")
    type_keys(b, name)
    tab_to(b, id_is("f-postcode"), "the postcode field")
    type_keys(b, postcode)
    tab_to(b, id_is("f-language"), "the language list")
    type_keys(b, "ا" if lang == "ur" else "E")  # type-ahead picks اردو / English
    assert Select(b.find("#f-language")).first_selected_option.get_attribute("value") == lang
    save = tab_to(b, button_saying(t["resident.save"]), "Save")
    press_and_wait(b, Keys.ENTER, save, f"account with profile ({lang})")
    assert b.path() == "/my-account", b.find(".error-summary").text if b.find_all(".error-summary") else ""
    check_language(b, lang)
    shown = summary_text(b)
    assert name in shown and sector in shown and ward in shown, shown
    assert postcode not in shown, "only the postcode's sector is kept"

    # An equality question, with the consent it needs.
    link = tab_to(b, link_to("/my-account/equality"), "the equality questions link")
    press_and_wait(b, Keys.ENTER, link, f"equality questions ({lang})")
    assert h1_text(b) == t["resident.equality_title"]
    check_language(b, lang)
    tab_to(b, id_is("f-sex"), "the sex question")
    type_keys(b, Keys.ARROW_DOWN)  # the first answer after "Not answered"
    assert Select(b.find("#f-sex")).first_selected_option.get_attribute("value") == "female"
    consent = tab_to(b, id_is("f-consent"), "the consent box")
    type_keys(b, Keys.SPACE)
    assert consent.is_selected()
    save = tab_to(b, button_saying(t["resident.save"]), "Save")
    press_and_wait(b, Keys.ENTER, save, f"account with consent ({lang})")
    assert b.path() == "/my-account", b.find(".error-summary").text if b.find_all(".error-summary") else ""
    check_language(b, lang)
    consents = [li.text for li in b.find_all("main ul.list > li")]
    assert any(
        t["consent.equality_monitoring.label"] in c and t["consent.equality_monitoring.v1"] in c for c in consents
    ), f"the consent with its wording is not on the account page: {consents}"
    quotes = [q.text.strip() for q in b.find_all("main blockquote")]
    assert t["consent.equality_monitoring.v1"] in quotes, quotes
    check_fits_phone(b)

    # Download my data: the zip the link gives, fetched with this browser's cookies.
    download = b.find("main a[href='/my-account/download']")
    assert download.text.strip() == t["resident.download"]
    http = requests.Session()
    for c in b.driver.get_cookies():
        http.cookies.set(c["name"], c["value"], path=c.get("path", "/"))
    res = http.get(download.get_attribute("href"), timeout=30)
    assert res.status_code == 200, res.status_code
    assert "attachment" in res.headers.get("Content-Disposition", ""), res.headers
    with zipfile.ZipFile(io.BytesIO(res.content)) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert "my-data/data.json" in names and "my-data/data.html" in names, names
        data_text = z.read("my-data/data.json").decode("utf-8")
        html = z.read("my-data/data.html").decode("utf-8")
    data = json.dumps(json.loads(data_text), ensure_ascii=False)  # machine-readable
    assert name in data and address in data and sector in data, data[:2000]
    assert name in html and f'lang="{lang}"' in html

    # Delete the account.
    link = tab_to(b, link_to("/my-account/delete"), "the delete link")
    press_and_wait(b, Keys.ENTER, link, f"delete your account ({lang})")
    assert h1_text(b) == t["resident.delete_title"]
    check_language(b, lang)
    check_fits_phone(b)
    confirm = tab_to(b, id_is("f-confirm"), "the confirm box")
    type_keys(b, Keys.SPACE)
    assert confirm.is_selected()
    delete = tab_to(b, button_saying(t["resident.delete_button"]), "Delete my account")
    press_and_wait(b, Keys.ENTER, delete, f"account deleted ({lang})")
    assert h1_text(b) == t["resident.deleted_title"]
    check_language(b, lang)
    assert residents_with(server_db, address) == 0, "the account is still in the database"

    b.visit("/my-account", "my account after deletion")
    assert b.path() == "/my-account/sign-in", b.driver.current_url
    assert h1_text(b) == t["resident.sign_in_title"]


def test_resident_signs_in_with_the_emailed_link_in_urdu(browser: Browser, server_db: Path):
    """The email's link instead of the code: it opens a page with a button (so a mail scanner opening links does not
    use it up), works once, and signing out ends the session."""
    b = browser
    t = strings("ur")
    b.driver.set_window_size(390, 844)
    address = f"resident-link-{uuid.uuid4().hex[:10]}@example.org"

    b.visit("/my-account/sign-in", "sign in")
    switch_to_urdu(b)
    ask_for_code(b, address, t, "ur")
    _, link_path = emailed(server_db, address)

    # The link opens a page with a Sign in button.
    b.visit(link_path, "sign-in link")
    assert h1_text(b) == t["resident.link_title"]
    check_language(b, "ur")
    check_fits_phone(b)
    button = tab_to(b, button_saying(t["resident.sign_in"]), "Sign in")
    press_and_wait(b, Keys.SPACE, button, "your account by link")
    assert b.path() == "/my-account", b.driver.current_url
    assert h1_text(b) == t["resident.account_title"]
    check_language(b, "ur")
    assert address in summary_text(b)

    # The link works once.
    b.visit(link_path, "sign-in link again")
    assert h1_text(b) == t["resident.link_refused_title"]
    assert t["resident.code_used"] in b.find("main").text
    check_language(b, "ur")

    # Signing out ends it: "my account" asks to sign in again.
    b.visit("/my-account", "your account again")
    sign_out = tab_to(b, button_saying(t["resident.sign_out"]), "Sign out")
    press_and_wait(b, Keys.ENTER, sign_out, "signed out")
    b.visit("/my-account", "my account signed out")
    assert b.path() == "/my-account/sign-in", b.driver.current_url
    check_language(b, "ur")
