// The counter's list refreshes by itself, unless the clerk is typing or pressing something.
(function () {
  "use strict";
  var list = document.getElementById("day-list");
  if (!list || !window.fetch) { return; }
  var every = (parseInt(list.getAttribute("data-seconds"), 10) || 20) * 1000;
  function busy() {
    var active = document.activeElement;
    return active && active !== document.body && list.contains(active);
  }
  function refresh() {
    if (document.hidden || busy()) { return; }
    fetch(list.getAttribute("data-refresh"), { credentials: "same-origin" })
      .then(function (reply) {
        if (reply.redirected || !reply.ok) { throw new Error("refresh " + reply.status); }
        return reply.text();
      })
      .then(function (html) { list.innerHTML = html; })
      .catch(function () { /* keep the list shown; the next tick tries again */ });
  }
  window.setInterval(refresh, every);
})();
