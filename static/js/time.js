// Relative times ("5 minutes ago") stay true in the browser: cached updates carry only their date
// and pages stay open. The same words as community/times.py; without JavaScript the server's
// text stands (relative on pages rendered for the request, the date in cached fragments).
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  function words(then, now) {
    var seconds = (now - then) / 1000;
    if (seconds < 60) return "just now";
    if (seconds < 3600) {
      var minutes = Math.floor(seconds / 60);
      return minutes + (minutes === 1 ? " minute ago" : " minutes ago");
    }
    if (seconds < 86400) {
      var hours = Math.floor(seconds / 3600);
      return hours + (hours === 1 ? " hour ago" : " hours ago");
    }
    var text = then.getDate() + " " + MONTHS[then.getMonth()];
    return then.getFullYear() === now.getFullYear() ? text : text + " " + then.getFullYear();
  }

  function update() {
    var now = new Date();
    document.querySelectorAll("time[data-relative]").forEach(function (element) {
      var then = new Date(element.getAttribute("datetime"));
      if (!isNaN(then.getTime())) element.textContent = words(then, now);
    });
  }

  update();
  setInterval(update, 60000);
})();
