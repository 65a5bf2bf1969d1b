// Hugs update in place: the form still works without JavaScript (the server redirects back).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-hug]")) return;
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var replacement = template.content.firstElementChild;
        form.replaceWith(replacement);
        replacement.querySelector("button").focus();
      })
      .catch(function () {
        form.submit();
      });
  });
})();
