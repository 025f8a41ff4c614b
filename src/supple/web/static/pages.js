// Small enhancements for Today, Week and Library; every page works without them.
(function () {
  "use strict";

  // The minutes stepper: - and + buttons next to the number field (shown only when this runs).
  function showSteppers(root) {
    root.querySelectorAll("button[data-step]").forEach(function (button) { button.hidden = false; });
  }

  document.addEventListener("click", function (event) {
    var step = event.target.closest("button[data-step]");
    if (step) {
      var input = document.getElementById(step.getAttribute("aria-controls"));
      if (!input) { return; }
      var low = Number(input.dataset.min || 1);
      var high = Number(input.dataset.max || 120);
      var now = parseInt(input.value, 10);
      var next = Math.min(high, Math.max(low, (isNaN(now) ? low : now) + Number(step.dataset.step)));
      if (next !== now) {
        input.value = String(next);
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      return;
    }
    var copy = event.target.closest("button[data-copy]");
    if (copy) {
      var field = document.getElementById(copy.dataset.copy);
      var status = document.getElementById("copy-status");
      var say = function (text) { if (status) { status.textContent = text; } };
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(
          function () { say("Copied. Paste it into your calendar app as a new subscription."); },
          function () { say("Could not copy: the address is selected, copy it by hand."); }
        );
      } else {
        say("The address is selected: copy it by hand.");
      }
    }
  });

  // After htmx swaps in new content, say what changed (politely) for screen-reader users.
  document.addEventListener("htmx:afterSwap", function (event) {
    showSteppers(event.detail.target);
    var said = event.detail.target.querySelector("[data-announce]");
    var live = document.getElementById("live-status");
    if (said && live) { live.textContent = said.textContent.replace(/\s+/g, " ").trim(); }
  });

  function start() {
    showSteppers(document);
    document.querySelectorAll("button[data-copy]").forEach(function (button) { button.hidden = false; });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
