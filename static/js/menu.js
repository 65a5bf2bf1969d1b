// The header menu is a <details> element and works without this file; this adds what people
// expect of a menu: Escape closes it (focus back on its button), and so does a click elsewhere.
(function () {
  "use strict";
  var menu = document.querySelector("details[data-menu]");
  if (!menu) return;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
})();
