// Shows an opportunity's time in the reader's own time zone, next to the organiser's and UTC (which the server
// renders). Without JavaScript the row stays hidden and nothing is lost.
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  var format = { dateStyle: "full", timeStyle: "short" };
  document.querySelectorAll("[data-local-start]").forEach(function (cell) {
    var start = new Date(cell.getAttribute("data-local-start"));
    var end = new Date(cell.getAttribute("data-local-end"));
    if (isNaN(start) || isNaN(end)) {
      return;
    }
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    var text = new Intl.DateTimeFormat(lang, format).format(start) + " – " +
      new Intl.DateTimeFormat(lang, format).format(end);
    cell.textContent = zone ? text + " (" + zone + ")" : text;
    cell.parentElement.hidden = false;
  });
})();
