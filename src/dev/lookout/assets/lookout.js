// The embedded Armada's Lookout page: the jobs table (Lookout's URL format, sorting, paging) and,
// when the URL pins one job set, the application view (driver and executors, timeline, logs,
// cancel). Plain browser JavaScript, no build step and no dependencies; served by http-server.ts.
// The server parses the URL and embeds the table state; this script only writes URLs.
/* global document, window, fetch, history, setTimeout, clearTimeout, URLSearchParams */
"use strict";

(() => {
  const initial = JSON.parse(document.getElementById("lookout-state").textContent);
  const root = document.getElementById("app");
  const refreshMs = 1500;
  const logPollMs = 1000;

  let query = initial.query;
  const pinned = initial.application; // {queue, jobSet} or undefined
  let application; // the last /api/dev/application answer
  let jobsTimer;
  let cancelArmed = false;

  // `generation` changes with every (job, container) switch: answers for an older one are dropped.
  const log = {
    jobId: undefined,
    container: undefined,
    offset: undefined,
    timer: undefined,
    done: false,
    generation: 0,
  };

  // ---- small DOM and format helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "className") node.className = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      node.append(c instanceof window.Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function stateBadge(state) {
    return el(
      "span",
      { className: `badge state-${String(state).toLowerCase()}`, "data-state": state },
      state,
    );
  }

  function pad(n) {
    return String(n).padStart(2, "0");
  }

  function formatTime(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    return d.toDateString() === new Date().toDateString()
      ? time
      : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
  }

  function formatDuration(ms) {
    if (ms === undefined || ms === null || Number.isNaN(ms) || ms < 0) return "";
    const s = Math.round(ms / 1000);
    if (s < 60) return `${s}s`;
    if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
    return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  }

  function since(iso) {
    return iso ? formatDuration(Date.now() - Date.parse(iso)) : "";
  }

  function formatCpu(millis) {
    return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
  }

  function formatBytes(bytes) {
    for (const [suffix, size] of [
      ["Gi", 2 ** 30],
      ["Mi", 2 ** 20],
      ["Ki", 2 ** 10],
    ]) {
      if (bytes >= size) return `${Math.round((bytes / size) * 10) / 10}${suffix}`;
    }
    return String(bytes);
  }

  // ---- URL (Lookout's format, as query-params.ts formatTableQuery writes it)

  function columnOf(f) {
    return f.isAnnotation ? `annotation_${f.field}` : f.field;
  }

  function formatQuery(q) {
    const parts = [
      ["page", q.pageIndex],
      ["sort[id]", q.order.field],
      ["sort[desc]", q.order.direction === "DESC"],
      ["ps", q.pageSize],
      ["active", q.activeJobSets],
      ["refresh", q.autoRefresh],
    ];
    q.filters.forEach((f, i) => {
      parts.push([`f[${i}][id]`, columnOf(f)]);
      if (Array.isArray(f.value)) f.value.forEach((v, j) => parts.push([`f[${i}][value][${j}]`, v]));
      else parts.push([`f[${i}][value]`, f.value]);
      parts.push([`f[${i}][match]`, f.match]);
    });
    if (q.sidebarJobId) parts.push(["sb", q.sidebarJobId]);
    return parts.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join("&");
  }

  function jobSetHref(queue, jobSet) {
    return `/?${formatQuery({
      filters: [
        { field: "queue", match: "anyOf", value: [queue] },
        { field: "jobSet", match: "startsWith", value: jobSet },
      ],
      order: { field: "jobId", direction: "DESC" },
      pageIndex: 0,
      pageSize: 50,
      activeJobSets: false,
      autoRefresh: true,
    })}`;
  }

  /** Changes the table state; a different job set means a different page, so navigate. */
  function setQuery(next) {
    query = next;
    history.replaceState(null, "", `/?${formatQuery(query)}`);
    void loadJobs();
  }

  // ---- fetching

  async function postJson(path, body) {
    const res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = await res.json();
    if (!res.ok) throw new Error(data.error || `${path}: HTTP ${res.status}`);
    return data;
  }

  async function getJson(path) {
    const res = await fetch(path);
    const data = await res.json();
    if (!res.ok)
      throw Object.assign(new Error(data.error || `${path}: HTTP ${res.status}`), { status: res.status });
    return data;
  }

  // ---- layout

  const banner = el("p", { className: "banner", hidden: true });
  const appSection = el("section", { id: "application", className: "application", hidden: true });
  const filterBar = el("div", { className: "filters" });
  const table = el("table", { className: "jobs" });
  const pager = el("div", { className: "pager" });
  const jobsSection = el(
    "section",
    { id: "jobs" },
    el("div", { className: "jobs-head" }, el("h2", {}, "Jobs"), filterBar),
    el("div", { className: "table-wrap" }, table),
    pager,
  );
  root.replaceChildren(banner, appSection, jobsSection);

  function showError(message) {
    banner.hidden = !message;
    banner.textContent = message || "";
  }

  // ---- filters

  const filterFields = [
    ["queue", "Queue"],
    ["jobSet", "Job set"],
    ["state", "State"],
    ["jobId", "Job ID"],
    ["node", "Node"],
  ];
  const defaultMatches = { queue: "anyOf", state: "anyOf", jobId: "exact", node: "exact" };

  function describeFilter(f) {
    const value = Array.isArray(f.value) ? f.value.join(", ") : f.value;
    const name = f.isAnnotation
      ? f.field
      : (filterFields.find(([k]) => k === f.field) || [f.field, f.field])[1];
    return `${name} ${f.match} ${value}`;
  }

  function renderFilters() {
    const chips = query.filters.map((f, i) =>
      el(
        "span",
        { className: "chip", "data-filter": columnOf(f) },
        describeFilter(f),
        el(
          "button",
          {
            type: "button",
            title: "Remove filter",
            "aria-label": `Remove filter ${describeFilter(f)}`,
            onclick: () =>
              navigateTo({ ...query, pageIndex: 0, filters: query.filters.filter((_, j) => j !== i) }),
          },
          "×",
        ),
      ),
    );
    const field = el(
      "select",
      { "aria-label": "Filter field" },
      ...filterFields.map(([k, n]) => el("option", { value: k }, n)),
    );
    const value = el("input", { type: "text", placeholder: "value", "aria-label": "Filter value", size: 18 });
    const form = el(
      "form",
      {
        className: "add-filter",
        onsubmit: (e) => {
          e.preventDefault();
          const v = value.value.trim();
          if (!v) return;
          const match = defaultMatches[field.value] || "startsWith";
          const filter = { field: field.value, match, value: match === "anyOf" ? [v] : v };
          navigateTo({
            ...query,
            pageIndex: 0,
            filters: [...query.filters.filter((f) => f.field !== field.value), filter],
          });
        },
      },
      field,
      value,
      el("button", { type: "submit" }, "Add filter"),
    );
    const refresh = el("input", {
      type: "checkbox",
      checked: query.autoRefresh,
      onchange: (e) => {
        setQuery({ ...query, autoRefresh: e.target.checked });
      },
    });
    filterBar.replaceChildren(
      ...chips,
      form,
      el("label", { className: "refresh" }, refresh, " auto-refresh"),
    );
  }

  /** Filters decide which job set the page shows: a full navigation keeps the server in charge. */
  function navigateTo(next) {
    window.location.assign(`/?${formatQuery(next)}`);
  }

  // ---- jobs table

  const columns = [
    { id: "jobId", name: "Job ID", sortable: true },
    { id: "queue", name: "Queue" },
    { id: "jobSet", name: "Job set", sortable: true },
    { id: "state", name: "State" },
    { id: "node", name: "Node" },
    { id: "submitted", name: "Submitted", sortable: true },
    { id: "lastTransitionTime", name: "Time in state", sortable: true },
    { id: "runtimeSeconds", name: "Runtime" },
    { id: "exitCode", name: "Exit code" },
    { id: "cpu", name: "CPU" },
    { id: "memory", name: "Memory" },
  ];

  function cell(job, id) {
    switch (id) {
      case "jobId":
        return el("a", { href: `/jobs/${encodeURIComponent(job.jobId)}`, className: "mono" }, job.jobId);
      case "jobSet":
        return el("a", { href: jobSetHref(job.queue, job.jobSet) }, job.jobSet);
      case "state":
        return stateBadge(job.state);
      case "submitted":
        return formatTime(job.submitted);
      case "lastTransitionTime":
        return since(job.lastTransitionTime);
      case "runtimeSeconds":
        return job.runtimeSeconds ? formatDuration(job.runtimeSeconds * 1000) : "";
      case "cpu":
        return formatCpu(job.cpu);
      case "memory":
        return formatBytes(job.memory);
      default:
        return job[id] === undefined ? "" : String(job[id]);
    }
  }

  function renderTable(jobs, hasNext) {
    const head = el(
      "tr",
      {},
      ...columns.map((c) => {
        const sorted = query.order.field === c.id;
        const arrow = sorted ? (query.order.direction === "DESC" ? " ▼" : " ▲") : "";
        if (!c.sortable) return el("th", { scope: "col" }, c.name);
        return el(
          "th",
          {
            scope: "col",
            "aria-sort": sorted ? (query.order.direction === "DESC" ? "descending" : "ascending") : "none",
          },
          el(
            "button",
            {
              type: "button",
              className: "sort",
              "data-sort": c.id,
              onclick: () => {
                const direction = sorted && query.order.direction === "DESC" ? "ASC" : "DESC";
                setQuery({ ...query, pageIndex: 0, order: { field: c.id, direction } });
              },
            },
            c.name + arrow,
          ),
        );
      }),
    );
    const rows = jobs.map((job) =>
      el(
        "tr",
        {
          "data-job-id": job.jobId,
          className: job.jobId === query.sidebarJobId ? "selected" : "",
          onclick: (e) => {
            if (e.target.closest("a, button")) return;
            selectJob(job.jobId);
          },
        },
        ...columns.map((c) => el("td", { "data-col": c.id }, cell(job, c.id))),
      ),
    );
    if (rows.length === 0) {
      rows.push(
        el(
          "tr",
          {},
          el("td", { colspan: columns.length, className: "muted" }, "No jobs match these filters."),
        ),
      );
    }
    table.replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));

    const first = query.pageIndex * query.pageSize;
    const sizes = [10, 20, 50, 100, 500].map((n) =>
      el("option", { value: n, selected: n === query.pageSize }, String(n)),
    );
    pager.replaceChildren(
      el(
        "button",
        {
          type: "button",
          disabled: query.pageIndex === 0,
          onclick: () => setQuery({ ...query, pageIndex: query.pageIndex - 1 }),
        },
        "‹ Previous",
      ),
      el(
        "span",
        { className: "range" },
        jobs.length ? `${first + 1}–${first + jobs.length}` : "0",
        hasNext ? " of more" : "",
      ),
      el(
        "button",
        {
          type: "button",
          disabled: !hasNext,
          onclick: () => setQuery({ ...query, pageIndex: query.pageIndex + 1 }),
        },
        "Next ›",
      ),
      el(
        "label",
        {},
        "Rows ",
        el(
          "select",
          { onchange: (e) => setQuery({ ...query, pageIndex: 0, pageSize: Number(e.target.value) }) },
          ...sizes,
        ),
      ),
    );
  }

  async function loadJobs() {
    clearTimeout(jobsTimer);
    try {
      const request = {
        filters: query.filters,
        order: query.order,
        activeJobSets: query.activeJobSets,
        skip: query.pageIndex * query.pageSize,
        take: query.pageSize + 1,
      };
      const { jobs } = await postJson("/api/v1/jobs", request);
      renderTable(jobs.slice(0, query.pageSize), jobs.length > query.pageSize);
      if (pinned) await loadApplication();
      showError("");
    } catch (e) {
      showError(`Cannot load jobs: ${e.message}`);
    }
    const keepGoing = query.autoRefresh || (application && application.active);
    if (keepGoing) jobsTimer = setTimeout(loadJobs, refreshMs);
  }

  // ---- application view

  function memberTitle(m) {
    if (m.role === "driver") return "Driver";
    if (m.role === "executor") return m.executorId !== undefined ? `Executor ${m.executorId}` : "Executor";
    return "Job";
  }

  function lastRun(job) {
    return job.runs.length ? job.runs[job.runs.length - 1] : undefined;
  }

  function memberCard(m) {
    const job = m.job;
    const run = lastRun(job);
    const started = run && run.started;
    const finished = run && run.finished;
    const rows = [
      ["Node", job.node || "—"],
      ["Submitted", formatTime(job.submitted)],
      ["Started", started ? formatTime(started) : "—"],
      ["Finished", finished ? formatTime(finished) : "—"],
      [
        "Duration",
        started
          ? formatDuration(Date.parse(finished || new Date().toISOString()) - Date.parse(started))
          : "—",
      ],
      ["Exit code", job.exitCode === undefined ? "—" : String(job.exitCode)],
    ];
    const reason = m.error || job.cancelReason;
    return el(
      "article",
      {
        className: `member${job.jobId === log.jobId ? " selected" : ""}`,
        "data-role": m.role || "job",
        "data-job-id": job.jobId,
        "data-state": job.state,
        ...(m.executorId !== undefined ? { "data-executor-id": m.executorId } : {}),
      },
      el("header", {}, el("h3", {}, memberTitle(m)), stateBadge(job.state)),
      el(
        "p",
        { className: "mono small" },
        el("a", { href: `/jobs/${encodeURIComponent(job.jobId)}` }, job.jobId),
      ),
      el(
        "dl",
        {},
        ...rows.flatMap(([k, v]) => [
          el("dt", {}, k),
          el("dd", { "data-field": k.toLowerCase().replace(" ", "-") }, v),
        ]),
      ),
      reason ? el("p", { className: "reason", "data-field": "reason" }, reason) : null,
      el(
        "button",
        { type: "button", className: "link", onclick: () => selectJob(job.jobId, true) },
        "Show logs",
      ),
    );
  }

  function renderTimeline(events) {
    const roleOf = new Map(
      (application ? application.members : []).map((m) => [m.job.jobId, memberTitle(m)]),
    );
    return el(
      "ol",
      { className: "timeline" },
      ...events.map((e) =>
        el(
          "li",
          { "data-kind": e.kind },
          el("time", { datetime: e.time }, formatTime(e.time)),
          el("span", { className: "who" }, roleOf.get(e.jobId) || e.jobId.slice(-6)),
          el("span", { className: `kind kind-${e.kind}` }, e.kind),
          e.detail ? el("span", { className: "detail" }, e.detail) : null,
        ),
      ),
    );
  }

  const appHead = el("div", { className: "app-head" });
  const membersBox = el("div", { className: "members" });
  const timelineBox = el("div", { className: "timeline-box" });
  const logSelectJob = el("select", {
    "aria-label": "Job",
    onchange: (e) => selectJob(e.target.value, true),
  });
  const logSelectContainer = el("select", {
    "aria-label": "Container",
    onchange: (e) => startLog(log.jobId, e.target.value),
  });
  const logStatus = el("span", { className: "muted small" });
  const logPre = el("pre", { className: "log", id: "log", tabindex: 0 });
  appSection.replaceChildren(
    appHead,
    membersBox,
    el(
      "div",
      { className: "two-col" },
      el("section", {}, el("h2", {}, "Timeline"), timelineBox),
      el(
        "section",
        { className: "logs" },
        el(
          "div",
          { className: "logs-head" },
          el("h2", {}, "Logs"),
          logSelectJob,
          logSelectContainer,
          logStatus,
        ),
        logPre,
      ),
    ),
  );

  function renderApplicationHead(view) {
    const cancel = el(
      "button",
      {
        type: "button",
        className: cancelArmed ? "danger armed" : "danger",
        id: "cancel-application",
        hidden: !view.active || !view.canCancel,
        onclick: () => {
          if (!cancelArmed) {
            cancelArmed = true;
            renderApplicationHead(view);
            setTimeout(() => {
              cancelArmed = false;
              if (application) renderApplicationHead(application);
            }, 5000);
            return;
          }
          cancelArmed = false;
          postJson("/api/dev/cancel", {
            queue: view.queue,
            jobSet: view.jobSet,
            jobIds: [],
            reason: "cancelled from Lookout",
          })
            .then(() => loadJobs())
            .catch((e) => showError(`Cancel failed: ${e.message}`));
        },
      },
      cancelArmed ? "Click again to cancel" : "Cancel application",
    );
    const executors = view.members.filter((m) => m.role === "executor");
    const running = executors.filter((m) => m.job.state === "RUNNING").length;
    appHead.replaceChildren(
      el(
        "div",
        {},
        el("h1", {}, view.name || view.jobSet, " ", stateBadge(view.state)),
        el(
          "p",
          { className: "muted" },
          `queue ${view.queue} · job set ${view.jobSet}`,
          view.gangIds.length ? ` · gang ${view.gangIds.join(", ")}` : "",
          executors.length ? ` · executors ${running}/${executors.length} running` : "",
        ),
      ),
      cancel,
    );
  }

  async function loadApplication() {
    try {
      application = await getJson(
        `/api/dev/application?${new URLSearchParams({ queue: pinned.queue, jobSet: pinned.jobSet })}`,
      );
    } catch (e) {
      if (e.status === 404) {
        application = undefined;
        appSection.hidden = true;
        return;
      }
      throw e;
    }
    appSection.hidden = false;
    renderApplicationHead(application);
    membersBox.replaceChildren(...application.members.map(memberCard));
    timelineBox.replaceChildren(renderTimeline(application.events));

    const ids = application.members.map((m) => m.job.jobId);
    const selected =
      log.jobId && ids.includes(log.jobId)
        ? log.jobId
        : query.sidebarJobId && ids.includes(query.sidebarJobId)
          ? query.sidebarJobId
          : ids[0];
    logSelectJob.replaceChildren(
      ...application.members.map((m) =>
        el(
          "option",
          { value: m.job.jobId, selected: m.job.jobId === selected },
          `${memberTitle(m)} · ${m.job.jobId.slice(-8)}`,
        ),
      ),
    );
    if (selected !== log.jobId) startLog(selected);
  }

  function memberOf(jobId) {
    return application && application.members.find((m) => m.job.jobId === jobId);
  }

  function selectJob(jobId, scroll) {
    if (query.sidebarJobId !== jobId) {
      query = { ...query, sidebarJobId: jobId };
      history.replaceState(null, "", `/?${formatQuery(query)}`);
      for (const tr of table.querySelectorAll("tr[data-job-id]"))
        tr.classList.toggle("selected", tr.dataset.jobId === jobId);
    }
    if (memberOf(jobId)) {
      startLog(jobId);
      for (const card of membersBox.querySelectorAll(".member"))
        card.classList.toggle("selected", card.dataset.jobId === jobId);
      logSelectJob.value = jobId;
      if (scroll) logPre.scrollIntoView({ block: "nearest" });
    }
  }

  // ---- logs: poll with the byte offset the last answer gave

  function startLog(jobId, container) {
    const member = memberOf(jobId);
    if (!member) return;
    const containers = member.containers;
    // The main container is listed last (init containers come first).
    const chosen =
      container && containers.includes(container) ? container : containers[containers.length - 1];
    logSelectContainer.replaceChildren(
      ...containers.map((c) => el("option", { value: c, selected: c === chosen }, c)),
    );
    clearTimeout(log.timer);
    Object.assign(log, { jobId, container: chosen, offset: undefined, timer: undefined, done: false });
    log.generation += 1;
    logPre.textContent = "";
    void pollLog(log.generation);
  }

  async function pollLog(generation) {
    const { jobId, container } = log;
    if (!jobId || !container) return;
    try {
      const params = new URLSearchParams({ jobId, container });
      if (log.offset !== undefined) params.set("offset", String(log.offset));
      const chunk = await getJson(`/api/dev/logs?${params}`);
      if (generation !== log.generation) return; // switched meanwhile
      const atBottom = logPre.scrollTop + logPre.clientHeight >= logPre.scrollHeight - 4;
      if (chunk.skipped) logPre.append(`[… ${chunk.skipped} earlier bytes not shown]\n`);
      if (chunk.text) logPre.append(chunk.text);
      if (atBottom) logPre.scrollTop = logPre.scrollHeight;
      log.offset = chunk.nextOffset;
      log.done = chunk.done;
      logStatus.textContent = chunk.done ? "ended" : "following…";
      logPre.dataset.done = String(chunk.done);
    } catch (e) {
      if (generation !== log.generation) return;
      logStatus.textContent = `log unavailable: ${e.message}`;
    }
    if (!log.done) log.timer = setTimeout(() => void pollLog(generation), logPollMs);
  }

  // ---- start

  renderFilters();
  void loadJobs();
})();
