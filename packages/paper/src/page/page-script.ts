import { PAGE_BASICS_JS } from "@fmz-gateway/core";

/**
 * The account page's script (plain ES2017, no framework, no library): fetches `data.json` every second
 * and rebuilds the accounts, the equity line drawn as plain SVG. Every text goes in with `textContent`
 * or an attribute, never as HTML, so nothing in the data can become markup.
 */
export const PAGE_JS = `"use strict";
(function () {
  var POLL_MS = 1000;
  var SVG = "http://www.w3.org/2000/svg";

${PAGE_BASICS_JS}
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  /** head: [text, cls] pairs; rows: arrays of [value, cls]. */
  function table(cls, head, rows, emptyText) {
    var t = el("table", cls);
    var tr = el("tr");
    head.forEach(function (h) { tr.appendChild(el("th", h[1] || "", h[0])); });
    var thead = el("thead");
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = el("tbody");
    if (rows.length === 0) {
      var empty = el("tr");
      var td = el("td", "empty", emptyText);
      td.colSpan = head.length;
      empty.appendChild(td);
      tbody.appendChild(empty);
    }
    rows.forEach(function (cells) {
      var r = el("tr");
      cells.forEach(function (c) { r.appendChild(el("td", c[1] || "", c[0])); });
      tbody.appendChild(r);
    });
    t.appendChild(tbody);
    return t;
  }

  function p2(n) { return String(n).padStart(2, "0"); }
  function clock(t) {
    var d = new Date(t);
    return p2(d.getHours()) + ":" + p2(d.getMinutes()) + ":" + p2(d.getSeconds());
  }
  function when(t) {
    var d = new Date(t);
    return d.getFullYear() + "-" + p2(d.getMonth() + 1) + "-" + p2(d.getDate()) + " " + clock(t);
  }
  function money(v) {
    var n = Number(v);
    if (!isFinite(n)) return String(v);
    return n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  /** The equity line: x by time (by order when every point has the same time), y from min to max. */
  function chart(points, currency) {
    var W = 720, H = 180, L = 4, R = 70, T = 12, B = 22;
    var box = svg("svg", { "class": "equity", viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "xMinYMid meet", role: "img" });
    box.appendChild(svg("title", {}, "equity in " + currency + ", " + points.length + " points"));
    var xs = points.map(function (p) { return p.time; });
    var ys = points.map(function (p) { return Number(p.value); });
    var t0 = xs[0], t1 = xs[xs.length - 1];
    var lo = Math.min.apply(null, ys), hi = Math.max.apply(null, ys);
    if (!(hi > lo)) { var pad = Math.abs(hi) * 0.001 || 1; lo -= pad; hi += pad; }
    function x(i) {
      var f = t1 > t0 ? (xs[i] - t0) / (t1 - t0) : points.length > 1 ? i / (points.length - 1) : 1;
      return (L + f * (W - L - R)).toFixed(1);
    }
    function y(v) { return (T + (1 - (v - lo) / (hi - lo)) * (H - T - B)).toFixed(1); }
    [hi, lo].forEach(function (v) {
      box.appendChild(svg("line", { "class": "grid", x1: L, x2: W - R, y1: y(v), y2: y(v) }));
      box.appendChild(svg("text", { x: W - R + 6, y: Number(y(v)) + 4 }, money(v)));
    });
    var d = ys.map(function (v, i) { return (i === 0 ? "M" : "L") + x(i) + " " + y(v); }).join(" ");
    var base = (H - B).toFixed(1);
    box.appendChild(svg("path", { "class": "area", d: d + " L" + x(ys.length - 1) + " " + base + " L" + x(0) + " " + base + " Z" }));
    box.appendChild(svg("path", { "class": "line", d: d }));
    box.appendChild(svg("circle", { "class": "last", cx: x(ys.length - 1), cy: y(ys[ys.length - 1]), r: 3 }));
    box.appendChild(svg("text", { x: L, y: H - 6 }, when(t0)));
    box.appendChild(svg("text", { x: W - R, y: H - 6, "text-anchor": "end" }, when(t1)));
    return box;
  }

  function side(s) { return [s, s === "buy" || s === "long" ? "buy" : "sell"]; }

  function account(a, data) {
    var s = el("section", "account");
    s.setAttribute("data-label", a.label);
    var h = el("h2");
    h.appendChild(el("span", "label mono", a.label));
    var now = a.equity.points[a.equity.points.length - 1];
    h.appendChild(el("span", "worth", money(now.value) + " " + data.currency));
    h.appendChild(el("span", "muted", "since " + when(a.created)));
    s.appendChild(h);

    s.appendChild(chart(a.equity.points, data.currency));
    if (a.equity.leftOut.length > 0)
      s.appendChild(el("span", "note muted", "Left out of the equity: " + a.equity.leftOut.join(", ")));

    var grid = el("div", "tables");
    var left = el("div"), right = el("div");
    left.appendChild(el("h3", "", "Balances"));
    left.appendChild(table("balances", [["currency"], ["free", "num"], ["frozen", "num"]],
      a.balances.map(function (b) { return [[b.currency, "mono"], [b.free, "num"], [b.frozen, "num"]]; }), "no balances"));
    right.appendChild(el("h3", "", "Open positions"));
    right.appendChild(table("positions",
      [["symbol"], ["side"], ["contracts", "num"], ["entry", "num"], ["profit", "num"], ["margin", "num"], ["leverage", "num"]],
      a.positions.map(function (p) {
        return [[p.symbol, "mono"], side(p.type === 1 ? "short" : "long"), [p.amount, "num"], [p.price, "num"],
          [p.profit, p.profit < 0 ? "num bad" : "num"], [p.margin, "num"], [p.margin_level + "×", "num"]];
      }), "no open positions"));
    grid.appendChild(left);
    grid.appendChild(right);
    s.appendChild(grid);

    s.appendChild(el("h3", "", "Open orders" + (a.ordersLeftOut > 0 ? " (and " + a.ordersLeftOut + " more)" : "")));
    s.appendChild(table("orders", [["order"], ["symbol"], ["side"], ["price", "num"], ["amount", "num"], ["filled", "num"], ["status"]],
      a.orders.map(function (o) {
        return [[o.id, "mono"], [o.symbol, "mono"], side(o.type), [o.price, "num"], [o.amount, "num"],
          [o.deal_amount, "num"], [o.status]];
      }), "no open orders"));

    s.appendChild(el("h3", "", "Recent fills"));
    s.appendChild(table("fills",
      [["time"], ["symbol"], ["side"], ["price", "num"], ["amount", "num"], ["fee", "num"], ["profit", "num"], ["liquidity"], ["order"]],
      a.fills.map(function (f) {
        return [[when(f.time), "mono"], [f.symbol, "mono"], side(f.side), [f.price, "num"], [f.amount, "num"],
          [f.fee + " " + f.feeCurrency, "num"], [f.pnl, "num"], [f.liquidity], [f.order, "mono"]];
      }), "no fills yet"));
    return s;
  }

  function render(data) {
    document.getElementById("mount").textContent = data.mount;
    document.getElementById("facts").textContent =
      data.market + " · market data from " + data.source + " · equity in " + data.currency;
    var main = document.getElementById("accounts");
    main.textContent = "";
    if (data.accounts.length === 0) {
      var none = el("section");
      none.appendChild(el("p", "muted", "No paper accounts yet: one is made the first time an Access Key calls this mount."));
      main.appendChild(none);
    }
    data.accounts.slice().reverse().forEach(function (a) { main.appendChild(account(a, data)); });
    if (data.accountsLeftOut > 0)
      main.appendChild(el("p", "muted", data.accountsLeftOut + " older accounts are not shown."));
  }

  pollJson("data.json", POLL_MS, function (d) {
    render(d);
    return "updated " + clock(Date.now()) + " · market time " + when(d.now);
  });
})();
`;
