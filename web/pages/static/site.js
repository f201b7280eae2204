// Progressive enhancement only: the pages work without it.
// Move focus to the error summary so screen readers and keyboard users land on it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
});
