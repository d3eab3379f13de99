// "Copy" buttons: <button data-copy="ID"> copies the text (or value) of the element with that
// id and says so in the status element next to it. The buttons stay hidden where the clipboard
// is not available (no JavaScript, an insecure origin); the text is on the page regardless.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      var status = document.getElementById(button.dataset.copy + "-status");
      if (!source) return;
      var text = "value" in source ? source.value : source.textContent.trim();
      navigator.clipboard.writeText(text).then(
        function () {
          if (status) status.textContent = button.dataset.copied || "Copied.";
        },
        function () {
          if (status) status.textContent = button.dataset.failed || "Could not copy: select the text and copy it.";
        }
      );
    });
  });
})();
