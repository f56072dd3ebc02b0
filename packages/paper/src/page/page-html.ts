/**
 * The account page: plain HTML with its own script and stylesheet beside the status page's (all served
 * by the gateway: no CDN, no inline script or style, as its Content-Security-Policy requires). The
 * script fills it from `data.json`.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paper accounts · fmz-gateway</title>
<link rel="stylesheet" href="../../status.css">
<link rel="stylesheet" href="page.css">
</head>
<body>
<header>
  <div class="brand"><span id="state" class="dot"></span><h1>Paper accounts</h1><span id="mount" class="mono muted"></span></div>
  <div class="facts"><span id="facts" class="muted"></span><span id="updated" class="muted">connecting…</span><a href="../../">status page</a></div>
</header>
<main id="accounts"></main>
<footer class="muted">Refreshes every second · <a href="data.json">data.json</a> · equity is the value of every balance and open position in the mount's first currency, other currencies at their last price</footer>
<script src="page.js"></script>
</body>
</html>
`;
