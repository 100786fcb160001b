"use strict";
// The call in progress lives on the server; its id is in the address (#call=ID), so a reload resumes it.
const el = Desk.el;
let callId = Number((location.hash.match(/call=(\d+)/) || [])[1]) || null;
let current = null;
const shown = (value) => Array.isArray(value) ? value.join("、") : String(value ?? "");

function render(call) {
  callId = call.id; current = call;
  location.hash = "call=" + call.id;
  document.getElementById("call-label").textContent = `来电 #${call.id}` + (call.case_number ? `（已生成案件 ${call.case_number}）` : "");
  document.getElementById("next-question").textContent = call.next_question;
  const k = call.classification;
  document.getElementById("classification").replaceChildren(el("p", {id: "hardship"}, `${k.hardship_type_label}${k.cause_label ? "·" + k.cause_label : ""}`),
    ...k.reasons.map((r) => el("p", {class: "muted"}, `${r.text}（${r.rule_id}）`)));
  document.getElementById("hints").replaceChildren(...call.hints.map((h) =>
    el("li", {class: h.needs_checking ? "check" : ""}, h.text, el("span", {class: "muted"}, `（${h.rule_ids.join("、")}）`))));
  document.querySelector("#facts tbody").replaceChildren(...call.facts.map((f) => {
    const input = el("input", {value: shown(f.value), "data-fact": f.name, size: 24, "aria-label": f.label,
                               onkeydown: (event) => { if (event.key === "Enter" && !event.isComposing) { event.preventDefault(); button.click(); } }});
    const button = el("button", {type: "button", "data-save": f.name, "aria-label": `修改${f.label}`,
                                 onclick: () => Desk.busy(button, () => save(f.name, input.value))}, "改");
    // A value that changed during the call shows what it was, highlighted, so a silent change is seen.
    const changed = f.previous !== null && f.previous !== undefined && shown(f.previous) !== shown(f.value);
    return el("tr", {class: (f.needs_checking ? "check" : "") + (changed ? " changed" : ""), "data-row": f.name,
                     title: `原文：「${f.text}」` + (f.history.length ? `；此前：${f.history.map(shown).join("、")}` : "")},
      el("td", {}, f.label), el("td", {}, input,
        changed ? el("div", {class: "previous"}, el("span", {class: "badge warn"}, "已变更"), " 原为：", el("del", {}, shown(f.previous))) : null),
      el("td", {}, `${f.method ? Desk.label("fact_method", f.method, "其他方式") : ""}${f.confidence != null ? " " + Number(f.confidence).toFixed(2) : ""}`),
      el("td", {}, button));
  }));
  document.getElementById("missing").textContent = call.missing.map((m) => m.label).join("、") || "无";
  document.getElementById("earlier").replaceChildren(...(call.earlier_cases.length ? call.earlier_cases.map((c) =>
    el("li", {class: "check"}, `${c.case_number} ${c.created_at} ${c.cause_label} ${c.status_label} ${c.office || ""}`)) : [el("li", {class: "muted"}, "无")]));
  document.getElementById("transcript").replaceChildren(...call.transcript.map((t) =>
    el("p", {}, el("strong", {}, t.speaker === "operator" ? "接线员：" : t.speaker === "note" ? "备注：" : "来电人："), t.text)));
  document.getElementById("create-case").disabled = Boolean(call.case_number);
  Desk.labelCells(document.getElementById("facts"));
}

async function run(promise, done) {
  try { const [call] = await Promise.all([promise, Desk.labels()]); render(call); if (done) Desk.show("message", done, true); }
  catch (error) { Desk.show("message", error.message); }
}
const save = (name, value) => run(Desk.api("PUT", `/api/console/calls/${callId}/facts/${encodeURIComponent(name)}`, {value}), "已修改");
// One utterance at a time: both buttons are disabled while it is sent (Enter or a click).
let sending = false;
async function say(speaker) {
  const box = document.getElementById("text"), buttons = ["caller-said", "operator-said"].map((id) => document.getElementById(id));
  if (sending) return;
  const text = box.value.trim();
  if (!text) { Desk.show("message", "请先输入来电人说的话"); box.focus(); return; }
  sending = true;
  buttons.forEach((b) => { b.disabled = true; });
  try {
    if (!callId) render(await Desk.api("POST", "/api/console/calls"));
    const call = await Desk.api("POST", `/api/console/calls/${callId}/utterances`, {text, speaker});
    await Desk.labels();
    render(call);
    if (box.value.trim() === text) box.value = "";
  } catch (error) { Desk.show("message", error.message); }
  finally { sending = false; buttons.forEach((b) => { b.disabled = false; }); box.focus(); }
}
document.getElementById("say").addEventListener("submit", (event) => { event.preventDefault(); say("caller"); });
// Enter sends what the caller said; Shift+Enter starts a new line; Enter that ends an IME composition does neither.
document.getElementById("text").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) { event.preventDefault(); say("caller"); }
});
document.getElementById("operator-said").addEventListener("click", () => say("operator"));
const newCall = document.getElementById("new-call");
newCall.addEventListener("click", () => Desk.busy(newCall, () => run(Desk.api("POST", "/api/console/calls"), "已开始新来电")));
const createCase = document.getElementById("create-case");
createCase.addEventListener("click", async () => {
  if (!callId) { Desk.show("message", "还没有来电内容，不能生成案件"); return; }
  await Desk.busy(createCase, async () => {
    try {
      const result = await Desk.api("POST", `/api/console/calls/${callId}/case`);
      document.getElementById("case-result").textContent = `已生成案件 ${result.case_number}`;
      render(await Desk.api("GET", `/api/console/calls/${callId}`));
    } catch (error) { Desk.show("message", error.message); }
  });
  createCase.disabled = Boolean(current && current.case_number);
});
// 主动发现: messages that asked for nothing but showed a hardship; 「接手」 makes one this operator's call.
async function loadDiscoveries() {
  const found = (await Desk.api("GET", "/api/discoveries")).discoveries;
  document.getElementById("discoveries").replaceChildren(...(found.length ? found.map((d) => el("li", {class: "discovery"},
    `${Desk.time(d.created_at)} ${d.signals.map((s) => `${s.label}（“${s.words}”）`).join("、")}：${d.text} `,
    el("button", {type: "button", onclick: (event) => Desk.busy(event.currentTarget, async () => {
      try { const call = await Desk.api("POST", `/api/discoveries/${d.id}/take`); render(call); loadDiscoveries(); Desk.show("message", "已接手，请回电核实", true); }
      catch (error) { Desk.show("message", error.message); }
    })}, "接手"))) : [el("li", {class: "muted"}, "无")]));
}

Promise.all([Desk.start(), Desk.labels()]).then(async () => {
  if (callId) await run(Desk.api("GET", `/api/console/calls/${callId}`));
  loadDiscoveries().catch(() => {});
  Desk.restoreDraft();
  const calls = (await Desk.api("GET", "/api/console/calls")).calls;
  document.getElementById("open-calls").replaceChildren(...calls.filter((c) => c.id !== callId).map((c) =>
    el("a", {href: `#call=${c.id}`, onclick: () => setTimeout(() => location.reload(), 0)}, `未完成来电 #${c.id}`)));
});
