// LossLab live chapter: every cell in an editor, Run cell (▶, Shift+Enter), Run all, Stop and
// Reset; outputs, Out[n] values and figures stream in over a WebSocket; compiler errors and
// traps show at their line; cells after an edited one are marked stale until they run again.
// Edits are saved to the learner's copy (my-lessons/), never to lessons/.
(function () {
  "use strict";
  var live = window.LossLabLive;
  if (!live || (live.kind !== "lesson" && live.kind !== "original")) return;
  var slug = live.slug;
  var article = document.querySelector("article.lesson");
  if (!article) return;
  var cells = {};
  var order = [];
  var socket = null;
  var pending = [];
  var saveTimer = null;
  var dirty = {};
  var runStarted = 0;
  var runTarget = null;
  var runNumber = 0;
  var toolbar = live.element("div", "live-toolbar");
  var status = live.element("span", "live-status", "Loading the cells…");
  status.setAttribute("role", "status");
  var copyNote = live.element("span", "live-copy-note");

  if (live.kind === "original") {
    var banner = live.element("div", "live-toolbar live-original-banner");
    banner.appendChild(live.element("span", "", "The chapter as written, read-only. "));
    var back = live.element("a", "", "Back to your version");
    back.href = slug + ".html";
    banner.appendChild(back);
    article.insertBefore(banner, article.firstChild);
    return;
  }

  toolbar.appendChild(live.button("▶▶ Run all", "Run every cell", function () { run(null); }));
  var stopButton = live.button("■ Stop", "Stop the run in progress", function () { send({ type: "stop" }); });
  stopButton.disabled = true;
  toolbar.appendChild(stopButton);
  toolbar.appendChild(status);
  toolbar.appendChild(copyNote);
  article.insertBefore(toolbar, article.firstChild);

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = "live-status" + (kind ? " live-status-" + kind : "");
  }

  function describeCopy(data) {
    copyNote.textContent = "";
    var edited = data.editedCells || [];
    var text = data.learnerCopy
      ? "Your copy: " + data.path + (edited.length ? " (edited: cell " + edited.join(", ") + ")" : "") + " · "
      : "Edits are saved to my-lessons/" + slug + ".md · ";
    copyNote.appendChild(document.createTextNode(text));
    var original = live.element("a", "", "Show original");
    original.href = slug + ".html?view=original";
    copyNote.appendChild(original);
    // The chapter changed under the learner's copy: what was done about it, in the server's words.
    if (data.chapterChange) copyNote.appendChild(live.element("p", "live-chapter-change", data.chapterChange));
  }

  // Outputs of a cell, drawn as the static page draws them.
  function clearOutputs(cell) {
    cell.outputs.textContent = "";
    cell.editor.clearMarks();
    cell.section.classList.remove("live-failed");
  }

  function outputBlock(cell) {
    var block = cell.outputs.querySelector("pre.output:not(.value)");
    if (!block) {
      block = live.element("pre", "output");
      cell.outputs.insertBefore(block, cell.outputs.firstChild);
    }
    return block;
  }

  function addValue(cell, text) {
    var block = live.element("pre", "output value");
    block.appendChild(live.element("span", "out-label", "Out[" + cell.index + "]:"));
    block.appendChild(document.createTextNode(" " + text));
    cell.outputs.appendChild(block);
  }

  function addImage(cell, url) {
    var figure = live.element("figure");
    var image = live.element("img");
    image.src = url;
    image.alt = "Figure " + (cell.outputs.querySelectorAll("img").length + 1) + " drawn by cell " + cell.index;
    figure.appendChild(image);
    cell.outputs.appendChild(figure);
  }

  function addNote(cell, text, className) {
    cell.outputs.appendChild(live.element("div", className || "not-run", text));
  }

  function addError(cell, heading, text, line, className) {
    var box = live.element("div", className || "error");
    box.setAttribute("role", "alert");
    box.appendChild(live.element("strong", "", heading));
    box.appendChild(live.element("pre", "", text));
    cell.outputs.appendChild(box);
    if (line) cell.editor.markLine(line, className === "live-warning" ? "live-warning-line" : "live-error-line");
    cell.section.classList.add("live-failed");
  }

  function render(cell, data) {
    clearOutputs(cell);
    var result = data.result;
    cell.section.classList.toggle("live-stale", !!data.stale && !!result);
    cell.staleLabel.hidden = !(data.stale && result);
    if (!data.runs) {
      addNote(cell, "Shown only; this cell is not run.");
      return;
    }
    if (!result) {
      addNote(cell, "Not run yet: ▶ runs the cells up to this one.", "not-run live-never");
      return;
    }
    if (result.output) outputBlock(cell).textContent = result.output;
    if (result.value !== undefined) addValue(cell, result.value);
    (result.images || []).forEach(function (url) { addImage(cell, url); });
    if (result.status === "failed") addError(cell, "This cell failed.", result.failure, result.line);
    if (result.status === "notRun") addNote(cell, "Not run: an earlier cell failed.");
  }

  function showDiagnostics(diagnostics) {
    diagnostics.forEach(function (diagnostic) {
      var cell = cells[diagnostic.cell];
      if (!cell) {
        setStatus(diagnostic.text, "error");
        return;
      }
      var error = diagnostic.severity === "error";
      addError(cell, error ? "This cell does not compile." : "Warning", diagnostic.text, diagnostic.line,
               error ? "error live-diagnostic" : "live-warning");
    });
  }

  function renderAll(data) {
    data.cells.forEach(function (cellData) {
      var cell = cells[cellData.index];
      if (!cell) return;
      cell.data = cellData;
      render(cell, cellData);
      setCellStatus(cell, "");
    });
    showDiagnostics(data.diagnostics || []);
    describeCopy(data);
  }

  function setCellStatus(cell, text) {
    cell.status.textContent = text;
    cell.section.classList.toggle("live-running", text === "running…");
  }

  // Edits: this cell and every later one are stale until they run; the copy is saved shortly after.
  function edited(index) {
    dirty[index] = true;
    order.forEach(function (other) {
      if (other >= index && cells[other].data.runs) {
        cells[other].section.classList.add("live-stale");
        cells[other].staleLabel.hidden = false;
      }
    });
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 700);
  }

  function save() {
    var changed = {};
    Object.keys(dirty).forEach(function (index) { changed[index] = cells[index].editor.getValue(); });
    dirty = {};
    if (!Object.keys(changed).length) return;
    live.request("POST", "/api/lessons/" + slug + "/save", { cells: changed })
      .then(function (data) { describeCopy(data); })
      .catch(function (error) { setStatus(error.message, "error"); });
  }

  function allCode() {
    var code = {};
    order.forEach(function (index) { code[index] = cells[index].editor.getValue(); });
    return code;
  }

  // Runs go over the chapter's WebSocket; messages wait while it opens.
  function connect() {
    var address = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/api/lessons/" + slug + "/socket";
    socket = new WebSocket(address);
    socket.onopen = function () {
      pending.splice(0).forEach(function (message) { socket.send(message); });
    };
    socket.onmessage = function (event) { receive(JSON.parse(event.data)); };
    socket.onclose = function () {
      socket = null;
      if (!stopButton.disabled) {
        stopButton.disabled = true;
        setStatus("The connection to the server closed; the run stopped. Is `course serve` still running?", "error");
      }
    };
  }

  function send(message) {
    var text = JSON.stringify(message);
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(text);
    } else {
      pending.push(text);
      if (!socket) connect();
    }
  }

  function run(through) {
    clearTimeout(saveTimer);
    dirty = {};
    runStarted = performance.now();
    runTarget = through === null ? order[order.length - 1] : through;
    document.body.removeAttribute("data-live-first-output-seconds");
    document.body.removeAttribute("data-live-run-seconds");
    stopButton.disabled = false;
    setStatus(through === null ? "Starting a run of every cell…" : "Starting a run of cells 1–" + through + "…", "busy");
    runNumber += 1;
    send({ type: "run", id: runNumber, through: through, cells: allCode() });
  }

  function noteFirstOutput(cellIndex) {
    if (cellIndex === runTarget && !document.body.hasAttribute("data-live-first-output-seconds")) {
      document.body.setAttribute("data-live-first-output-seconds", ((performance.now() - runStarted) / 1000).toFixed(2));
    }
  }

  function receive(message) {
    // A run this page replaced still reports how it ended; only the latest run speaks.
    if (message.id !== runNumber) return;
    var cell = cells[message.cell];
    switch (message.type) {
      case "accepted":
        stopButton.disabled = false;
        if (message.replacing) setStatus("Stopping the run in progress to start this one…", "busy");
        break;
      case "saved":
        describeCopy(message);
        break;
      case "running":
        order.forEach(function (index) {
          var each = cells[index];
          if (index < message.from) setCellStatus(each, each.data.runs ? "unchanged" : "");
          else if (index <= message.through && each.data.runs) {
            clearOutputs(each);
            setCellStatus(each, "queued");
          }
        });
        setStatus("Compiling cells 1–" + message.through + "…", "busy");
        break;
      case "replaying":
        setStatus("Rebuilding the state of cell " + message.cell + " (unchanged, its outputs are kept)…", "busy");
        break;
      case "cellStarted":
        if (!cell) break;
        order.forEach(function (index) { if (cells[index].status.textContent === "running…") setCellStatus(cells[index], ""); });
        setCellStatus(cell, "running…");
        setStatus("Running cell " + message.cell + "…", "busy");
        break;
      case "output":
        if (!cell) break;
        outputBlock(cell).textContent += message.line + "\n";
        noteFirstOutput(message.cell);
        break;
      case "value":
        if (cell) addValue(cell, message.text);
        noteFirstOutput(message.cell);
        break;
      case "image":
        if (cell) addImage(cell, message.url);
        noteFirstOutput(message.cell);
        break;
      case "finished":
        stopButton.disabled = true;
        renderAll(message);
        if (message.fromCache) noteFirstOutput(runTarget);
        document.body.setAttribute("data-live-run-seconds", ((performance.now() - runStarted) / 1000).toFixed(2));
        setStatus(message.summary + " (" + message.seconds.toFixed(2) + " s)",
                  /^✘/.test(message.summary) ? "error" : "done");
        break;
      case "error":
        stopButton.disabled = true;
        setStatus(message.message, "error");
        break;
    }
  }

  function setUpCell(data) {
    var section = document.getElementById("cell-" + data.index);
    if (!section) return;
    var pre = section.querySelector("pre.code");
    var host = live.element("div", "live-cell-editor");
    pre.parentNode.insertBefore(host, pre);
    pre.hidden = true;
    var cell = { index: data.index, section: section, data: data };
    cell.editor = live.editor(host, data.code.replace(/\n$/, ""), {
      label: "Code of cell " + data.index,
      onChange: function () { edited(data.index); },
      onRun: function () { if (data.runs) { run(data.index); focusNext(data.index); } }
    });
    var tools = live.element("div", "live-cell-tools");
    if (data.runs) tools.appendChild(live.button("▶ Run", "Run the cells up to this one (Shift+Enter)", function () { run(data.index); }));
    tools.appendChild(live.button("Reset", "Put the chapter's code back in this cell", function () {
      cell.editor.setValue((data.original || "").replace(/\n$/, ""));
      edited(data.index);
    }));
    var original = live.element("pre", "code live-original");
    original.textContent = data.original || "(this cell is not in the chapter)";
    original.hidden = true;
    tools.appendChild(live.button("Original", "Show or hide the chapter's code of this cell", function () {
      original.hidden = !original.hidden;
    }));
    cell.status = live.element("span", "live-cell-status");
    tools.appendChild(cell.status);
    cell.staleLabel = live.element("span", "live-stale-label", "stale: an earlier cell or this one changed since it ran");
    cell.staleLabel.hidden = true;
    tools.appendChild(cell.staleLabel);
    var folded = pre.closest("details");
    var anchor = folded || host;
    anchor.parentNode.insertBefore(tools, anchor.nextSibling);
    if (folded) folded.addEventListener("toggle", function () { cell.editor.refresh(); });
    tools.parentNode.insertBefore(original, tools.nextSibling);
    // The static outputs give way to the live ones (drawn the same way).
    section.querySelectorAll(":scope > pre.output, :scope > figure, :scope > .error, :scope > .not-run").forEach(function (node) { node.remove(); });
    cell.outputs = live.element("div", "live-outputs");
    cell.outputs.setAttribute("aria-live", "polite");
    section.appendChild(cell.outputs);
    cells[data.index] = cell;
    order.push(data.index);
  }

  function focusNext(index) {
    var position = order.indexOf(index);
    var next = cells[order[position + 1]];
    if (next) next.editor.focus();
  }

  live.request("GET", "/api/lessons/" + slug).then(function (data) {
    data.cells.forEach(setUpCell);
    var staticErrors = article.querySelector(":scope > section.error");
    if (staticErrors) staticErrors.remove();
    renderAll(data);
    setStatus(data.running ? "A run of this chapter is in progress in another tab." : "Ready. Shift+Enter runs the cells up to the one you are in.", "done");
    document.body.setAttribute("data-live-ready", "true");
  }).catch(function (error) { setStatus(error.message, "error"); });
})();
