// Progressive enhancement only: the pages work without it.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so screen readers and keyboard users land on it.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // The print button appears only where printing can be started from the page.
  document.querySelectorAll(".print-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});
