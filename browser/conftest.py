"""Fixtures for the browser journeys.

* ``server``  (session): runs the built ``chorus serve`` with a fresh data dir and the demo
  borough on a free loopback port; yields the base URL.
* ``driver``  (per test): headless Chromium via the system chromedriver.
* ``browser`` (per test): a small helper around the driver that, after every page load,
  saves a screenshot into browser/artifacts/<test>/ and runs axe-core on the page.  Every
  axe violation found during a test is collected and the test fails at its end with the
  full list (page, rule id, impact, help, target nodes).

Environment:
  CHORUS_BIN   the server binary (default: <repo>/.build/debug/chorus)
  CHROME_BIN   browser binary (default: /usr/bin/chromium)
  CHROMEDRIVER chromedriver (default: /usr/bin/chromedriver)
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

try:  # PyPI package "selenium-axe-python"
    from selenium_axe_python import Axe
except ImportError:  # older package "axe-selenium-python"
    from axe_selenium_python import Axe  # type: ignore[no-redef]

BROWSER_DIR = Path(__file__).resolve().parent
REPO_ROOT = BROWSER_DIR.parent
ARTIFACTS = BROWSER_DIR / "artifacts"
DEFAULT_BIN = REPO_ROOT / ".build" / "debug" / "chorus"

ADMIN_EMAIL = "admin@harbourside.example"
ADMIN_PASSWORD = "chorus-demo-2026"


# --------------------------------------------------------------------------- server


def catalogue_table(path: Path, name: str, probe: str) -> dict[str, str]:
    """A catalogue table (`static let <name>: [String: String] = [...]`) read from its Swift source, so a browser test
    checks that a page says what the catalogue says; `probe` is a key the table must have."""
    source = path.read_text(encoding="utf-8")
    start = source.index(f"static let {name}")
    block = source[start : source.index("\n    ]", start)]
    table = {
        key: json.loads('"' + value + '"')  # Swift's \" and \n escapes read as JSON's
        for key, value in re.findall(r'"([a-z0-9_.]+)":\s*"((?:[^"\\]|\\.)*)"', block)
    }
    assert probe in table, f"could not read {name} from {path}"
    return table


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(request: pytest.FixtureRequest):
    binary = Path(os.environ.get("CHORUS_BIN", str(DEFAULT_BIN)))
    if not binary.is_file():
        pytest.fail(f"server binary not found: {binary} (build it or set CHORUS_BIN)")

    data_dir = Path(tempfile.mkdtemp(prefix="chorus-browser-"))
    log_path = data_dir / "server.log"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        CHORUS_DATA_DIR=str(data_dir / "data"),
        CHORUS_DEMO="1",
        CHORUS_PORT=str(port),
        CHORUS_HOST="127.0.0.1",
        # The journeys check pages, not the embedding engine (the HTTP suite does): without this the server spends
        # the suite embedding the demo's 20,000 insights in the background, and pages slow down on 2 cores.
        CHORUS_EMBEDDINGS="off",
    )
    log = open(log_path, "wb")
    proc = subprocess.Popen(
        [str(binary), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=str(data_dir)
    )

    def server_log() -> str:
        if not log.closed:
            log.flush()
        return log_path.read_text(errors="replace")

    deadline = time.monotonic() + 60
    ready = False
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                ready = True
                break
        except requests.RequestException:
            pass
        time.sleep(0.5)
    if not ready:
        proc.kill()
        proc.wait(timeout=10)
        log.close()
        sys.stderr.write(f"\n----- chorus server log ({log_path}) -----\n{server_log()}\n")
        pytest.fail(
            f"chorus did not become healthy on {base} within 60 s "
            f"(exit code {proc.returncode})"
        )

    request.config.stash[SERVER_DATA_DIR] = data_dir
    yield base

    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    log.close()
    if request.session.testsfailed:
        sys.stderr.write(f"\n----- chorus server log ({log_path}) -----\n{server_log()}\n")
    else:
        shutil.rmtree(data_dir, ignore_errors=True)


# --------------------------------------------------------------------------- the server's database

# Where the session's server keeps its data (set by `server`); read through `server_db`.
SERVER_DATA_DIR = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def server_db(request: pytest.FixtureRequest, server) -> Path:
    """The running server's SQLite database (<data dir>/data/chorus.sqlite), for a test that reads what the server
    wrote and a person would get another way (the sign-in email in `email_outbox`). Open it read-only."""
    path = request.config.stash[SERVER_DATA_DIR] / "data" / "chorus.sqlite"
    if not path.is_file():
        pytest.fail(f"the server's database is not at {path}")
    return path


# --------------------------------------------------------------------------- browser


@pytest.fixture
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROME_BIN", "/usr/bin/chromium")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=en-GB",
    ):
        options.add_argument(arg)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    drv = webdriver.Chrome(service=service, options=options)
    drv.set_page_load_timeout(30)
    drv.set_script_timeout(30)
    try:
        yield drv
    finally:
        drv.quit()


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:80] or "page"


def format_violations(page: str, url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{page} ({url}): {len(violations)} axe violation(s)"]
    for v in violations:
        lines.append(f"  - [{v.get('impact')}] {v['id']}: {v.get('help')} ({v.get('helpUrl')})")
        for node in v.get("nodes", []):
            target = ", ".join(
                " >> ".join(t) if isinstance(t, list) else str(t) for t in node.get("target", [])
            )
            lines.append(f"      target: {target}")
            html = (node.get("html") or "").strip()
            if html:
                lines.append(f"        html: {html[:300]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", " | ")
            if summary:
                lines.append(f"        why:  {summary[:500]}")
    return "\n".join(lines)


class Browser:
    """Wraps the driver: every page load is screenshotted and checked with axe-core."""

    def __init__(self, drv: webdriver.Chrome, base: str, test_name: str):
        self.driver = drv
        self.base = base
        self.dir = ARTIFACTS / _slug(test_name)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.violations: list[str] = []

    # navigation ---------------------------------------------------------------
    def visit(self, path: str, label: str | None = None) -> None:
        self.driver.get(self.base + path)
        self.loaded(label or path)

    def loaded(self, label: str) -> None:
        """Call after every navigation (link click, form submit)."""
        WebDriverWait(self.driver, 15).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )
        self.count += 1
        stem = self.dir / f"{self.count:02d}-{_slug(label)}"
        self.driver.save_screenshot(str(stem) + ".png")
        self.check_a11y(label, stem)

    def check_a11y(self, label: str, stem: Path) -> None:
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        stem.with_suffix(".axe.json").write_text(
            json.dumps(
                {
                    "url": results.get("url"),
                    "axe": (results.get("testEngine") or {}).get("version"),
                    "passes": sorted(r["id"] for r in results.get("passes", [])),
                    "incomplete": [
                        {"id": r["id"], "targets": [n.get("target") for n in r.get("nodes", [])]}
                        for r in results.get("incomplete", [])
                    ],
                    "violations": results["violations"],
                },
                indent=2,
            )
        )
        if results["violations"]:
            self.violations.append(
                format_violations(label, self.driver.current_url, results["violations"])
            )

    # helpers ------------------------------------------------------------------
    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait_for(self, css: str, timeout: float = 15):
        return WebDriverWait(self.driver, timeout).until(
            EC.presence_of_element_located((By.CSS_SELECTOR, css))
        )

    def click_and_wait(self, element, label: str) -> None:
        """Click something that navigates; wait for the old page to go stale.

        While the old document is being torn down, chromedriver can answer the staleness probe with a generic
        "Node with given id does not belong to the document" error instead of a stale-element error; that also
        means the old page is gone, so it counts as stale.
        """
        element.click()
        self.wait_gone(element)
        self.loaded(label)

    def wait_gone(self, element) -> None:
        """Wait until `element`'s page has been replaced by the next one."""

        def gone(driver) -> bool:
            try:
                element.is_enabled()
                return False
            except StaleElementReferenceException:
                return True
            except WebDriverException as e:
                if "does not belong to the document" in str(e):
                    return True
                raise

        WebDriverWait(self.driver, 15).until(gone)

    def html_attrs(self) -> tuple[str | None, str | None]:
        html = self.find("html")
        return html.get_attribute("lang"), html.get_attribute("dir")

    def path(self) -> str:
        return requests.utils.urlparse(self.driver.current_url).path

    def sign_in(self, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD) -> None:
        self.visit("/sign-in", "sign-in")
        self.fill("#f-email", email)
        self.fill("#f-password", password)
        self.click_and_wait(self.find("form button[type=submit]"), "after sign-in")

    def fill(self, css: str, value: str) -> None:
        el = self.find(css)
        el.clear()
        el.send_keys(value)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """After a test body that passed, fail it if any page it visited had axe violations."""
    __tracebackhide__ = True
    helper: Browser | None = getattr(item, "_chorus_browser", None)
    try:
        result = yield
    except BaseException as exc:
        # The journey itself failed: still show what axe found on the pages before.
        if helper is not None and helper.violations and isinstance(exc, Exception):
            exc.add_note(
                "\naxe-core violations seen before the failure:\n\n"
                + "\n\n".join(helper.violations)
            )
        raise
    if helper is not None and helper.violations:
        raise AssertionError(
            "accessibility (axe-core) violations on pages visited by this test:\n\n"
            + "\n\n".join(helper.violations)
        )
    return result


@pytest.fixture
def browser(request: pytest.FixtureRequest, driver, server) -> Browser:
    helper = Browser(driver, server, request.node.name)
    request.node._chorus_browser = helper
    return helper
