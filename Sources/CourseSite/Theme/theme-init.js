// Applies the reader's chosen colour theme before the page is drawn, so it never flashes.
(function () {
  try {
    var theme = localStorage.getItem("losslab-theme");
    if (theme === "light" || theme === "dark") {
      document.documentElement.setAttribute("data-theme", theme);
    }
  } catch (error) {
    // Storage can be unavailable (private windows, strict settings): follow the system.
  }
})();
