// reCAPTCHA v3: ask Google for a token when the form is submitted, put it in the hidden input,
// then submit. Without Google's script the form still submits and the server explains.
(function () {
  "use strict";
  document.querySelectorAll("input[data-recaptcha-action]").forEach(function (input) {
    var form = input.form;
    if (!form) return;
    form.addEventListener("submit", function (event) {
      if (input.value || typeof window.grecaptcha === "undefined") return;
      event.preventDefault();
      window.grecaptcha.ready(function () {
        window.grecaptcha
          .execute(input.dataset.sitekey, { action: input.dataset.recaptchaAction })
          .then(function (token) {
            input.value = token;
            form.submit();
          }, function () {
            form.submit();
          });
      });
    });
  });
})();
