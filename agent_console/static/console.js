// The agent's console: count time in state, and reload when the state or the call changes.
(function () {
  "use strict";
  var poll = document.getElementById("poll");
  var counter = document.getElementById("in-state");
  if (counter) {
    var started = Date.now() - Number(counter.dataset.seconds || 0) * 1000;
    setInterval(function () {
      counter.textContent = String(Math.floor((Date.now() - started) / 1000));
    }, 1000);
  }
  if (!poll) { return; }
  var busy = false;
  setInterval(function () {
    if (busy || window.softphoneBusy) { return; }
    busy = true;
    fetch(poll.dataset.url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (reply) {
        if (reply.redirected || !reply.ok) { window.location.reload(); return null; }
        return reply.json();
      })
      .then(function (data) {
        if (data && data.version !== poll.dataset.version) { window.location.reload(); }
      })
      .catch(function () { /* offline for a moment: try again on the next tick */ })
      .finally(function () { busy = false; });
  }, 1500);
})();
