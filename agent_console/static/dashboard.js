// The supervisors' board: a full picture on (re)connect, then changes as they are published.
(function () {
  "use strict";
  var root = document.getElementById("board");
  if (!root || !window.EventSource) { return; }
  var labels = JSON.parse(root.dataset.labels);
  var live = document.getElementById("live");
  var queues = {}, agents = {}, received = {};

  function label(key) { return labels[key] || key; }
  function dur(s) {
    s = Math.max(0, Math.floor(s));
    if (s < 60) { return root.dataset.sec.replace("{n}", s); }
    return root.dataset.minsec.replace("{m}", Math.floor(s / 60)).replace("{s}", s % 60);
  }
  function cell(row, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }
  function replaceRow(tbody, id, build) {
    var row = document.createElement("tr");
    row.id = id;
    build(row);
    var old = document.getElementById(id);
    if (old) { old.replaceWith(row); } else { tbody.appendChild(row); }
  }
  function drawQueue(q) {
    replaceRow(document.querySelector("#queues tbody"), "queue-" + q.queue, function (row) {
      row.dataset.queue = q.queue;
      var name = cell(row, label("queue_" + q.queue));
      if (!q.open) { var s = document.createElement("span"); s.className = "alert";
        s.textContent = " " + label("queue_closed"); name.appendChild(s); }
      cell(row, q.waiting, "big waiting");
      cell(row, dur(q.longest_wait_seconds + (Date.now() - received["q" + q.queue]) / 1000 * (q.waiting > 0 ? 1 : 0)));
      cell(row, dur(q.average_wait_seconds));
      cell(row, q.offered); cell(row, q.answered); cell(row, q.abandoned);
      cell(row, q.service_level === null ? "―" : Math.round(q.service_level * 100) + "%");
      cell(row, q.callbacks_waiting); cell(row, q.agents_on_duty);
    });
  }
  function drawAgent(a) {
    replaceRow(document.querySelector("#agents tbody"), "agent-" + a.id, function (row) {
      cell(row, a.name);
      cell(row, label("state_" + a.state) + (a.reason ? "（" + label("reason_" + a.reason) + "）" : ""),
           "state-cell-" + a.state);
      cell(row, dur(a.seconds_in_state + (Date.now() - received["a" + a.id]) / 1000));
      var extra = (Date.now() - received["a" + a.id]) / 1000;
      ["on_call", "wrap_up", "break"].forEach(function (st) {
        cell(row, dur((a.today_seconds || {})[st] + (a.state === st ? extra : 0) || 0));
      });
      cell(row, (a.topics || []).map(function (q) { return label("queue_" + q); }).join(" "));
    });
  }
  function drawSummary() {
    var counts = {};
    Object.keys(agents).forEach(function (id) { var s = agents[id].state; counts[s] = (counts[s] || 0) + 1; });
    document.getElementById("by-state").textContent = ["offline", "available", "on_call", "wrap_up", "break"]
      .map(function (s) { return label("state_" + s) + " " + (counts[s] || 0); }).join("　");
  }
  function pct(x) { return Math.round(x * 100) + "%"; }
  function drawStaffing(list) {
    list.forEach(function (st) {
      replaceRow(document.querySelector("#staffing tbody"), "staffing-" + st.queue, function (row) {
        cell(row, label("queue_" + st.queue));
        cell(row, st.arrivals_30min); cell(row, dur(st.aht_seconds));
        cell(row, st.agents_needed, st.agents_needed > st.agents_on_duty ? "alert" : "");
        cell(row, st.agents_on_duty); cell(row, pct(st.expected_service_level));
      });
    });
  }
  function drawCentres(list) {
    list.forEach(function (c) {
      replaceRow(document.querySelector("#centres tbody"), "centre-" + c.center_id, function (row) {
        cell(row, c.name + (c.open ? "" : "（" + label("closed_today") + "）"));
        cell(row, c.places_left.issue_renew); cell(row, c.places_left.reception);
        cell(row, c.booked_today); cell(row, c.checked_in); cell(row, c.waiting);
        cell(row, c.served); cell(row, c.no_shows); cell(row, c.walk_ins);
        cell(row, c.cards.received); cell(row, c.cards.issued); cell(row, c.cards.in_safe);
      });
    });
  }
  function takeAll(data) {
    var at = Date.now();
    if (data.staffing) { drawStaffing(data.staffing); }
    if (data.centres) { drawCentres(data.centres); }
    queues = {}; agents = {};
    data.queues.forEach(function (q) { queues[q.queue] = q; received["q" + q.queue] = at; drawQueue(q); });
    data.agents.forEach(function (a) { agents[a.id] = a; received["a" + a.id] = at; drawAgent(a); });
    drawSummary();
  }
  var source = new EventSource(root.dataset.stream);
  source.onopen = function () { live.textContent = live.dataset.ok; live.className = "live ok"; };
  source.onerror = function () { live.textContent = live.dataset.down; live.className = "live down"; };
  source.addEventListener("snapshot", function (e) { takeAll(JSON.parse(e.data)); });
  source.addEventListener("live", function (e) { takeAll(JSON.parse(e.data)); });
  source.addEventListener("change", function (e) {
    var m = JSON.parse(e.data), at = Date.now();
    if (m.kind === "queue") { queues[m.data.queue] = m.data; received["q" + m.data.queue] = at; drawQueue(m.data); }
    if (m.kind === "agent") { agents[m.data.id] = m.data; received["a" + m.data.id] = at; drawAgent(m.data); drawSummary(); }
    root.dataset.lastEvent = String(m.sent_ms);
    document.dispatchEvent(new CustomEvent("board-change", {detail: m}));
  });
  setInterval(function () {
    Object.keys(agents).forEach(function (id) { drawAgent(agents[id]); });
    Object.keys(queues).forEach(function (q) { drawQueue(queues[q]); });
  }, 1000);
})();
