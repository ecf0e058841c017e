// The navigation is a <details>, so that on a phone it folds into a menu without
// JavaScript. On a wide screen it is always open (CSS does it where ::details-content is
// known; this does it everywhere else).
(function () {
  var menu = document.getElementById("menu");
  if (!menu) return;
  var wide = window.matchMedia("(min-width: 60rem)");
  function fit() { if (wide.matches) menu.open = true; }
  fit();
  wide.addEventListener("change", fit);
})();
