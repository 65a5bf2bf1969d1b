// A picture input shows the chosen picture and its name before the form is sent. Without this
// file the native control still works. A data: URL, because the CSP allows no blob: images.
(function () {
  "use strict";
  if (window.kindredPictureInput) return; // the widget may appear, with this script, more than once
  window.kindredPictureInput = true;
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-picture-input] input[type=file]")) return;
    var box = input.closest("[data-picture-input]");
    var chosen = box.querySelector("[data-picture-chosen]");
    var preview = box.querySelector("[data-picture-preview]");
    var file = input.files && input.files[0];
    if (!file) {
      chosen.hidden = true;
      return;
    }
    box.querySelector("[data-picture-name]").textContent = "Chosen: " + file.name;
    preview.hidden = true;
    chosen.hidden = false;
    if (!/^image\//.test(file.type)) return;
    var reader = new FileReader();
    reader.onload = function () {
      preview.src = reader.result;
      preview.hidden = false;
    };
    reader.readAsDataURL(file);
  });
})();
