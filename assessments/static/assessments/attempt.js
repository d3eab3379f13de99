/* Autosave for the attempt form: posts the whole form as FormData to its JSON endpoint every
   few seconds when something changed, on every change, and before the page is left. The server
   is the clock: it sends the seconds left, and this script only counts them down. */
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form) { return; }
  var status = document.getElementById("autosave-status");
  var clock = document.getElementById("time-left");
  var url = form.dataset.autosaveUrl;
  var dirty = false, saving = false;
  var secondsLeft = clock ? parseInt(clock.dataset.seconds, 10) : null;

  function say(text) { if (status) { status.textContent = text; } }

  function save() {
    if (!dirty || saving) { return; }
    saving = true; dirty = false;
    say(form.dataset.msgSaving);
    fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin",
                 headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        saving = false;
        if (data.saved) {
          say(form.dataset.msgSaved + " " + new Date(data.saved_at).toLocaleTimeString());
          if (data.seconds_left !== null && data.seconds_left !== undefined) { secondsLeft = data.seconds_left; }
        } else {
          say(data.error);
          if (data.finished && data.review_url) { window.location.assign(data.review_url); }
        }
      })
      .catch(function () { saving = false; dirty = true; say(form.dataset.msgOffline); });
  }

  form.addEventListener("change", function () { dirty = true; save(); });
  form.addEventListener("input", function () { dirty = true; });
  window.setInterval(save, 5000);
  document.addEventListener("visibilitychange", function () { if (document.hidden) { save(); } });

  if (clock && !isNaN(secondsLeft)) {
    window.setInterval(function () {
      secondsLeft = Math.max(0, secondsLeft - 1);
      var m = Math.floor(secondsLeft / 60), s = secondsLeft % 60;
      clock.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      if (secondsLeft === 0) { dirty = true; form.submit(); }
    }, 1000);
  }
})();
