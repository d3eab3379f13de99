// Wagtail 8 starts its date and time pickers, chooser widgets and inline panels with small
// inline scripts. The admin's Content-Security-Policy (cms/middleware.py) allows scripts from
// this site only, so the templates in cms/templates/wagtailadmin/ (and the chooser widgets, see
// cms/wagtail_hooks.py) leave a marker instead, and this starts each one with the same function
// and arguments: when the page has loaded, and whenever Wagtail inserts more of them (a dialog,
// a new inline form, a StreamField block). It is loaded in the admin's <head>, after Wagtail's
// own scripts and before the page's body is parsed.
(() => {
  "use strict";

  // Only these, each called as Wagtail's inline script would have called it.
  const withTarget = (fn, marker, options) => fn(marker.dataset.peercertTarget, options);
  const chooser = (Chooser, marker, options) =>
    new Chooser(marker.dataset.peercertTarget, options);
  const panel = (Panel, marker, options) => new Panel(options);
  const ARGUMENT_TAKERS = {
    initDateChooser: withTarget,
    initTimeChooser: withTarget,
    initDateTimeChooser: withTarget,
    createTaskChooser: (fn, marker) => fn(marker.dataset.peercertTarget),
    Chooser: chooser,
    SnippetChooser: chooser,
    PageChooser: chooser,
    ImageChooser: chooser,
    DocumentChooser: chooser,
    InlinePanel: panel,
    MultipleChooserPanel: panel,
  };

  function start(marker) {
    if (marker.dataset.peercertStarted) return;
    const name = marker.dataset.peercertStart;
    const call = ARGUMENT_TAKERS[name];
    if (!call || typeof window[name] !== "function") return;
    // An inline form's template (`__prefix__`) is started once Wagtail copies it into the page.
    if ((marker.dataset.peercertTarget || "").includes("__prefix__")) return;
    marker.dataset.peercertStarted = "1";
    call(window[name], marker, JSON.parse(marker.dataset.peercertOptions || "null"));
  }

  function startWithin(root) {
    if (root.matches && root.matches("[data-peercert-start]")) start(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-peercert-start]").forEach(start);
  }

  // Markers are started as the parser adds them, before DOMContentLoaded, as Wagtail's inline
  // scripts ran: Stimulus connects its controllers then and moves a chooser's dropdown menu
  // away, after which the chooser could no longer find its buttons.
  new MutationObserver((mutations) => {
    mutations.forEach((mutation) => mutation.addedNodes.forEach(startWithin));
  }).observe(document.documentElement, { childList: true, subtree: true });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => startWithin(document));
  } else {
    startWithin(document);
  }
})();
