// Full-text search over the course. The build writes the index as search-index.js (a script
// that sets window.LossLabSearchIndex), so it works from file:// where fetch() is blocked.
(function () {
  "use strict";
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (!input || !list) return;
  var index = window.LossLabSearchIndex || [];
  var root = document.body.getAttribute("data-root") || "";
  var selected = -1;
  var maximumResults = 12;

  function terms(query) {
    return query.toLowerCase().split(/\s+/).filter(function (term) { return term.length > 0; });
  }

  function count(text, term) {
    var found = 0;
    var position = text.indexOf(term);
    while (position !== -1 && found < 5) {
      found += 1;
      position = text.indexOf(term, position + term.length);
    }
    return found;
  }

  function search(query) {
    var wanted = terms(query);
    if (wanted.join("").length < 2) return [];
    var results = [];
    index.forEach(function (entry) {
      var section = entry.section.toLowerCase();
      var text = entry.text.toLowerCase();
      var page = entry.page.toLowerCase();
      var score = 0;
      for (var i = 0; i < wanted.length; i += 1) {
        var term = wanted[i];
        var inText = count(text, term);
        var inSection = section.indexOf(term) !== -1;
        if (!inText && !inSection && page.indexOf(term) === -1) return;
        score += (inSection ? 10 : 0) + (page.indexOf(term) !== -1 ? 2 : 0) + inText;
      }
      results.push({ entry: entry, score: score });
    });
    results.sort(function (a, b) { return b.score - a.score; });
    return results.slice(0, maximumResults).map(function (result) { return result.entry; });
  }

  // Appends `text` to `parent`, with every occurrence of a term in a <mark>.
  function appendMarked(parent, text, wanted) {
    var lower = text.toLowerCase();
    var position = 0;
    while (position < text.length) {
      var next = -1;
      var length = 0;
      wanted.forEach(function (term) {
        var at = lower.indexOf(term, position);
        if (at !== -1 && (next === -1 || at < next)) { next = at; length = term.length; }
      });
      if (next === -1) break;
      parent.appendChild(document.createTextNode(text.slice(position, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      parent.appendChild(mark);
      position = next + length;
    }
    parent.appendChild(document.createTextNode(text.slice(position)));
  }

  function snippet(text, wanted) {
    var lower = text.toLowerCase();
    var first = -1;
    wanted.forEach(function (term) {
      var at = lower.indexOf(term);
      if (at !== -1 && (first === -1 || at < first)) first = at;
    });
    var start = Math.max(0, first - 60);
    var end = Math.min(text.length, Math.max(first, 0) + 120);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function show(query) {
    var wanted = terms(query);
    var results = search(query);
    list.textContent = "";
    selected = -1;
    if (wanted.join("").length < 2) {
      list.hidden = true;
      return;
    }
    if (results.length === 0) {
      var empty = document.createElement("li");
      empty.className = "search-empty";
      empty.textContent = "Nothing in the course matches “" + query.trim() + "”.";
      list.appendChild(empty);
    }
    results.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.url;
      var title = document.createElement("span");
      title.className = "search-title";
      appendMarked(title, entry.section, wanted);
      link.appendChild(title);
      if (entry.section !== entry.page) {
        var page = document.createElement("span");
        page.className = "search-page";
        page.textContent = entry.page;
        link.appendChild(page);
      }
      var text = document.createElement("span");
      text.className = "search-snippet";
      appendMarked(text, snippet(entry.text, wanted), wanted);
      link.appendChild(text);
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = false;
  }

  function select(position) {
    var links = list.querySelectorAll("a");
    if (links.length === 0) return;
    selected = (position + links.length) % links.length;
    links.forEach(function (link, at) { link.classList.toggle("selected", at === selected); });
    links[selected].scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("focus", function () { if (input.value) show(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      select(selected + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      select(selected - 1);
    } else if (event.key === "Enter") {
      var links = list.querySelectorAll("a");
      var target = links[selected >= 0 ? selected : 0];
      if (target) {
        event.preventDefault();
        window.location.href = target.href;
      }
    } else if (event.key === "Escape") {
      input.value = "";
      show("");
      input.blur();
    }
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest(".search")) list.hidden = true;
  });
})();
