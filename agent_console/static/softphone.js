// The in-page softphone (Twilio Voice JS SDK, bundled at set-up). Without a token (offline
// development) it stays quiet and the console's answer button drives the call simulator.
(function () {
  "use strict";
  var box = document.getElementById("softphone");
  if (!box || !box.dataset.tokenUrl) { return; }  // no bundle: the page already says so
  var current = null;
  function say(key) { box.textContent = box.dataset[key] || ""; box.className = "softphone " + key; }
  if (!window.Twilio || !window.Twilio.Device) { say("error"); return; }  // bundle failed to load

  function postForm(form) {
    return fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin"});
  }
  function hook(id, handler) {
    var button = document.getElementById(id);
    if (button && button.form) {
      button.form.addEventListener("submit", function (event) { handler(event, button.form); });
    }
  }
  hook("answer", function (event, form) {
    if (!current) { return; }             // no browser call yet: the plain form post
    event.preventDefault();
    current.accept();
    window.softphoneBusy = true;           // no page reloads while the call is live
    postForm(form);
  });
  hook("hangup", function () { if (current) { current.disconnect(); } });

  fetch(box.dataset.tokenUrl, {credentials: "same-origin"})
    .then(function (reply) { return reply.ok ? reply.json() : null; })
    .then(function (data) {
      if (!data) { say("offline"); return; }
      var device = new window.Twilio.Device(data.token, {closeProtection: true});
      device.on("registered", function () { say("ready"); });
      device.on("error", function () { say("error"); });
      device.on("incoming", function (call) {
        current = call;
        say("ringing");
        call.on("disconnect", function () {
          current = null;
          window.softphoneBusy = false;
          window.location.reload();
        });
      });
      device.register();
    })
    .catch(function () { say("error"); });
})();
