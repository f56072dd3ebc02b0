import { PAGE_BASICS_JS } from "../../../adapter/page-basics";

/**
 * The status page's script (plain ES2017 for any browser, no framework): fetches `status.json` every
 * two seconds and rebuilds the tables. Everything is written with `textContent`, so text a caller sent
 * (an unknown path, an error message) is shown, never interpreted.
 */
export const STATUS_JS = `"use strict";
(function () {
  var POLL_MS = 2000;

${PAGE_BASICS_JS}
  function cell(value, cls) {
    if (value instanceof Node) { var td = el("td", cls); td.appendChild(value); return td; }
    return el("td", cls, value);
  }

  /** head: rows of [text, cls, colspan]; rows: arrays of td elements. */
  function fill(id, head, rows, emptyText) {
    var table = document.getElementById(id);
    table.textContent = "";
    var thead = el("thead");
    head.forEach(function (hr) {
      var tr = el("tr");
      hr.forEach(function (h) {
        var th = el("th", h[1] || "", h[0]);
        if (h[2]) th.colSpan = h[2];
        tr.appendChild(th);
      });
      thead.appendChild(tr);
    });
    table.appendChild(thead);
    var tbody = el("tbody");
    if (rows.length === 0) {
      var tr = el("tr");
      var td = el("td", "empty", emptyText);
      td.colSpan = head[head.length - 1].reduce(function (n, h) { return n + (h[2] || 1); }, 0);
      tr.appendChild(td);
      tbody.appendChild(tr);
    }
    rows.forEach(function (cells) {
      var tr = el("tr");
      cells.forEach(function (c) { tr.appendChild(c); });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
  }

  function ms(v) {
    if (v === undefined || v === null) return "–";
    if (v < 1) return v.toFixed(2);
    if (v < 100) return v.toFixed(1);
    if (v < 10000) return String(Math.round(v));
    return (v / 1000).toFixed(1) + " s";
  }

  function duration(s) {
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    if (d > 0) return d + " d " + h + " h";
    if (h > 0) return h + " h " + m + " min";
    if (m > 0) return m + " min " + (s % 60) + " s";
    return s + " s";
  }

  function clock(t) {
    var d = new Date(t);
    function p(n, w) { return String(n).padStart(w || 2, "0"); }
    return p(d.getHours()) + ":" + p(d.getMinutes()) + ":" + p(d.getSeconds()) + "." + p(d.getMilliseconds(), 3);
  }

  function badge(text, kind) { return el("span", "badge " + kind, text); }

  function options(o) {
    var span = el("span");
    var keys = o && typeof o === "object" ? Object.keys(o) : [];
    if (keys.length === 0) span.appendChild(el("span", "muted", "defaults"));
    keys.forEach(function (k) {
      var v = o[k];
      span.appendChild(el("span", "opt mono", k + "=" + (typeof v === "object" ? JSON.stringify(v) : String(v))));
    });
    return span;
  }

  /** The mount's name, and a link to the page its adapter serves about it when it has one. */
  function mountName(m) {
    var span = el("span");
    span.appendChild(el("span", "mono", m.name));
    if (m.page) {
      var a = el("a", "pagelink", m.page.title);
      a.href = m.page.href;
      span.appendChild(a);
    }
    return span;
  }

  function streamSummary(s) {
    var total = s.live + s.connecting + s.down;
    if (total === 0) return el("span", "muted", "none");
    var span = el("span");
    span.appendChild(badge(s.live + " live", s.live === total ? "ok" : "warn"));
    if (s.connecting) { span.appendChild(document.createTextNode(" ")); span.appendChild(badge(s.connecting + " reconnecting", "warn")); }
    if (s.down) { span.appendChild(document.createTextNode(" ")); span.appendChild(badge(s.down + " down", "err")); }
    span.appendChild(el("span", "muted", "  " + total + " streams, " + s.reconnects + " reconnects"));
    return span;
  }

  var WINDOW_HEAD = [["calls", "num sep"], ["errors", "num"], ["p50 ms", "num"], ["p99 ms", "num"]];
  function windowHead(first) {
    return [
      first.map(function () { return [""]; }).concat([["last 5 min", "group sep", 4], ["last 60 min", "group sep", 4]]),
      first.concat(WINDOW_HEAD, WINDOW_HEAD)
    ];
  }
  /** Errors in red; calls answered "not supported" (a method the adapter lacks) apart, in grey. */
  function errorsCell(w) {
    var td = cell(w.errors, w.errors > 0 ? "num bad" : "num");
    if (w.unsupported > 0) td.appendChild(el("span", "unsupported", w.unsupported + " not supported"));
    return td;
  }
  function windowCells(w, countKey) {
    return [
      cell(w[countKey || "calls"], "num sep"),
      errorsCell(w),
      cell(ms(w.p50Ms), "num"),
      cell(ms(w.p99Ms), "num")
    ];
  }

  function render(s) {
    document.getElementById("version").textContent = "v" + s.version;
    document.getElementById("uptime").textContent = duration(s.uptimeSeconds);

    fill("mounts", [[["mount"], ["adapter"], ["options"], ["streams"]]], s.mounts.map(function (m) {
      return [cell(mountName(m)), cell(m.adapter), cell(options(m.options), "wrap"), cell(streamSummary(m.streams))];
    }), "no exchanges mounted");

    fill("calls", windowHead([["mount"], ["method"]]), s.calls.map(function (r) {
      return [cell(r.exchange, "mono"), cell(r.method, "mono")].concat(windowCells(r.last5m), windowCells(r.last60m));
    }), "no calls in the last hour");

    fill("upstream", windowHead([["mount"], ["endpoint"]]), s.upstream.map(function (r) {
      return [cell(r.exchange, "mono"), cell(r.endpoint, "mono")].concat(windowCells(r.last5m), windowCells(r.last60m));
    }), "no upstream requests in the last hour");

    fill("limits", [
      [[""], [""], ["last 5 min", "group sep", 3], ["last 60 min", "group sep", 3]],
      [["mount"], ["scope"], ["waits", "num sep"], ["waited s", "num"], ["refusals", "num"],
        ["waits", "num sep"], ["waited s", "num"], ["refusals", "num"]]
    ], s.rateLimits.map(function (r) {
      function w(x) {
        return [cell(x.waits, "num sep"), cell(x.waitSeconds.toFixed(2), "num"),
          cell(x.refusals, x.refusals > 0 ? "num bad" : "num")];
      }
      return [cell(r.exchange, "mono"), cell(r.scope, "mono")].concat(w(r.last5m), w(r.last60m));
    }), "no waits or refusals in the last hour");

    var streamRows = [];
    s.mounts.forEach(function (m) {
      m.streams.list.forEach(function (st) {
        var kind = st.state === "live" ? "ok" : st.state === "down" ? "err" : "warn";
        var age = st.lastMessageAt ? duration(Math.max(0, Math.round((s.now - st.lastMessageAt) / 1000))) + " ago" : "never";
        streamRows.push([cell(m.name, "mono"), cell(st.channel, "mono"), cell(st.key, "mono"),
          cell(badge(st.state, kind)), cell(st.reconnects, "num"), cell(age, "num")]);
      });
    });
    document.getElementById("streams-section").hidden = streamRows.length === 0;
    fill("streams", [[["mount"], ["channel"], ["instrument or account"], ["state"], ["reconnects", "num"], ["last message", "num"]]],
      streamRows, "no streams");

    fill("recent", [[["time"], ["mount"], ["method"], ["outcome"], ["ms", "num"], ["access key"]]],
      s.recent.map(function (c) {
        var outcome = el("span");
        if (c.outcome === "ok") outcome.appendChild(badge("ok", "ok"));
        else {
          // "not supported" is a normal answer of an adapter that lacks the method, not a failure.
          var neutral = c.outcome === "not-supported";
          outcome.appendChild(badge(c.outcome, neutral ? "neutral" : "err"));
          if (c.error) outcome.appendChild(el("span", neutral ? "note" : "errtext", c.error));
        }
        var tr = [cell(clock(c.at), "mono"), cell(c.exchange, "mono"), cell(c.method, "mono"),
          cell(outcome, "wrap"), cell(ms(c.ms), "num"), cell(c.key || "–", "mono")];
        return tr;
      }), "no calls yet");
  }

  pollJson("status.json", POLL_MS, function (s) { render(s); return "updated " + clock(s.now); });
})();
`;
