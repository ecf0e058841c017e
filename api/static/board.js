// The election-day board's live part is replaced every few seconds (htmx). Lists the
// reader has opened stay open, and times are shown in the reader's own clock.
(function () {
  var opened = [];
  function localTimes(root) {
    root.querySelectorAll("time[data-local-time]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (!isNaN(when)) el.textContent = when.toLocaleTimeString(document.documentElement.lang);
    });
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    opened = Array.prototype.map.call(
      event.detail.target.querySelectorAll("details[open][id]"), function (d) { return d.id; });
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    opened.forEach(function (id) {
      var details = document.getElementById(id);
      if (details) details.open = true;
    });
    localTimes(event.detail.target);
  });
  document.addEventListener("DOMContentLoaded", function () { localTimes(document); });
})();
