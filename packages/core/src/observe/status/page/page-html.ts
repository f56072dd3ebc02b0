/**
 * The status page: plain HTML, one stylesheet and one script, all served by the gateway itself (no
 * build step, no CDN: the machine next to an FMZ docker may have no internet, and a page that loads
 * nothing foreign cannot leak what it shows). The script polls `status.json` and renders with
 * `textContent`, never HTML, so nothing a caller sent can become markup.
 */
export const STATUS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fmz-gateway status</title>
<link rel="stylesheet" href="status.css">
</head>
<body>
<header>
  <div class="brand"><span id="state" class="dot"></span><h1>fmz-gateway</h1><span id="version" class="muted"></span></div>
  <div class="facts"><span>up <b id="uptime">–</b></span><span id="updated" class="muted">connecting…</span></div>
</header>
<main>
  <section>
    <h2>Mounts</h2>
    <table id="mounts"></table>
  </section>
  <section>
    <h2>Calls by method <span class="muted">last 5 and 60 minutes</span></h2>
    <table id="calls"></table>
  </section>
  <section>
    <h2>Upstream requests <span class="muted">to the exchanges</span></h2>
    <table id="upstream"></table>
  </section>
  <section>
    <h2>Rate limits <span class="muted">the gateway's own limiter</span></h2>
    <table id="limits"></table>
  </section>
  <section id="streams-section" hidden>
    <h2>Streams</h2>
    <table id="streams"></table>
  </section>
  <section>
    <h2>Last 100 calls</h2>
    <table id="recent"></table>
  </section>
</main>
<footer class="muted">Refreshes every 2 s · <a href="status.json">status.json</a> · <a href="metrics">metrics</a> · <a href="health">health</a></footer>
<script src="status.js"></script>
</body>
</html>
`;
