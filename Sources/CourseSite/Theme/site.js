// LossLab course pages: theme switch, table of contents on small screens, keyboard navigation,
// math rendering with KaTeX, and printing with every folded cell open.
(function () {
  "use strict";
  var root = document.documentElement;

  // Light/dark: the switch flips whatever is showing and remembers the choice.
  function currentTheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  var themeToggle = document.getElementById("theme-toggle");
  function labelThemeToggle() {
    if (!themeToggle) return;
    var next = currentTheme() === "dark" ? "light" : "dark";
    themeToggle.setAttribute("aria-label", "Switch to the " + next + " theme");
    themeToggle.title = "Switch to the " + next + " theme";
  }
  if (themeToggle) {
    themeToggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("losslab-theme", next); } catch (error) { /* not remembered */ }
      labelThemeToggle();
    });
    labelThemeToggle();
  }

  // The table of contents slides in on narrow screens.
  var menuToggle = document.getElementById("menu-toggle");
  function setMenu(open) {
    document.body.classList.toggle("nav-open", open);
    if (menuToggle) menuToggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  if (menuToggle) {
    menuToggle.addEventListener("click", function () {
      setMenu(!document.body.classList.contains("nav-open"));
    });
  }
  var sidebar = document.getElementById("sidebar");
  if (sidebar) {
    sidebar.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) setMenu(false);
    });
    var current = sidebar.querySelector("[aria-current=page]");
    if (current && current.scrollIntoView && sidebar.scrollHeight > sidebar.clientHeight) {
      current.scrollIntoView({ block: "center" });
    }
  }

  // Keys: ← and → for the previous and next page, / to search, Escape to close the menu.
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing) return;
    if (event.key === "/") {
      var search = document.getElementById("search");
      if (search) {
        event.preventDefault();
        search.focus();
        search.select();
      }
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      if (event.shiftKey) return;
      var link = document.querySelector(event.key === "ArrowLeft" ? "a[rel=prev]" : "a[rel=next]");
      if (link) {
        event.preventDefault();
        window.location.href = link.href;
      }
    } else if (event.key === "Escape") {
      setMenu(false);
    }
  });

  // Math: KaTeX renders each formula the build marked, and nothing else on the page.
  if (window.renderMathInElement) {
    var delimiters = [
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false }
    ];
    document.querySelectorAll(".math").forEach(function (element) {
      window.renderMathInElement(element, { delimiters: delimiters, throwOnError: false });
    });
  }

  // Printing shows every folded cell and hint; they fold again afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      openedForPrint.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });
})();
