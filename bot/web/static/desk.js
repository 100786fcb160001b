// Shared helpers for the desk pages: API calls with the CSRF token, safe DOM building.
"use strict";
const Desk = {
  csrf: null,
  me: null,
  async api(method, url, body) {
    const headers = {"Accept": "application/json"};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && Desk.csrf) headers["X-CSRF-Token"] = Desk.csrf;
    const response = await fetch(url, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                       credentials: "same-origin"});
    if (response.status === 401 && !url.endsWith("/api/login")) { location.href = "/desk/login"; throw new Error("login"); }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) { const error = new Error(data.message || "请求失败"); error.data = data; throw error; }
    return data;
  },
  async start() {
    const me = await Desk.api("GET", "/api/me");
    Desk.csrf = me.csrf_token; Desk.me = me.staff;
    const who = document.getElementById("who");
    if (who) who.textContent = `${me.staff.name}（${me.staff.role_label}${me.staff.township ? "·" + me.staff.township : ""}）`;
    const out = document.getElementById("logout");
    if (out) out.addEventListener("click", async () => { await Desk.api("POST", "/api/logout"); location.href = "/desk/login"; });
    return me.staff;
  },
  // The one label table (GET /api/labels), fetched once per page; Desk.label reads it after it loaded.
  labelTable: null,
  labelsPromise: null,
  labels() {
    if (!Desk.labelsPromise) {
      Desk.labelsPromise = Desk.api("GET", "/api/labels").then((table) => { Desk.labelTable = table; return table; },
        (error) => { Desk.labelsPromise = null; throw error; });
    }
    return Desk.labelsPromise;
  },
  // The Chinese label of `code` in `kind` (status, cause, fact, action, event, fact_method …); a code the
  // table lacks shows `fallback` (a neutral word), never the code itself.
  label(kind, code, fallback = "未注明") {
    const table = (Desk.labelTable || {})[kind] || {};
    const text = code === null || code === undefined ? null
      : Object.prototype.hasOwnProperty.call(table, code) ? table[code] : null;
    return typeof text === "string" && text ? text : fallback;
  },
  el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  },
  show(id, message, ok) {
    const node = document.getElementById(id);
    node.textContent = message; node.className = ok ? "ok" : "error";
  },
};
