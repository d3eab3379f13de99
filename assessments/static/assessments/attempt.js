/* The attempt page: autosave, the question navigator and the clock.

   Autosave never loses typed text. Every change is saved: typing after a short pause (500 ms),
   a choice at once. Each save is sent with `keepalive`, so one still in flight when the page is
   left reaches the server; leaving the page (reload, close, another tab) sends what is unsaved
   at once. Until the server confirms a save, what was typed is also kept in this tab's
   sessionStorage: a reload that overtakes the last save puts it back and saves it. The status
   line says only what is true: "Saving…", "Saved HH:MM:SS" once the server said so, or
   "Not saved — retrying" while it cannot be reached (with growing pauses between tries).

   The server is the clock: it sends the seconds left, and this script only counts them down. At
   zero the page submits itself, as the server would a moment later. */
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  var summaryForm = document.getElementById("summary-form");
  var status = document.getElementById("autosave-status");
  var clock = document.getElementById("time-left");
  var nav = document.getElementById("quiz-nav");

  function say(text) { if (status) { status.textContent = text; } }

  // --- the clock --------------------------------------------------------------------------
  var deadline = null;
  function setSecondsLeft(seconds) {
    if (seconds !== null && seconds !== undefined && !isNaN(seconds)) {
      deadline = Date.now() + seconds * 1000;
    }
  }
  function timeUp() {
    if (form) {
      var confirm = document.createElement("input");
      confirm.type = "hidden"; confirm.name = "confirm"; confirm.value = "time-up";
      form.appendChild(confirm);
      form.action = form.dataset.submitUrl;
      leaving = true;
      form.submit();
    } else if (summaryForm) {
      summaryForm.submit();
    }
  }
  if (clock) {
    setSecondsLeft(parseInt(clock.dataset.seconds, 10));
    var ticking = window.setInterval(function () {
      if (deadline === null) { return; }
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      clock.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      if (left === 0) { window.clearInterval(ticking); timeUp(); }
    }, 1000);
  }

  if (!form) { return; }

  // --- autosave ---------------------------------------------------------------------------
  var url = form.dataset.autosaveUrl;
  var pageField = form.querySelector("input[name=page]");
  var pageNumber = pageField ? pageField.value : "1";
  var draftKey = "peercert-attempt-" + form.dataset.attempt + "-draft";
  var generation = 0;      // bumped by every change
  var confirmed = 0;       // the newest generation the server confirmed
  var inFlight = false, again = false, leaving = false;
  // Set while the page is being left or hidden: the browser keeps this page running until the
  // next one arrives, and a reload's GET can be answered before the leaving save lands; the
  // draft is then kept for the next page's restore() (which drops it when the server agrees).
  var flushing = false;
  var timer = null, retryPause = 0;

  function token() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function entries() {
    var list = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") { list.push([name, String(value)]); }
    });
    return list;
  }
  function remember() {
    try {
      sessionStorage.setItem(draftKey, JSON.stringify({ page: pageNumber, entries: entries() }));
    } catch (error) { /* storage full or disabled: the server save still runs */ }
  }
  function forget() {
    try { sessionStorage.removeItem(draftKey); } catch (error) { /* nothing kept */ }
  }
  function markClean(clean) { form.dataset.state = clean ? "clean" : "dirty"; }

  function timeOfDay(iso) {
    var when = iso ? new Date(iso) : new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(when.getHours()) + ":" + two(when.getMinutes()) + ":" + two(when.getSeconds());
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  function save(force) {
    timer = null;
    if (confirmed === generation) { return; }
    if (inFlight && !force) { again = true; return; }
    var sending = generation;
    inFlight = true;
    say(form.dataset.msgSaving);
    fetch(url, {
      method: "POST", body: new FormData(form), credentials: "same-origin", keepalive: true,
      headers: { "X-CSRFToken": token(), "X-Requested-With": "fetch" }
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        inFlight = false;
        if (data.saved) {
          retryPause = 0;
          confirmed = Math.max(confirmed, sending);
          setSecondsLeft(data.seconds_left);
          if (confirmed === generation) {
            if (!flushing) { forget(); }
            markClean(true);
            say(form.dataset.msgSaved + " " + timeOfDay(data.saved_at));
          } else {
            save();
          }
        } else {
          again = false;
          say(data.error);
          if (data.finished && data.review_url) { forget(); window.location.assign(data.review_url); }
        }
        if (again) { again = false; save(); }
      })
      .catch(function () {
        inFlight = false;
        if (leaving) { return; }
        say(form.dataset.msgRetrying);
        retryPause = Math.min(30000, retryPause ? retryPause * 2 : 1000);
        schedule(retryPause);
      });
  }

  function changed(delay) {
    flushing = false;
    generation += 1;
    markClean(false);
    remember();
    schedule(delay);
  }

  // Leaving or hiding the page: send what is unsaved now, without waiting for the pause.
  function flush() {
    if (leaving || confirmed === generation) { return; }
    flushing = true;
    window.clearTimeout(timer);
    save(true);
  }
  window.addEventListener("beforeunload", flush);
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { flush(); } else { flushing = false; }
  });

  form.addEventListener("input", function (event) {
    var typed = event.target.matches("textarea, input[type=text]");
    changed(typed ? 500 : 0);
    updateNavigator(event.target);
  });
  form.addEventListener("change", function (event) {
    if (!event.target.matches("textarea, input[type=text]")) { changed(0); }
    updateNavigator(event.target);
  });
  form.addEventListener("submit", function () {
    // The form itself carries every answer to the server (moving between pages, the
    // summary): no separate save is needed on the way out.
    leaving = true;
    window.clearTimeout(timer);
  });
  form.addEventListener("keydown", function (event) {
    // Enter in a one-line answer saves it; it does not leave the page.
    if (event.key === "Enter" && event.target.matches("input[type=text]")) {
      event.preventDefault();
      window.clearTimeout(timer);
      save();
    }
  });

  // What this tab typed before a reload that overtook its last save.
  function restore() {
    var draft = null;
    try { draft = JSON.parse(sessionStorage.getItem(draftKey) || "null"); } catch (error) { draft = null; }
    if (!draft || draft.page !== pageNumber || !draft.entries) { forget(); return false; }
    var values = {};
    draft.entries.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    var differs = false;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "hidden" || field.type === "submit" || field.disabled) { return; }
      var sent = values[field.name] || [];
      if (field.type === "checkbox" || field.type === "radio") {
        var checked = sent.indexOf(field.value) !== -1;
        if (field.checked !== checked) { field.checked = checked; differs = true; }
      } else if (field.name in values && field.value !== sent[0]) {
        field.value = sent[0];
        differs = true;
      }
    });
    if (!differs) { forget(); return false; }
    Array.prototype.forEach.call(form.querySelectorAll("fieldset.question"), function (set) {
      updateNavigator(set);
    });
    say(form.dataset.msgRestored);
    generation = 1;
    markClean(false);
    save();
    return true;
  }

  // --- the navigator ----------------------------------------------------------------------
  function answered(set) {
    var fields = set.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.name === "flag" || field.name === "shown" || field.type === "hidden") { continue; }
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) { return true; }
      } else if (field.value.trim() !== "") {
        return true;
      }
    }
    return false;
  }
  function updateNavigator(target) {
    if (!nav || !target) { return; }
    var set = target.closest ? target.closest("fieldset.question") : null;
    if (!set) { return; }
    var button = nav.querySelector('[data-question-id="' + set.dataset.questionId + '"]');
    if (!button) { return; }
    var isAnswered = answered(set);
    var flag = set.querySelector("input[name=flag]");
    var isFlagged = Boolean(flag && flag.checked);
    button.classList.toggle("is-answered", isAnswered);
    button.classList.toggle("is-flagged", isFlagged);
    button.setAttribute("aria-label", nav.dataset.question + " " + button.dataset.number + ": " +
      (isAnswered ? nav.dataset.answered : nav.dataset.unanswered) +
      (isFlagged ? ", " + nav.dataset.flagged : ""));
  }
  if (nav) {
    nav.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-here]");
      if (!button) { return; }
      // A question on this page: go to it without leaving the page.
      event.preventDefault();
      var set = document.getElementById("question-" + button.dataset.number);
      if (set) {
        set.scrollIntoView({ block: "start" });
        set.focus({ preventScroll: true });
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", "#question-" + button.dataset.number);
        }
      }
    });
  }

  if (!restore()) { markClean(true); }
})();
