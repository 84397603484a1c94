// The HTML pages: one shell that the page script fills in. The server parses the Lookout URL
// (query-params.ts) and hands the script the resulting table state, so the script only needs
// to write URLs, never to parse them.

import { jobsRequestOf, pinnedJobSet, type TableQuery } from "./query-params.js";

/** What the page script reads from `<script id="lookout-state">`. */
export interface PageState {
  readonly query: TableQuery;
  readonly request: ReturnType<typeof jobsRequestOf>;
  readonly application?: { queue: string; jobSet: string };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function jobsPage(query: TableQuery, title = "Armada (embedded) · Jobs"): string {
  const application = pinnedJobSet(query);
  const state: PageState = { query, request: jobsRequestOf(query), ...(application ? { application } : {}) };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(application ? `${application.jobSet} · ${title}` : title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/lookout.css">
</head>
<body>
<header class="top"><a class="brand" href="/">Armada <span>embedded · armada-spark dev</span></a></header>
<main id="app" aria-live="polite"><p class="muted">Loading…</p></main>
<noscript><p>This page needs JavaScript; the same data is at POST /api/v1/jobs.</p></noscript>
<script type="application/json" id="lookout-state">${scriptJson(state)}</script>
<script src="/assets/lookout.js" defer></script>
</body>
</html>
`;
}

export function notFoundPage(message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Not found · Armada (embedded)</title><link rel="stylesheet" href="/assets/lookout.css"></head>
<body>
<header class="top"><a class="brand" href="/">Armada <span>embedded · armada-spark dev</span></a></header>
<main><h1>Not found</h1><p>${escapeHtml(message)}</p><p><a href="/">All jobs</a></p></main>
</body>
</html>
`;
}
