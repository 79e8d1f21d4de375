/* The interactive explorer's script (scripts/flashpoint_analysis/explore.py writes it into the
 * page). It draws and adds up only: every number it shows was computed in Python from the
 * results file (the posts' holders on each day they change, where each event happened, the
 * daily series). docs/analysis.md, "The interactive explorer". */
"use strict";
(function () {
  const root = document.documentElement;
  const D = JSON.parse(document.getElementById("explorer-data").textContent);
  const G = D.geo;
  const S = D.strings;
  const last = D.dates.length - 1;
  const state = {group: 0, run: D.groups[0].runs[0], day: 0, timer: null};

  // ------------------------------------------------------------------------------ helpers
  function $(id) { return document.getElementById(id); }

  // SVG elements need the SVG namespace: the one the HTML parser gave the page's inline <svg>
  // (the page names no address, not even a namespace's).
  const svgNamespace = document.getElementById("map").namespaceURI;
  function el(name, attrs, parent) {
    const node = document.createElementNS(svgNamespace, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(name, attrs, parent, text) {
    const node = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function human(v) {
    if (v === null || v === undefined) return "-";
    const a = Math.abs(v);
    for (const [limit, suffix] of [[1e9, "B"], [1e6, "M"], [1e3, "k"]]) {
      if (a >= limit) return (v / limit).toFixed(1).replace(/\.0$/, "") + suffix;
    }
    return Number.isInteger(v) ? String(v) : v.toFixed(a < 1 ? 3 : 1);
  }
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                  "Dec"];
  function shortDate(day) {
    const d = D.dates[day];
    return d ? MONTHS[Number(d.slice(5, 7)) - 1] + " " + Number(d.slice(8, 10)) : "";
  }
  function run() { return D.runs[state.run]; }

  // ---------------------------------------------------------------------------------- map
  const WIDTH = 640;
  const k = WIDTH / ((G.x_lim[1] - G.x_lim[0]) * G.cos0);
  const HEIGHT = (G.y_lim[1] - G.y_lim[0]) * k;
  function px(lon) { return (lon - G.x_lim[0]) * G.cos0 * k; }
  function py(lat) { return (G.y_lim[1] - lat) * k; }
  const R_MAX = 24;  // pixels, the circle of the district with the most deaths of any run
  const map = {posts: [], crossings: [], districts: [], districtLabels: [], sectorLabels: []};

  function buildMap() {
    const svg = $("map");
    svg.setAttribute("viewBox", `0 0 ${WIDTH.toFixed(1)} ${HEIGHT.toFixed(1)}`);
    // A light grid every degree, labelled along the edges.
    const grid = el("g", {class: "graticule"}, svg);
    for (let lon = Math.ceil(G.x_lim[0]); lon <= G.x_lim[1]; lon++) {
      el("line", {x1: px(lon), x2: px(lon), y1: -HEIGHT, y2: 2 * HEIGHT}, grid);
      el("text", {x: px(lon) + 2, y: HEIGHT - 4}, grid).textContent = lon + "°E";
    }
    for (let lat = Math.ceil(G.y_lim[0]); lat <= G.y_lim[1]; lat++) {
      el("line", {x1: -WIDTH, x2: 2 * WIDTH, y1: py(lat), y2: py(lat)}, grid);
      el("text", {x: 3, y: py(lat) - 3}, grid).textContent = lat + "°N";
    }
    // The border through the sector centroids, in their order along it.
    const line = G.border.map(i => `${px(G.sectors[i].lon).toFixed(1)},${py(G.sectors[i].lat).toFixed(1)}`);
    if (line.length > 1) el("polyline", {class: "border", points: line.join(" ")}, svg);
    // Districts: a circle sized by deaths up to the day, ringed in its state's colour.
    const districts = el("g", {class: "districts"}, svg);
    G.districts.forEach((d, i) => {
      const c = el("circle", {class: "district", cx: px(d.lon), cy: py(d.lat), r: 3,
                              stroke: G.state_colors[d.state] || "#888",
                              "data-district": d.id}, districts);
      el("title", {}, c);
      map.districts.push(c);
      const t = el("text", {class: "district-label", x: px(d.lon) + 5, y: py(d.lat) - 5}, districts);
      map.districtLabels.push(t);
    });
    // Posts: one square each, on the side of the border it stood on at day 0.
    const posts = el("g", {class: "posts"}, svg);
    const size = G.post_size * k;
    for (const [sector, home, lon, lat] of G.posts) {
      const r = el("rect", {class: "post", x: (px(lon) - size / 2).toFixed(2),
                            y: (py(lat) - size / 2).toFixed(2), width: size.toFixed(2),
                            height: size.toFixed(2), "data-sector": G.sectors[sector].id,
                            "data-home": G.states[home]}, posts);
      el("title", {}, r);
      map.posts.push(r);
    }
    // Crossings: a diamond when open, a cross when closed.
    const crossings = el("g", {class: "crossings"}, svg);
    const shift = {};
    G.crossings.forEach((c, i) => {
      const n = shift[c.sector] = (shift[c.sector] || 0) + 1;  // several on one sector: spread
      const x = px(c.lon) + (n - 1) * 12, y = py(c.lat);
      const g = el("g", {class: "crossing", "data-crossing": c.id,
                         transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`}, crossings);
      el("path", {class: "open-mark", d: "M0,-7 L7,0 L0,7 L-7,0 Z", fill: G.colors.open}, g);
      el("path", {class: "closed-mark", d: "M-6,-6 L6,6 M6,-6 L-6,6", stroke: G.colors.closed}, g);
      el("title", {}, g);
      if (c.id !== (G.sectors[c.sector] || {}).id) {
        el("text", {class: "crossing-label", x: 9, y: 4}, g).textContent = c.id;
      }
      map.crossings.push(g);
    });
    // Sector labels beyond the posts, with the deaths at the sector's posts.
    const labels = el("g", {class: "sector-labels"}, svg);
    G.sectors.forEach(s => {
      const x = px(s.label[0]), y = py(s.label[1]);
      const t = el("text", {class: "sector-label", x: x, y: y + 3,
                            "text-anchor": x < px(s.lon) ? "end" : "start"}, labels);
      map.sectorLabels.push(t);
    });
    // The legend under the map.
    const legend = $("legend");
    G.states.forEach((s, i) => {
      const item = html("span", {class: "item"}, legend);
      html("span", {class: "swatch", style: `background:${G.state_colors[i]}`}, item);
      html("span", {id: `held-${s}`, "data-state": s}, item);
    });
    const open = html("span", {class: "item"}, legend);
    html("span", {class: "swatch diamond", style: `background:${G.colors.open}`}, open);
    open.append("crossing open");
    const closed = html("span", {class: "item"}, legend);
    html("span", {class: "closed-x", style: `color:${G.colors.closed}`}, closed, "✕");
    closed.append("closed");
    const dead = html("span", {class: "item"}, legend);
    html("span", {class: "swatch round", style: `background:${G.colors.death}`}, dead);
    dead.append("district: area by deaths located there, day 0 to the day; † deaths at a " +
                "sector's posts");
  }

  // The holders of the posts on `day`: the last change on or before it (computed in Python).
  // The map's frame: the places' extent, widened to hold every label (with room for the deaths
  // that later days add to them).
  function fitMap() {
    const svg = $("map");
    let x0 = 0, x1 = WIDTH, y0 = 0, y1 = HEIGHT;
    for (const g of svg.children) {
      if (g.classList.contains("graticule")) continue;  // its lines reach beyond the frame
      const box = g.getBBox();
      if (box.width === 0 && box.height === 0) continue;
      x0 = Math.min(x0, box.x - 30);
      x1 = Math.max(x1, box.x + box.width + 30);
      y0 = Math.min(y0, box.y - 4);
      y1 = Math.max(y1, box.y + box.height + 4);
    }
    svg.setAttribute("viewBox", `${x0.toFixed(1)} ${y0.toFixed(1)} ${(x1 - x0).toFixed(1)} ` +
                     `${(y1 - y0).toFixed(1)}`);
  }

  function holdersOn(r, day) {
    let held = r.holdings[0][1];
    for (const [d, holders] of r.holdings) {
      if (d > day) break;
      held = holders;
    }
    return held;
  }

  function updateMap() {
    const r = run(), day = state.day;
    const held = holdersOn(r, day);
    const counts = G.states.map(() => 0);
    map.posts.forEach((rect, p) => {
      const who = held[p];
      const name = who >= 0 ? G.states[who] : "none";
      if (who >= 0) counts[who] += 1;
      rect.setAttribute("data-holder", name);
      rect.setAttribute("fill", who >= 0 ? G.state_colors[who] : "#ffffff");
      rect.firstChild.textContent = `post of ${rect.dataset.home} at ${rect.dataset.sector}, ` +
        (who >= 0 ? `held by ${name}` : "held by nobody");
    });
    G.states.forEach((s, i) => {
      $(`held-${s}`).textContent = `${s} holds ${counts[i]} posts`;
      $(`held-${s}`).setAttribute("data-posts", counts[i]);
    });
    const open = r.crossing_open[day] || [];
    map.crossings.forEach((g, i) => {
      const isOpen = open[i] === undefined ? "" : String(open[i]);
      g.setAttribute("data-open", isOpen);
      g.querySelector("title").textContent = `crossing ${G.crossings[i].id}: ` +
        (isOpen === "1" ? "open" : isOpen === "0" ? "closed" : "unknown");
    });
    // Districts and sectors: the day's additions summed from day 0.
    const deaths = G.districts.map(() => 0), events = G.districts.map(() => 0);
    for (const [d, i, dead, n] of r.districts) {
      if (d > day) break;
      deaths[i] += dead;
      events[i] += n;
    }
    const sectorDeaths = G.sectors.map(() => 0);
    for (const [d, i, dead] of r.sectors) {
      if (d > day) break;
      sectorDeaths[i] += dead;
    }
    map.districts.forEach((c, i) => {
      const dead = deaths[i];
      const radius = dead > 0 ? Math.max(3.5, R_MAX * Math.sqrt(dead / G.largest_district_deaths)) : 3;
      c.setAttribute("r", radius.toFixed(2));
      c.setAttribute("data-deaths", dead);
      c.setAttribute("data-events", events[i]);
      c.classList.toggle("dead", dead > 0);
      c.firstChild.textContent = `${G.districts[i].id}: ${dead} deaths in ${events[i]} events ` +
        "from day 0 to the day";
      const t = map.districtLabels[i];
      t.setAttribute("x", (Number(c.getAttribute("cx")) + radius * 0.75 + 2).toFixed(1));
      t.textContent = dead > 0 ? `${G.districts[i].id} ${dead}` : "";
    });
    map.sectorLabels.forEach((t, i) => {
      t.textContent = G.sectors[i].id + (sectorDeaths[i] > 0 ? ` †${sectorDeaths[i]}` : "");
      t.setAttribute("data-deaths", sectorDeaths[i]);
    });
  }

  // ------------------------------------------------------------------------------- events
  function dayRange(r) {  // [first, end) of each day's events: a run's events are in day order
    if (r.dayIndex) return r.dayIndex;
    const first = new Array(D.dates.length + 1).fill(-1);
    r.events.forEach((e, i) => { if (first[e[0]] < 0) first[e[0]] = i; });
    first[D.dates.length] = r.events.length;
    for (let d = D.dates.length - 1; d >= 0; d--) if (first[d] < 0) first[d] = first[d + 1];
    r.dayIndex = first;
    return first;
  }

  function updateEvents() {
    const r = run(), day = state.day;
    const list = $("events");
    list.textContent = "";
    const from = dayRange(r);
    let dead = 0, n = 0;
    for (let i = from[day]; i < from[day + 1]; i++) {
      const [d, actor, target, code, place, deaths, action] = r.events[i];
      if (d !== day) continue;
      n += 1;
      dead += deaths;
      const li = html("li", {"data-cameo": S[code], "data-deaths": deaths}, list);
      html("span", {class: "dyad"}, li, S[actor] + (S[target] ? " → " + S[target] : ""));
      html("span", {class: "cameo"}, li, `${S[code]} ${D.cameo[S[code]] || ""}`.trim());
      if (S[action]) html("span", {class: "action"}, li, S[action]);
      if (S[place]) html("span", {class: "place"}, li, S[place]);
      if (deaths > 0) html("span", {class: "deaths"}, li, `${deaths} dead`);
    }
    if (n === 0) html("li", {class: "none"}, list, "no events on this day");
    $("events-date").textContent = D.dates[day];
    list.setAttribute("data-count", n);
    const esc = r.series.escalation ? r.series.escalation[0][day] : null;
    const open = (r.crossing_open[day] || []).filter(v => v === 1).length;
    const parts = [`${n} events, ${dead} dead`];
    if (esc !== null) parts.push(`escalation rung ${esc}` + (D.rungs[esc] ? ` (${D.rungs[esc]})` : ""));
    if (r.ceasefire[day]) parts.push("ceasefire in force");
    if (G.crossings.length) parts.push(`${open} of ${G.crossings.length} crossings open`);
    $("day-summary").textContent = parts.join("; ");
  }

  // ------------------------------------------------------------------------------- charts
  const charts = [];
  const days = D.dates.map((_, i) => i);

  function chartData(spec) { return [days].concat(run().series[spec.id]); }

  function shadeCeasefire(u) {  // behind the lines: days with a ceasefire in force
    const cf = run().ceasefire, ctx = u.ctx;
    const top = u.bbox.top, h = u.bbox.height;
    ctx.save();
    ctx.fillStyle = "rgba(107, 174, 214, 0.28)";
    for (let d = 0; d < cf.length; d++) {
      if (!cf[d]) continue;
      const x0 = u.valToPos(d - 0.5, "x", true), x1 = u.valToPos(d + 0.5, "x", true);
      ctx.fillRect(x0, top, x1 - x0, h);
    }
    ctx.restore();
  }

  function drawMarker(u) {  // the slider's day
    const x = Math.round(u.valToPos(state.day, "x", true));
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = "#111";
    ctx.lineWidth = 2 * (window.devicePixelRatio || 1);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  }

  // Steps between the ticks of a chart of whole numbers: 1, 2, 5, 10, 20, 50, ...
  const INTEGER_STEPS = [];
  for (let p = 1; p <= 1e12; p *= 10) INTEGER_STEPS.push(p, 2 * p, 5 * p);

  // The legend gives the values at the slider's day, except while the cursor is on a chart.
  function legendAtDay(u) {
    if (u.cursor.idx === null || u.cursor.idx === undefined) u.setLegend({idx: state.day}, false);
  }

  function chartWidth() {
    const box = $("charts");
    const columns = box.clientWidth > 900 ? 2 : 1;
    return Math.max(280, Math.floor((box.clientWidth - 24 * columns) / columns));
  }

  function buildCharts() {
    const box = $("charts");
    const width = chartWidth();
    for (const spec of D.charts) {
      const div = html("div", {class: "chart", id: `chart-${spec.id}`}, box);
      html("h3", {}, div, spec.title);
      const series = [{label: "date", value: (u, v) => (v === null ? "-" : D.dates[v])}];
      spec.labels.forEach((label, i) => series.push({
        label: label, stroke: spec.colors[i], width: 1.6,
        paths: spec.stepped ? uPlot.paths.stepped({align: 1}) : undefined,
        value: (u, v) => human(v),
      }));
      const y = {label: spec.unit, size: 56, labelSize: 16, values: (u, splits) => splits.map(human)};
      if (spec.integer) y.incrs = INTEGER_STEPS;
      const opts = {
        width: width, height: 170, series: series,
        scales: {x: {time: false, range: [-0.5, last + 0.5]},
                 y: spec.range ? {range: spec.range} : {}},
        axes: [
          {space: 70, incrs: [1, 2, 7, 14, 28, 56, 91, 182, 364],
           values: (u, splits) => splits.map(v => shortDate(v))},
          y,
        ],
        cursor: {drag: {x: false, y: false, setScale: false}, sync: {key: "fp-days"}},
        legend: {live: true},
        hooks: {drawClear: [shadeCeasefire], draw: [drawMarker, legendAtDay],
                setCursor: [legendAtDay]},
      };
      const u = new uPlot(opts, chartData(spec), div);
      // Clicking a chart moves the slider to the day clicked.
      u.over.addEventListener("click", e => {
        const day = Math.round(u.posToVal(e.offsetX, "x"));
        setDay(Math.min(last, Math.max(0, day)));
      });
      charts.push({spec: spec, u: u});
    }
  }

  function updateCharts(newData) {
    for (const c of charts) {
      if (newData) c.u.setData(chartData(c.spec));
      else c.u.redraw(false);
    }
  }

  // ----------------------------------------------------------------------------- controls
  function setDay(day) {
    state.day = day;
    $("day").value = String(day);
    $("date").textContent = `day ${day} of ${last}: ${D.dates[day]}`;
    root.setAttribute("data-day", day);
    updateMap();
    updateEvents();
    updateCharts(false);
  }

  function setRun(index) {
    state.run = index;
    const r = run();
    root.setAttribute("data-run", r.run);
    updateMap();
    updateEvents();
    updateCharts(true);
  }

  function fillRuns() {
    const select = $("run");
    select.textContent = "";
    for (const index of D.groups[state.group].runs) {
      html("option", {value: index}, select, D.runs[index].label);
    }
    select.value = String(state.run);
  }

  function play() {
    if (state.timer) {
      clearInterval(state.timer);
      state.timer = null;
      $("play").textContent = "▶ play";
      return;
    }
    if (state.day >= last) setDay(0);
    $("play").textContent = "❚❚ pause";
    state.timer = setInterval(() => {
      if (state.day >= last) { play(); return; }
      setDay(state.day + 1);
    }, 250);
  }

  function buildControls() {
    if (D.group_kind) {
      $("option-label").hidden = false;
      $("option-kind").textContent = D.group_kind;
      D.groups.forEach((g, i) => html("option", {value: i}, $("option"), g.label));
    }
    fillRuns();
    $("option").addEventListener("change", () => {
      const position = D.groups[state.group].runs.indexOf(state.run);
      state.group = Number($("option").value);
      const runs = D.groups[state.group].runs;
      state.run = runs[Math.min(Math.max(position, 0), runs.length - 1)];
      fillRuns();
      setRun(state.run);
    });
    $("run").addEventListener("change", () => setRun(Number($("run").value)));
    $("day").addEventListener("input", () => setDay(Number($("day").value)));
    $("play").addEventListener("click", play);
    window.addEventListener("resize", () => {
      const width = chartWidth();
      for (const c of charts) c.u.setSize({width: width, height: 170});
    });
  }

  // ------------------------------------------------------------- the read-only test hook
  const api = Object.freeze({
    get ready() { return root.getAttribute("data-explorer") === "ready"; },
    get day() { return state.day; },
    get date() { return D.dates[state.day]; },
    get selection() {
      const r = run();
      return Object.freeze({group: D.group_kind ? D.groups[state.group].label : null,
                            run: r.run, label: r.label});
    },
    // What each chart holds now, read back from uPlot: [x (day indices), line, line, ...].
    get series() {
      return charts.map(c => ({id: c.spec.id, labels: c.spec.labels.slice(),
                               data: c.u.data.map(a => Array.from(a))}));
    },
  });
  Object.defineProperty(window, "flashpointExplorer", {value: api, writable: false,
                                                       configurable: false, enumerable: true});

  try {
    buildControls();
    buildMap();
    buildCharts();
    setRun(state.run);
    setDay(0);
    fitMap();
    root.setAttribute("data-explorer", "ready");
  } catch (err) {
    root.setAttribute("data-explorer", "error");
    console.error("explorer: " + (err && err.stack ? err.stack : err));
  }
})();
