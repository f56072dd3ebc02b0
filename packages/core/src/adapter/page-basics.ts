/**
 * The helpers the status page's script and a mount page's script (see `MountPages`) both start with:
 * plain ES2017 text, meant to be placed inside the script's own function, `(function () { … })()`.
 *
 * - `el(tag, cls, text)`: an element whose text goes in with `textContent`, so nothing in the data can
 *   become markup.
 * - `showState(ok, text)`: the header's dot (`#state`, class `dot up` or `dot down`) and its line
 *   (`#updated`).
 * - `pollJson(url, everyMs, onData)`: fetches `url` now and `everyMs` after each answer. `onData` renders
 *   the JSON and answers the header's line. A failed fetch, or a render that throws, shows the gateway as
 *   unreachable, with the reason, until the next answer.
 */
export const PAGE_BASICS_JS = `
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function showState(ok, text) {
    document.getElementById("state").className = "dot " + (ok ? "up" : "down");
    document.getElementById("updated").textContent = text;
  }

  function pollJson(url, everyMs, onData) {
    function once() {
      fetch(url, { cache: "no-store" })
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then(function (d) { showState(true, onData(d)); })
        .catch(function (e) { showState(false, "gateway unreachable (" + e.message + ")"); })
        .then(function () { setTimeout(once, everyMs); });
    }
    once();
  }
`;
