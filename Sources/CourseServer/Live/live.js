// LossLab live course, shared by its pages: what the page is, requests to the server, code
// editors (CodeMirror from Debian's libjs-codemirror, or a plain text area when it is missing),
// and the exercises' progress in the sidebar.
(function () {
  "use strict";
  var page = {};
  try {
    page = JSON.parse(document.getElementById("losslab-live").textContent);
  } catch (error) {
    // Not a page of the live course.
  }
  var live = { kind: page.kind || "", slug: page.slug || "" };
  window.LossLabLive = live;
  document.documentElement.classList.add("live");

  // Requests to the server: same origin, the token cookie goes along; errors become a sentence.
  live.request = function (method, path, body) {
    var options = { method: method, credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) throw new Error(json.error || ("The server answered " + response.status + "."));
        return json;
      });
    });
  };

  live.element = function (tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };

  live.button = function (label, title, action) {
    var button = live.element("button", "live-button", label);
    button.type = "button";
    button.title = title;
    button.addEventListener("click", action);
    return button;
  };

  // An editor in `parent` holding `code`: CodeMirror with Swift highlighting when it loaded,
  // otherwise a text area. Both offer the same small interface.
  live.editor = function (parent, code, options) {
    options = options || {};
    if (window.CodeMirror) {
      var mirror = window.CodeMirror(parent, {
        value: code, mode: "swift", lineNumbers: true, indentUnit: 4, tabSize: 4,
        indentWithTabs: false, matchBrackets: true, autoCloseBrackets: true, viewportMargin: Infinity,
        readOnly: options.readOnly ? "nocursor" : false,
        extraKeys: {
          "Shift-Enter": function () { if (options.onRun) options.onRun(); },
          "Ctrl-Enter": function () { if (options.onRun) options.onRun(); },
          "Ctrl-S": function () { if (options.onSave) options.onSave(); },
          Tab: function (cm) { cm.execCommand(cm.somethingSelected() ? "indentMore" : "insertSoftTab"); }
        }
      });
      mirror.getWrapperElement().classList.add("live-editor");
      if (options.onChange) mirror.on("change", function () { options.onChange(); });
      var marked = [];
      return {
        kind: "codemirror",
        element: mirror.getWrapperElement(),
        getValue: function () { return mirror.getValue(); },
        setValue: function (text) { mirror.setValue(text); },
        focus: function () { mirror.focus(); },
        refresh: function () { mirror.refresh(); },
        markLine: function (line, className) {
          var handle = mirror.addLineClass(line - 1, "background", className);
          marked.push(handle);
        },
        clearMarks: function () {
          marked.forEach(function (handle) {
            ["live-error-line", "live-warning-line"].forEach(function (name) {
              mirror.removeLineClass(handle, "background", name);
            });
          });
          marked = [];
        }
      };
    }
    var area = live.element("textarea", "live-editor live-plain-editor");
    area.value = code;
    area.spellcheck = false;
    area.readOnly = !!options.readOnly;
    area.rows = Math.max(3, code.split("\n").length + 1);
    area.setAttribute("aria-label", options.label || "Code");
    area.addEventListener("keydown", function (event) {
      if ((event.shiftKey || event.ctrlKey) && event.key === "Enter" && options.onRun) {
        event.preventDefault();
        options.onRun();
      }
    });
    if (options.onChange) area.addEventListener("input", function () { options.onChange(); });
    parent.appendChild(area);
    return {
      kind: "textarea",
      element: area,
      getValue: function () { return area.value; },
      setValue: function (text) { area.value = text; },
      focus: function () { area.focus(); },
      refresh: function () {},
      markLine: function () { area.classList.add("live-error-area"); },
      clearMarks: function () { area.classList.remove("live-error-area"); }
    };
  };

  // Exercises' progress in the sidebar: "3/9 passed", and ✓ beside each passed exercise.
  live.showProgress = function (progress) {
    var headings = Array.prototype.filter.call(document.querySelectorAll(".toc-heading"), function (heading) {
      return /Exercises/.test(heading.textContent);
    });
    headings.forEach(function (heading) {
      var badge = heading.querySelector(".live-progress") || heading.appendChild(live.element("span", "live-progress"));
      badge.textContent = " " + progress.passed + "/" + progress.total + " passed";
    });
    document.querySelectorAll(".sidebar .toc > li > a[href*='exercises/']").forEach(function (link) {
      var slug = (link.getAttribute("href").split("exercises/")[1] || "").replace(/\.html.*$/, "");
      var status = progress.exercises[slug];
      var mark = link.querySelector(".live-passed");
      if (status && status.passed) {
        if (!mark) {
          mark = live.element("span", "live-passed", " ✓");
          mark.title = "Passed";
          link.appendChild(mark);
        }
      } else if (mark) {
        mark.remove();
      }
    });
  };

  live.refreshProgress = function () {
    return live.request("GET", "/api/progress").then(live.showProgress).catch(function () {});
  };
  live.refreshProgress();
})();
