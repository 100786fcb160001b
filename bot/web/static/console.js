"use strict";
// The call in progress lives on the server; its id is in the address (#call=ID), so a reload resumes it.
const el = Desk.el;
let callId = Number((location.hash.match(/call=(\d+)/) || [])[1]) || null;

function render(call) {
  callId = call.id;
  location.hash = "call=" + call.id;
  document.getElementById("call-label").textContent = `来电 #${call.id}` + (call.case_number ? `（已生成案件 ${call.case_number}）` : "");
  document.getElementById("next-question").textContent = call.next_question;
  const k = call.classification;
  document.getElementById("classification").replaceChildren(el("p", {id: "hardship"}, `${k.hardship_type_label}${k.cause_label ? "·" + k.cause_label : ""}`),
    ...k.reasons.map((r) => el("p", {class: "muted"}, `${r.text}（${r.rule_id}）`)));
  document.getElementById("hints").replaceChildren(...call.hints.map((h) =>
    el("li", {class: h.needs_checking ? "check" : ""}, h.text, el("span", {class: "muted"}, `（${h.rule_ids.join("、")}）`))));
  document.querySelector("#facts tbody").replaceChildren(...call.facts.map((f) => {
    const input = el("input", {value: Array.isArray(f.value) ? f.value.join("、") : String(f.value ?? ""), "data-fact": f.name, size: 24});
    return el("tr", {class: f.needs_checking ? "check" : "", title: `原文：「${f.text}」` + (f.history.length ? `；此前：${f.history.join("、")}` : "")},
      el("td", {}, f.label), el("td", {}, input),
      el("td", {}, `${f.method ? Desk.label("fact_method", f.method, "其他方式") : ""}${f.confidence != null ? " " + Number(f.confidence).toFixed(2) : ""}`),
      el("td", {}, el("button", {type: "button", "data-save": f.name, onclick: () => save(f.name, input.value)}, "改")));
  }));
  document.getElementById("missing").textContent = call.missing.map((m) => m.label).join("、") || "无";
  document.getElementById("earlier").replaceChildren(...(call.earlier_cases.length ? call.earlier_cases.map((c) =>
    el("li", {class: "check"}, `${c.case_number} ${c.created_at} ${c.cause_label} ${c.status_label} ${c.office || ""}`)) : [el("li", {class: "muted"}, "无")]));
  document.getElementById("transcript").replaceChildren(...call.transcript.map((t) =>
    el("p", {}, el("strong", {}, t.speaker === "operator" ? "接线员：" : t.speaker === "note" ? "备注：" : "来电人："), t.text)));
  document.getElementById("create-case").disabled = Boolean(call.case_number);
}

async function run(promise, done) {
  try { const [call] = await Promise.all([promise, Desk.labels()]); render(call); if (done) Desk.show("message", done, true); }
  catch (error) { Desk.show("message", error.message); }
}
const save = (name, value) => run(Desk.api("PUT", `/api/console/calls/${callId}/facts/${encodeURIComponent(name)}`, {value}), "已修改");
async function say(speaker) {
  const box = document.getElementById("text");
  if (!callId) render(await Desk.api("POST", "/api/console/calls"));
  await run(Desk.api("POST", `/api/console/calls/${callId}/utterances`, {text: box.value, speaker}));
  box.value = "";
  box.focus();
}
document.getElementById("say").addEventListener("submit", (event) => { event.preventDefault(); say("caller"); });
document.getElementById("operator-said").addEventListener("click", () => say("operator"));
document.getElementById("new-call").addEventListener("click", () => run(Desk.api("POST", "/api/console/calls"), "已开始新来电"));
document.getElementById("create-case").addEventListener("click", async () => {
  try {
    const result = await Desk.api("POST", `/api/console/calls/${callId}/case`);
    document.getElementById("case-result").textContent = `已生成案件 ${result.case_number}`;
    render(await Desk.api("GET", `/api/console/calls/${callId}`));
  } catch (error) { Desk.show("message", error.message); }
});
Promise.all([Desk.start(), Desk.labels()]).then(async () => {
  if (callId) await run(Desk.api("GET", `/api/console/calls/${callId}`));
  const calls = (await Desk.api("GET", "/api/console/calls")).calls;
  document.getElementById("open-calls").replaceChildren(...calls.filter((c) => c.id !== callId).map((c) =>
    el("a", {href: `#call=${c.id}`, onclick: () => setTimeout(() => location.reload(), 0)}, `未完成来电 #${c.id} `)));
});
