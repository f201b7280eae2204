// The agent's desk: ticking timers, the ringing alert (sound, title, notification), drafts that
// survive reloads, refusals and hang-ups, the slot grid, keyboard shortcuts, and the poll that
// reloads when the state or the call changes and shows a banner while the server is unreachable.
(function () {
  "use strict";
  var desk = document.getElementById("desk");
  var poll = document.getElementById("poll");
  if (!desk) { return; }
  var d = desk.dataset;
  var announcer = document.getElementById("announcer");

  function say(text) {
    if (!announcer) { return; }
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 50);
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] === undefined ? "" : values[k]; });
  }

  // --- timers: m:ss (h:mm:ss past an hour), counting on from the server's figure ---------------
  function mmss(total) {
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return h ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
  }
  var loaded = Date.now();
  var timers = Array.prototype.slice.call(document.querySelectorAll(".timer[data-seconds]"));
  function tick() {
    var gone = Math.floor((Date.now() - loaded) / 1000);
    timers.forEach(function (el) { el.textContent = mmss(Number(el.dataset.seconds || 0) + gone); });
  }
  setInterval(tick, 1000);

  // --- drafts: per agent and interaction, in this tab's sessionStorage -------------------------
  var prefix = "mynacall:draft:" + d.user + ":";
  var here = prefix + d.interaction + ":";
  function key(form) { return here + form.dataset.draft; }
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "hidden" && el.type !== "submit" && el.type !== "button";
    });
  }
  function save(form) {
    var values = {};
    fields(form).forEach(function (el) {
      values[el.name] = (el.type === "checkbox" || el.type === "radio") ? el.checked : el.value;
    });
    try { sessionStorage.setItem(key(form), JSON.stringify(values)); } catch (e) { /* full */ }
  }
  function stored(group) {
    try { return JSON.parse(sessionStorage.getItem(here + group) || "null"); } catch (e) { return null; }
  }
  // Drafts of other calls are done with (their wrap-up was saved); the idle draft stays.
  for (var i = sessionStorage.length - 1; i >= 0; i--) {
    var k = sessionStorage.key(i);
    if (k && k.indexOf(prefix) === 0 && k.indexOf(here) !== 0 && k.indexOf(prefix + "idle:") !== 0) {
      sessionStorage.removeItem(k);
    }
  }
  if (document.querySelector(".msg.booked")) {  // the booking went through: start afresh
    sessionStorage.removeItem(here + "book");
  }
  var restored = false;
  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), function (form) {
    var values = stored(form.dataset.draft);
    fields(form).forEach(function (el) {
      var value = values ? values[el.name] : undefined;
      if (value === undefined && el.dataset.draftFrom) {  // the wrap-up note takes the call notes
        var from = stored(el.dataset.draftFrom);
        value = from ? from[el.name] : undefined;
      }
      if (value === undefined || value === "") { return; }
      if (el.type === "checkbox" || el.type === "radio") { el.checked = !!value; } else { el.value = value; }
      restored = true;
    });
    form.addEventListener("input", function () { save(form); });
    form.addEventListener("change", function () { save(form); });
  });
  if (restored) { say(d.draftRestored); }
  // Signing out leaves nothing of a resident behind in this tab.
  Array.prototype.forEach.call(document.querySelectorAll("form[action$='/logout']"), function (form) {
    form.addEventListener("submit", function () {
      for (var n = sessionStorage.length - 1; n >= 0; n--) {
        var name = sessionStorage.key(n);
        if (name && name.indexOf("mynacall:") === 0) { sessionStorage.removeItem(name); }
      }
    });
  });
  var clear = document.getElementById("book-clear");
  if (clear) {
    clear.addEventListener("click", function () {
      if (!window.confirm(clear.dataset.confirm)) { return; }
      var form = clear.form;
      sessionStorage.removeItem(key(form));
      fields(form).forEach(function (el) {
        if (el.tagName === "SELECT") { el.selectedIndex = 0; } else if (el.name !== "party_size") { el.value = ""; }
      });
    });
  }

  // --- the complaint topic ticks the escalation ------------------------------------------------
  var topic = document.getElementById("wrap-topic"), escalate = document.getElementById("wrap-escalate");
  if (topic && escalate) {
    topic.addEventListener("change", function () {
      var chosen = topic.options[topic.selectedIndex];
      if (chosen && chosen.dataset.complaint) { escalate.checked = true; }
    });
  }

  // --- the slot grid: five days of bands; a click fills the booking's day and time -------------
  var book = document.getElementById("book-form");
  var gridButton = document.getElementById("show-grid");
  var grid = document.getElementById("slot-grid");
  function showGrid() {
    var service = book.elements.service.value, center = book.elements.center.value;
    var from = book.elements.day.value;
    if (!service || !center) { book.elements.center.focus(); return; }
    var url = book.dataset.gridUrl + "?service=" + encodeURIComponent(service) +
      "&center=" + encodeURIComponent(center) + (from ? "&from=" + encodeURIComponent(from) : "");
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (reply) { return reply.ok ? reply.json() : {days: []}; })
      .then(function (data) { drawGrid(data.days || []); })
      .catch(function () { drawGrid([]); });
  }
  function drawGrid(days) {
    grid.textContent = "";
    var times = [];
    days.forEach(function (day) {
      day.slots.forEach(function (s) { if (times.indexOf(s.start) < 0) { times.push(s.start); } });
    });
    times.sort();
    if (!times.length) {
      var none = document.createElement("p");
      none.className = "msg error";
      none.textContent = d.gridEmpty + days.filter(function (x) { return x.closed; })
        .map(function (x) { return " " + x.label + "：" + x.closed; }).join("");
      grid.appendChild(none);
      return;
    }
    var table = document.createElement("table");
    table.className = "slots";
    var caption = table.createCaption();
    caption.textContent = d.gridCaption;
    var head = table.createTHead().insertRow();
    var corner = document.createElement("th");
    corner.scope = "col";
    corner.textContent = d.gridTime;
    head.appendChild(corner);
    days.forEach(function (day) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = day.label;
      if (day.closed) { th.title = day.closed; }
      head.appendChild(th);
    });
    var body = table.createTBody();
    times.forEach(function (start) {
      var row = body.insertRow();
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = start;
      row.appendChild(th);
      days.forEach(function (day) {
        var cell = row.insertCell();
        var slot = day.slots.filter(function (s) { return s.start === start; })[0];
        if (!slot) { cell.textContent = day.closed ? "―" : ""; return; }
        var b = document.createElement("button");
        b.type = "button";
        b.className = "slot";
        b.dataset.day = day.date;
        b.dataset.start = start;
        b.textContent = slot.remaining > 0 ? fill(d.gridLeft, {n: slot.remaining}) : d.gridFull;
        b.setAttribute("aria-label", day.label + " " + start + " " + b.textContent);
        b.setAttribute("aria-pressed", "false");
        if (slot.remaining <= 0) { b.disabled = true; }
        if (book.elements.day.value === day.date && book.elements.start.value === start) {
          b.setAttribute("aria-pressed", "true");
        }
        b.addEventListener("click", function () { choose(b, day.label); });
        cell.appendChild(b);
      });
    });
    var scroller = document.createElement("div");
    scroller.className = "slots-scroll";
    scroller.appendChild(table);
    grid.appendChild(scroller);
    var picked = scroller.querySelector(".slot[aria-pressed=true]");
    if (picked) { picked.scrollIntoView({block: "nearest"}); }
  }
  function choose(button, label) {
    book.elements.day.value = button.dataset.day;
    book.elements.start.value = button.dataset.start;
    Array.prototype.forEach.call(grid.querySelectorAll(".slot"), function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
    save(book);
    say(fill(d.slotChosen, {day: label, start: button.dataset.start}));
  }
  if (book && gridButton && grid) {
    gridButton.addEventListener("click", showGrid);
    if (book.elements.center.value && book.elements.day.value) { showGrid(); }
  }

  // --- ringing: sound, flashing title, desktop notification, live announcement -----------------
  var ringing = d.phase === "ringing" || d.phase === "dial";
  var alertsButton = document.getElementById("enable-alerts");
  if (alertsButton && "Notification" in window && Notification.permission === "default") {
    alertsButton.hidden = false;
    alertsButton.addEventListener("click", function () {
      Notification.requestPermission().then(function () { alertsButton.hidden = true; });
    });
  }
  function ring() {
    var Audio = window.AudioContext || window.webkitAudioContext;
    if (!Audio) { return; }
    try {
      var ctx = new Audio();
      if (ctx.state === "suspended") {  // no gesture on this page yet: the first one starts it
        var wake = function () { ctx.resume(); };
        document.addEventListener("pointerdown", wake, {once: true});
        document.addEventListener("keydown", wake, {once: true});
      }
      var beep = function () {
        if (!window.deskRinging) { ctx.close(); return; }
        [0, 0.25].forEach(function (at) {
          var osc = ctx.createOscillator(), gain = ctx.createGain();
          osc.frequency.value = 880;
          gain.gain.value = 0.2;
          osc.connect(gain);
          gain.connect(ctx.destination);
          osc.start(ctx.currentTime + at);
          osc.stop(ctx.currentTime + at + 0.18);
        });
        setTimeout(beep, 2000);
      };
      beep();
    } catch (e) { /* no audio device: the title and the notification still tell */ }
  }
  if (ringing) {
    window.deskRinging = true;
    var plain = document.title;
    var flashed = d.ringTitle + d.caller + " " + d.ringNotice;
    var on = false;
    document.title = flashed;
    setInterval(function () { on = !on; document.title = on ? plain : flashed; }, 1000);
    say(d.ringNotice + "：" + d.queue + " " + d.caller);
    ring();
    if ("Notification" in window && Notification.permission === "granted") {
      try {
        var note = new Notification(d.ringNotice, {body: d.queue + " " + d.caller, tag: d.interaction,
                                                   requireInteraction: true});
        note.onclick = function () { window.focus(); var a = document.getElementById("answer"); if (a) { a.focus(); } };
      } catch (e) { /* notifications refused by the browser */ }
    }
    var answerButton = document.getElementById("answer") || document.getElementById("dial");
    if (answerButton) { answerButton.focus(); }
  }

  // --- keyboard: Alt+A answer, Alt+H hang up, Alt+W wrap-up, Alt+S search ---------------------
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = {a: "answer", h: "hangup", w: "save-wrap-up", s: "search-reference"}[event.key.toLowerCase()];
    if (target === "answer" && !document.getElementById("answer")) { target = "dial"; }
    var el = target && document.getElementById(target);
    if (!el) { return; }
    event.preventDefault();
    if (target === "search-reference") { el.focus(); el.select(); return; }
    if (target === "save-wrap-up") {  // the form's checks still apply: focus what is missing
      if (el.form && !el.form.reportValidity()) { return; }
    }
    el.click();
  });

  // --- the poll: reload on change; a banner while the server cannot be reached -----------------
  if (!poll) { return; }
  var banner = document.getElementById("connection");
  var busy = false, failures = 0;
  function lost() {
    failures += 1;
    if (failures < 2 && navigator.onLine) { return; }  // one missed beat is no outage
    banner.hidden = false;
    banner.textContent = fill(d.lost, {n: failures});
    document.body.classList.add("offline");
  }
  function back(data) {
    if (failures >= 2 || !banner.hidden) {
      banner.hidden = true;
      document.body.classList.remove("offline");
      say(d.back);
    }
    failures = 0;
    if (data && data.version !== poll.dataset.version) { window.location.reload(); }
  }
  window.addEventListener("offline", lost);
  setInterval(function () {
    if (busy || window.softphoneBusy) { return; }
    busy = true;
    fetch(poll.dataset.url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (reply) {
        if (reply.redirected || reply.status === 401 || reply.status === 403) {
          window.location.reload();  // signed out: the login page says why
          return null;
        }
        if (!reply.ok) { lost(); return null; }
        return reply.json().then(back);
      })
      .catch(lost)
      .finally(function () { busy = false; });
  }, 1500);
})();
