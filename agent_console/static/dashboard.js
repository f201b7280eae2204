// The supervisors' board: a full picture on (re)connect, then changes as they are published.
(function () {
  "use strict";
  var root = document.getElementById("board");
  if (!root || !window.EventSource) { return; }
  var labels = JSON.parse(root.dataset.labels);
  var live = document.getElementById("live");
  var liveChart = root.dataset.liveChart === "1";
  var queues = {}, agents = {}, received = {}, staffing = {}, targets = null;
  var MARKS = {good: "✔", warn: "▲", bad: "✖", none: "―"};
  var SERIES = ["offered", "answered", "abandoned"];
  var perQueue = {};  // "HH:MM" -> queue -> {offered, answered, abandoned}

  function label(key) { return labels[key] || key; }
  function fill(key, values) {
    return Object.keys(values).reduce(function (s, k) { return s.split("{" + k + "}").join(values[k]); }, label(key));
  }
  function dur(s) {
    s = Math.max(0, Math.floor(s));
    if (s < 60) { return root.dataset.sec.replace("{n}", s); }
    return root.dataset.minsec.replace("{m}", Math.floor(s / 60)).replace("{s}", s % 60);
  }
  function pct(x) { return x === null || x === undefined ? "―" : (x * 100).toFixed(1) + "%"; }
  function graded(value, grade) {
    var span = document.createElement("span");
    span.className = "rate grade-" + grade;
    var v = document.createElement("span"); v.className = "value"; v.textContent = pct(value);
    var m = document.createElement("span"); m.className = "mark"; m.setAttribute("aria-hidden", "true");
    m.textContent = MARKS[grade];
    var g = document.createElement("span"); g.className = "grade-text"; g.textContent = label("grade_" + grade);
    span.appendChild(v); span.appendChild(document.createTextNode(" ")); span.appendChild(m); span.appendChild(g);
    return span;
  }
  function cell(row, content, cls) {
    var td = document.createElement("td");
    if (content instanceof Node) { td.appendChild(content); } else { td.textContent = content; }
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }
  function replaceRow(tbody, id, build) {
    if (!tbody) { return; }
    var row = document.createElement("tr");
    row.id = id;
    build(row);
    var old = document.getElementById(id);
    if (old) { old.replaceWith(row); } else { tbody.appendChild(row); }
  }
  function setTile(id, value, grade) {
    var tile = document.getElementById(id);
    if (!tile) { return; }
    var big = tile.querySelector(".big");
    big.textContent = "";
    big.appendChild(graded(value, grade));
  }
  function drawTotals() {
    var sum = {offered: 0, answered: 0, abandoned: 0, answered_in_sl: 0, waiting: 0};
    Object.keys(queues).forEach(function (q) {
      Object.keys(sum).forEach(function (k) { sum[k] += queues[q][k] || 0; });
    });
    document.getElementById("tile-waiting").textContent = sum.waiting;
    document.getElementById("tile-offered").textContent = sum.offered;
    document.getElementById("tile-abandoned").textContent = sum.abandoned;
    if (!targets) { return; }
    var ar = sum.offered ? Math.round(sum.answered / sum.offered * 1000) / 1000 : null;
    var sl = sum.offered ? Math.round(sum.answered_in_sl / sum.offered * 1000) / 1000 : null;
    setTile("tile-answer-rate", ar, grade(ar, targets.answer_rate));
    setTile("tile-service-level", sl, grade(sl, targets.service_level));
  }
  function grade(value, target) {  // the same rule as queues.wallboard.grade
    if (value === null) { return "none"; }
    if (value >= target) { return "good"; }
    return value >= target - targets.warn_band ? "warn" : "bad";
  }
  function drawTargets() {
    if (!targets) { return; }
    ["answer_rate", "service_level"].forEach(function (k) {
      var id = k.replace("_", "-");
      var hint = document.getElementById("target-" + id);
      if (hint) { hint.textContent = pct(targets[k]); }
      var tile = document.querySelector("#tile-" + id + " .target");
      if (tile) { tile.textContent = fill("target_value", {value: pct(targets[k])}); }
    });
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
      cell(row, graded(q.answer_rate, q.answer_rate_grade));
      cell(row, graded(q.service_level, q.service_level_grade));
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
  function dropAgent(id) {
    delete agents[id];
    var row = document.getElementById("agent-" + id);
    if (row) { row.remove(); }
  }
  function drawSummary() {
    var counts = {};
    Object.keys(agents).forEach(function (id) { var s = agents[id].state; counts[s] = (counts[s] || 0) + 1; });
    document.getElementById("by-state").textContent = ["offline", "available", "on_call", "wrap_up", "break"]
      .map(function (s) { return label("state_" + s) + " " + (counts[s] || 0); }).join("　");
    document.getElementById("tile-on-duty").textContent =
      (counts.available || 0) + (counts.on_call || 0) + (counts.wrap_up || 0);
  }
  function drawStaffing(list) {
    var needed = 0;
    list.forEach(function (st) {
      staffing[st.queue] = st; needed += st.agents_needed;
      replaceRow(document.querySelector("#staffing tbody"), "staffing-" + st.queue, function (row) {
        cell(row, label("queue_" + st.queue));
        cell(row, st.arrivals_30min); cell(row, dur(st.aht_seconds));
        cell(row, st.agents_on_duty);
        cell(row, graded(st.expected_service_level, st.service_level_grade));
        cell(row, st.agents_needed);
        if (st.short_by > 0) {
          var s = document.createElement("span"); s.className = "alert";
          s.textContent = "✖ " + fill("people", {n: st.short_by}); cell(row, s);
        } else { cell(row, "―"); }
      });
    });
    document.getElementById("tile-needed").textContent = needed;
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
      (c.ahead || []).forEach(function (d, i) {
        replaceRow(document.querySelector("#centres-ahead tbody"), "ahead-" + c.center_id + "-" + d.day, function (row) {
          cell(row, i === 0 ? c.name : ""); cell(row, d.label, "day");
          cell(row, d.places_left.issue_renew); cell(row, d.places_left.reception);
        });
      });
    });
  }
  function when(iso) {
    var m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(iso || "");
    return m ? (+m[2]) + "月" + (+m[3]) + "日 " + (+m[4]) + ":" + m[5] : "";
  }
  function drawEmergencies(list) {
    var banner = document.getElementById("emergency-banner");
    banner.textContent = "";
    (list || []).forEach(function (e) {
      var p = document.createElement("p");
      var icon = document.createElement("span"); icon.className = "icon"; icon.setAttribute("aria-hidden", "true");
      icon.textContent = "⚠";
      var strong = document.createElement("strong");
      strong.textContent = label("emergency_playing") + "（" + label("emergency_language_" + e.language) + "）";
      var who = document.createElement("span"); who.className = "who";
      who.textContent = fill("emergency_set_by", {by: e.by, at: when(e.at)});
      p.appendChild(icon); p.appendChild(document.createTextNode(" ")); p.appendChild(strong);
      p.appendChild(document.createTextNode(" 「" + e.text + "」 ")); p.appendChild(who);
      banner.appendChild(p);
    });
    banner.hidden = !(list && list.length);
  }

  // The chart: bars per half-hour (all queues together), drawn again on every change.
  var SVG = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function takeInterval(iv) {
    if (!iv || !liveChart) { return; }
    perQueue[iv.start] = perQueue[iv.start] || {};
    perQueue[iv.start][iv.queue] = {offered: iv.offered, answered: iv.answered, abandoned: iv.abandoned};
  }
  function bars() {
    return Object.keys(perQueue).sort().map(function (start) {
      var bar = {start: start, offered: 0, answered: 0, abandoned: 0};
      Object.keys(perQueue[start]).forEach(function (q) {
        SERIES.forEach(function (s) { bar[s] += perQueue[start][q][s] || 0; });
      });
      return bar;
    }).filter(function (b) { return b.offered + b.answered + b.abandoned > 0; });
  }
  function patterns() {  // answered hatched, abandoned cross-hatched: told apart without colour
    var defs = el("defs", {});
    [["hatch-answered", "#0b5cad", ["M0,0 L0,6"]], ["hatch-abandoned", "#b3261e", ["M0,0 L0,6", "M0,3 L6,3"]]]
      .forEach(function (p) {
        var pattern = el("pattern", {id: p[0], patternUnits: "userSpaceOnUse", width: 6, height: 6,
          patternTransform: "rotate(45)"});
        pattern.appendChild(el("rect", {width: 6, height: 6, fill: p[1]}));
        p[2].forEach(function (d) { pattern.appendChild(el("path", {d: d, stroke: "#fff", "stroke-width": 1.5})); });
        defs.appendChild(pattern);
      });
    return defs;
  }
  function niceStep(top) {
    var raw = Math.max(1, top) / 4, p = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * p; }).filter(function (s) { return s >= raw; })[0];
    return Math.max(1, step);
  }
  function endOf(start) {
    var h = +start.slice(0, 2), m = +start.slice(3) + 30;
    if (m >= 60) { h += 1; m -= 60; }
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }
  function drawChart() {
    var area = document.getElementById("chart");
    if (!area) { return; }
    var data = bars(), W = 960, H = 300, L = 56, R = 28, T = 16, B = 52;
    var first = 16, last = 40;  // 08:00 to 20:00 in half-hours, widened by data outside
    data.forEach(function (b) { var i = (+b.start.slice(0, 2)) * 2 + (+b.start.slice(3) >= 30 ? 1 : 0);
      first = Math.min(first, i); last = Math.max(last, i + 1); });
    var top = Math.max.apply(null, [1].concat(data.map(function (b) { return b.offered; })));
    var step = niceStep(top), ymax = Math.ceil(top / step) * step;
    var slots = last - first, slot = (W - L - R) / slots, bw = slot / 4;
    var svg = el("svg", {viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": label("chart_label"), "class": "history"});
    svg.appendChild(patterns());
    for (var v = 0; v <= ymax; v += step) {
      var y = T + (H - T - B) * (1 - v / ymax);
      svg.appendChild(el("line", {x1: L, x2: W - R, y1: y, y2: y, "class": "grid"}));
      svg.appendChild(el("text", {x: L - 6, y: y + 4, "class": "ytick", "text-anchor": "end"}, String(v)));
    }
    svg.appendChild(el("text", {x: 14, y: T + (H - T - B) / 2, "class": "axis-title", transform: "rotate(-90 14 " + (T + (H - T - B) / 2) + ")", "text-anchor": "middle"}, label("chart_y")));
    for (var i = first; i <= last; i += 2) {
      var x = L + (i - first) * slot, hh = Math.floor(i / 2);
      svg.appendChild(el("line", {x1: x, x2: x, y1: H - B, y2: H - B + 5, "class": "axis"}));
      svg.appendChild(el("text", {x: x, y: H - B + 18, "class": "xtick", "text-anchor": "middle"}, hh + ":00"));
    }
    svg.appendChild(el("line", {x1: L, x2: W - R, y1: H - B, y2: H - B, "class": "axis"}));
    svg.appendChild(el("text", {x: (L + W - R) / 2, y: H - 8, "class": "axis-title", "text-anchor": "middle"}, label("chart_x")));
    data.forEach(function (b) {
      var i = (+b.start.slice(0, 2)) * 2 + (+b.start.slice(3) >= 30 ? 1 : 0);
      var g = el("g", {"class": "bars", "data-start": b.start, tabindex: "0"});
      g.appendChild(el("title", {}, fill("chart_tip", {start: b.start, end: endOf(b.start),
        offered: b.offered, answered: b.answered, abandoned: b.abandoned})));
      SERIES.forEach(function (s, j) {
        var h = (H - T - B) * b[s] / ymax;
        g.appendChild(el("rect", {"class": "bar-" + s, x: L + (i - first) * slot + bw * (j + 0.5), y: H - B - h,
          width: bw, height: h, "data-value": b[s]}));
      });
      svg.appendChild(g);
    });
    area.textContent = "";
    area.appendChild(svg);
    var table = document.querySelector("#chart-table tbody");
    if (table) {
      table.textContent = "";
      data.forEach(function (b) { var row = document.createElement("tr");
        cell(row, b.start); cell(row, b.offered); cell(row, b.answered); cell(row, b.abandoned);
        table.appendChild(row); });
    }
  }
  JSON.parse(root.dataset.chart).forEach(function (row) {
    perQueue[row.start] = perQueue[row.start] || {};
    perQueue[row.start][row.queue] = row;
  });
  drawChart();

  function takeAll(data) {
    var at = Date.now();
    if (data.targets) { targets = data.targets; drawTargets(); }
    if (data.staffing) { drawStaffing(data.staffing); }
    if (data.centres) { drawCentres(data.centres); }
    if (data.emergencies) { drawEmergencies(data.emergencies); }
    (data.intervals || []).forEach(takeInterval);
    queues = {};
    Object.keys(agents).forEach(function (id) { if (!data.agents.some(function (a) { return a.id === id; })) { dropAgent(id); } });
    agents = {};
    data.queues.forEach(function (q) { queues[q.queue] = q; received["q" + q.queue] = at; drawQueue(q); });
    data.agents.forEach(function (a) { agents[a.id] = a; received["a" + a.id] = at; drawAgent(a); });
    drawSummary(); drawTotals(); drawChart();
  }
  var source = new EventSource(root.dataset.stream);
  source.onopen = function () { live.textContent = live.dataset.ok; live.className = "live ok"; };
  source.onerror = function () { live.textContent = live.dataset.down; live.className = "live down"; };
  source.addEventListener("snapshot", function (e) { takeAll(JSON.parse(e.data)); });
  source.addEventListener("live", function (e) { takeAll(JSON.parse(e.data)); });
  source.addEventListener("change", function (e) {
    var m = JSON.parse(e.data), at = Date.now();
    if (m.kind === "queue") {
      queues[m.data.queue] = m.data; received["q" + m.data.queue] = at; drawQueue(m.data);
      takeInterval(m.data.interval); drawTotals(); drawChart();
    }
    if (m.kind === "agent") {
      var operator = m.data.role !== "supervisor" && m.data.role !== "admin" || m.data.state !== "offline";
      if (operator) { agents[m.data.id] = m.data; received["a" + m.data.id] = at; drawAgent(m.data); }
      else { dropAgent(m.data.id); }
      drawSummary();
    }
    if (m.kind === "emergency") { drawEmergencies(m.data.emergencies); }
    if (m.kind === "targets") { targets = m.data; drawTargets(); drawTotals(); }
    root.dataset.lastEvent = String(m.sent_ms);
    document.dispatchEvent(new CustomEvent("board-change", {detail: m}));
  });
  setInterval(function () {
    Object.keys(agents).forEach(function (id) { drawAgent(agents[id]); });
    Object.keys(queues).forEach(function (q) { drawQueue(queues[q]); });
  }, 1000);
})();
