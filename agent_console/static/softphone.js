// The in-page softphone (Twilio Voice JS SDK, bundled at set-up). Without a token (offline
// development) it stays quiet and the console's answer button drives the call simulator.
(function () {
  "use strict";
  var box = document.getElementById("softphone");
  if (!box || !box.dataset.tokenUrl) { return; }  // no bundle: the page already says so
  var current = null;
  var offlineNote = document.getElementById("softphone-offline");
  function say(key) {
    box.textContent = box.dataset[key] || "";
    box.className = "softphone " + key;
    // no browser calls: say so beside the call, the simulator answers instead
    if (offlineNote) { offlineNote.hidden = key !== "offline" && key !== "error"; }
  }
  function controls(call) {  // mute and keypad act on the browser call itself
    var box = document.getElementById("call-controls");
    if (box) {
      box.hidden = false;
      // hold and transfer move the caller's leg: this browser call ends and the page follows
      Array.prototype.forEach.call(box.querySelectorAll("form"), function (form) {
        form.addEventListener("submit", function (event) {
          if (!current) { return; }
          event.preventDefault();
          if (form.querySelector("#resume") === null) { postForm(form); }
        });
      });
    }
    var mute = document.getElementById("mute"), keypad = document.getElementById("keypad-box");
    if (mute) {
      mute.hidden = false;
      mute.addEventListener("click", function () {
        var on = mute.getAttribute("aria-pressed") !== "true";
        call.mute(on);
        mute.setAttribute("aria-pressed", on ? "true" : "false");
      });
    }
    if (keypad) {
      keypad.hidden = false;
      Array.prototype.forEach.call(keypad.querySelectorAll(".key"), function (key) {
        key.addEventListener("click", function () { call.sendDigits(key.dataset.digit); });
      });
    }
  }
  // Back from hold the caller rings this browser again: take it without a click.
  var resume = document.getElementById("resume");
  if (resume && resume.form) {
    resume.form.addEventListener("submit", function () { sessionStorage.setItem("mynacall:resuming", "1"); });
  }
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
    controls(current);
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
        if (sessionStorage.getItem("mynacall:resuming")) {
          sessionStorage.removeItem("mynacall:resuming");
          call.accept();
          controls(call);
        }
        call.on("disconnect", function () {
          current = null;
          window.softphoneBusy = false;
          window.location.reload();
        });
      });
      device.register();
      // Consulted transfer: with the caller held, talk to the other agent first, then
      // transfer (the held caller then rings that agent's browser).
      var consult = document.getElementById("consult");
      var target = document.getElementById("transfer-agent");
      if (consult && target) {
        consult.hidden = false;
        consult.addEventListener("click", function () {
          device.connect({params: {To: "agent_" + target.value}}).then(function (call) {
            current = call;
            window.softphoneBusy = true;
            controls(call);
            call.on("disconnect", function () { current = null; window.softphoneBusy = false; });
          });
        });
      }
    })
    .catch(function () { say("error"); });
})();
