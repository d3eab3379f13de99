// Ungraded knowledge checks: reveal the explanation after an answer is chosen.
// Graded assessments never ship answers to the browser; these are practice only.
document.addEventListener("submit", function (event) {
  var form = event.target.closest(".knowledge-check form");
  if (!form) return;
  event.preventDefault();
  var chosen = form.querySelector("input[type=radio]:checked");
  var feedback = form.querySelector(".kc-feedback");
  if (!chosen) {
    feedback.textContent = form.dataset.pick;
    return;
  }
  feedback.textContent = chosen.dataset.correct === "true" ? form.dataset.right : form.dataset.wrong;
  form.querySelector(".kc-explanation").hidden = false;
});

// Read-only links (verification URLs) select themselves so they are easy to copy.
document.addEventListener("focusin", function (event) {
  if (event.target.matches && event.target.matches("input[data-select-on-focus]")) {
    event.target.select();
  }
});

// The crisis banner on a phone: one short line, and "More" shows the rest (CSS decides when
// the banner is narrow enough to collapse; without this script it always shows in full).
(function () {
  var banner = document.querySelector(".crisis-banner");
  var toggle = banner && banner.querySelector(".crisis-more-toggle");
  if (!toggle) return;
  banner.classList.add("is-collapsible");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = banner.classList.toggle("is-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
