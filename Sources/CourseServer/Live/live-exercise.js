// LossLab live exercise: the learner's file (my-exercises/<slug>.swift, the file `exercise check`
// grades) in an editor, Save, Check with the same grader (one check at a time), the report with
// ✓/✘ per test and the score, and the next hint.
(function () {
  "use strict";
  var live = window.LossLabLive;
  if (!live || live.kind !== "exercise") return;
  var slug = live.slug;
  var article = document.querySelector("article.exercise");
  if (!article) return;

  var panel = live.element("section", "live-exercise");
  panel.id = "live-exercise";
  var heading = live.element("h2", "", "Your solution");
  var fileNote = live.element("p", "live-copy-note");
  var host = live.element("div", "live-cell-editor");
  var tools = live.element("div", "live-cell-tools");
  var status = live.element("span", "live-status", "Loading your file…");
  status.setAttribute("role", "status");
  var report = live.element("div", "live-report");
  report.setAttribute("aria-live", "polite");
  panel.appendChild(heading);
  panel.appendChild(fileNote);
  panel.appendChild(host);
  panel.appendChild(tools);
  panel.appendChild(report);
  var starter = article.querySelector(":scope > h2");
  article.insertBefore(panel, starter || null);

  var editor = null;
  var checking = false;
  var saveTimer = null;

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = "live-status" + (kind ? " live-status-" + kind : "");
  }

  function save() {
    clearTimeout(saveTimer);
    return live.request("POST", "/api/exercises/" + slug + "/save", { code: editor.getValue() })
      .then(function () { setStatus("Saved to my-exercises/" + slug + ".swift.", "done"); })
      .catch(function (error) { setStatus(error.message, "error"); });
  }

  function showReport(result) {
    report.textContent = "";
    editor.clearMarks();
    (result.diagnostics || []).forEach(function (diagnostic) {
      var box = live.element("div", diagnostic.severity === "error" ? "error" : "live-warning");
      box.appendChild(live.element("pre", "", diagnostic.text));
      report.appendChild(box);
      if (diagnostic.line) editor.markLine(diagnostic.line, diagnostic.severity === "error" ? "live-error-line" : "live-warning-line");
    });
    var list = live.element("ul", "live-tests");
    (result.tests || []).forEach(function (test) {
      var item = live.element("li", test.passed ? "live-test-passed" : "live-test-failed");
      var points = test.points === 1 ? "1 point" : test.points + " points";
      item.appendChild(live.element("span", "live-test-mark", test.passed ? "✓" : "✘"));
      item.appendChild(document.createTextNode(" " + test.name + " (" + points + (test.hidden ? ", hidden check" : "") + ")"));
      if (test.message) item.appendChild(live.element("pre", "live-test-message", test.message));
      list.appendChild(item);
    });
    if (list.children.length) report.appendChild(list);
    (result.rules || []).forEach(function (rule) { report.appendChild(live.element("div", "error", "✘ rule: " + rule)); });
    var score = live.element("p", "live-score" + (result.allPassed ? " live-score-passed" : ""));
    score.textContent = result.summary;
    report.appendChild(score);
    if (result.sandbox) report.appendChild(live.element("p", "live-sandbox", "(" + result.sandbox + ")"));
  }

  function check() {
    if (checking) return;
    checking = true;
    checkButton.disabled = true;
    var started = performance.now();
    document.body.removeAttribute("data-live-check-seconds");
    setStatus("Checking: compiling your file with the tests and running them, each in its own sandbox…", "busy");
    live.request("POST", "/api/exercises/" + slug + "/check", { code: editor.getValue() })
      .then(function (result) {
        showReport(result);
        live.showProgress(result.progress);
        var seconds = (performance.now() - started) / 1000;
        document.body.setAttribute("data-live-check-seconds", seconds.toFixed(2));
        setStatus("Checked in " + seconds.toFixed(1) + " s. Score: " + result.score + "/" + result.possible + ".",
                  result.allPassed ? "done" : "error");
      })
      .catch(function (error) { setStatus(error.message, "error"); })
      .then(function () {
        checking = false;
        checkButton.disabled = false;
      });
  }

  function nextHint() {
    live.request("POST", "/api/exercises/" + slug + "/hint").then(function (result) {
      if (!result.count) {
        setStatus("This exercise has no hints; its task above explains it.", "done");
        return;
      }
      var hints = article.querySelectorAll("details.hint");
      for (var index = 0; index < result.shown && index < hints.length; index++) hints[index].open = true;
      var last = hints[Math.min(result.shown, hints.length) - 1];
      if (last) last.scrollIntoView({ block: "center" });
      setStatus("Hint " + result.shown + " of " + result.count + (result.shown === result.count ? " (the last one)." : "."), "done");
    }).catch(function (error) { setStatus(error.message, "error"); });
  }

  tools.appendChild(live.button("Save", "Save your file (Ctrl+S)", save));
  var checkButton = live.button("✔ Check", "Grade your file with the exercise's tests (Shift+Enter)", check);
  tools.appendChild(checkButton);
  tools.appendChild(live.button("Show next hint", "Open the next hint (counted, like `exercise hint`)", nextHint));
  tools.appendChild(status);

  live.request("GET", "/api/exercises/" + slug).then(function (data) {
    fileNote.textContent = (data.exists ? "Your file " : "Your file (made from the starter when you first save or check) ") + data.file +
      ": the same file `exercise check " + slug + "` grades.";
    editor = live.editor(host, data.code, {
      label: "Your solution", onRun: check, onSave: save,
      onChange: function () {
        clearTimeout(saveTimer);
        saveTimer = setTimeout(save, 1500);
      }
    });
    if (data.status) {
      setStatus("Best so far: " + data.status.best + "/" + data.status.possible + " in " + data.status.attempts +
                " check" + (data.status.attempts === 1 ? "" : "s") + (data.status.passed ? " (passed)." : "."), "done");
    } else {
      setStatus("Not checked yet. Shift+Enter checks.", "done");
    }
    if (data.checking) setStatus("A check of " + data.checking + " is running; wait for it to end.", "busy");
    document.body.setAttribute("data-live-ready", "true");
  }).catch(function (error) { setStatus(error.message, "error"); });
})();
