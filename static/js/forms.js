// A form is sent once. A second click or tap while the next page is on its way (a double click, an
// impatient press of Enter) would post the same update, comment or answer twice. Forms whose sending
// another script handles (hugs, reCAPTCHA) are left to it. Without this file, forms work as before.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.method !== "post") return;
    if (form.hasAttribute("data-sent")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-sent", "");
  });
  // Back at the page (the back button keeps pages alive): its forms may be sent again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      form.removeAttribute("data-sent");
    });
  });
})();
