"use strict";
const number = new URLSearchParams(location.search).get("n") || "";
// Labels come from GET /api/labels (Desk.label); these are only form layouts.
// Each action's form: [field, label, type]; its button reads labels.action[action].
const FORMS = {
  accept: [], verify: [["note", "核实情况", "text"]], request_info: [["question", "请居民补充的内容", "text"]],
  approve: [["amount", "金额（元）", "number"], ["form", "方式", "form"], ["reason", "理由", "text"], ["major_record", "一事一议记录（超上限时必填）", "text"]],
  reject: [["reason", "理由", "text"]], pay: [["amount", "金额（元）", "number"], ["form", "方式", "form"], ["goods", "实物名称数量", "text"]],
  transfer: [["to_township", "转至乡镇", "text"], ["to_county", "转至县（区）代码（默认本县）", "text"], ["reason", "转办理由", "text"]],
  complete_paperwork: [["note", "补齐的材料或集体研究记录", "text"]], close: [["note", "备注", "text"]],
  escalate: [["opinion", "乡镇（街道）意见", "text"], ["amount", "建议金额（元）", "number"]],
  assign: [["assignee", "经办人账号（空白为自己）", "text"]], note: [["note", "备注内容", "text"]],
};
// Facts whose values are codes, and the label table that names them (any other value is the resident's words).
const VALUE_KINDS = {cause: "cause", other_causes: "cause", priority_group: "priority_group"};
const el = Desk.el;
// The log's line is the API's own wording (e.text, built from the domain's labels); when an answer
// lacks it, the page words the event's data itself. Names of the fields an event's data carries. /api/labels has no table for them (yet): a kind
// "event_field" there takes precedence, these are the fallback. Values that are codes use /api/labels.
const EVENT_FIELDS = {
  amount: "金额", form: "方式", reason: "理由", major_record: "一事一议记录", first_aid: "先行救助", goods: "实物",
  note: "备注", question: "请居民补充", due_date: "办理期限", status: "状态", channel: "渠道", region: "适用地区代码",
  rule_ids: "依据", cases: "相关案件", field: "查看项目", consent: "居民意见", name: "机构", method: "转介方式",
  shares: "共享的信息", reasons: "原因", other: "关联案件", label: "判断", to_township: "转至乡镇",
  to_county: "转至县（区）", from_township: "原乡镇", from_county: "原县（区）", characters: "字数", attempts: "发送次数",
  error: "错误", why: "说明", wording: "征求意见的说法", partners: "机构", assignee: "经办人", opinion: "乡镇（街道）意见",
};
// Codes the label table does not cover yet (channels, referral methods).
const CHANNELS = {rest: "网页", wechat: "微信", hotline: "热线电话", desk: "窗口"};
const REFERRAL_METHODS = {http: "系统对接", manual: "人工联系"};
// Who acted, when it was the system or the resident (staff appear by their display name, e.actor_name).
const ACTORS = {assistant: "智能助手", "policy-engine": "系统（政策初评）", matcher: "系统（查重）", resident: "居民"};
const actorLabel = (actor) => ACTORS[actor] || (String(actor).startsWith("partner:") ? "转介机构" : actor);
// Fields shown by another one (kind by its label, the partner's id by its name) or internal.
const EVENT_HIDDEN = new Set(["kind", "partner", "from_other", "sender_id", "key"]);
const actionLabel = (action) => Desk.label("action", action, "办理");
const methodLabel = (method) => Desk.label("fact_method", method, "其他方式");

function factValue(name, value) {
  const kind = VALUE_KINDS[name], table = ((Desk.labelTable || {})[kind]) || {};
  const shown = (v) => kind && Object.prototype.hasOwnProperty.call(table, v) ? Desk.label(kind, v) : String(v ?? "");
  return Array.isArray(value) ? value.map(shown).join("、") : shown(value);
}

function eventValue(key, value) {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return key === "consent" ? (value ? "同意" : "不同意") : (value ? "是" : "否");
  if (Array.isArray(value)) {
    const items = value.map((v) => v && typeof v === "object" ? v.case_number || eventData(v) : eventValue(key, v)).filter(Boolean);
    return items.length ? items.join("、") : null;
  }
  if (typeof value === "object") return eventData(value) || null;
  if (key === "amount") return `${value} 元`;
  if (key === "form") return Desk.label("payment_form", value, "其他方式");
  if (key === "status") return Desk.has("status", value) ? Desk.label("status", value) : Desk.label("referral_status", value, "其他状态");
  if (key === "field" || key === "shares") return Desk.label("fact", value, "其他信息");
  if (key === "channel") return CHANNELS[value] || "其他渠道";
  if (key === "method") return REFERRAL_METHODS[value] || "其他方式";
  return String(value);
}

// An event's data in plain Chinese: 「金额：1000 元；方式：现金；理由：……」, no codes, no JSON, no null.
function eventData(data) {
  const parts = [];
  for (const [key, value] of Object.entries(data || {})) {
    if (EVENT_HIDDEN.has(key)) continue;
    const shown = eventValue(key, value);
    if (shown) parts.push(`${Desk.label("event_field", key, EVENT_FIELDS[key] || "其他")}：${shown}`);
  }
  if (data && data.from_other) parts.push("（在关联案件上记录）");
  return parts.join("；");
}

function actionForm(action) {
  const inputs = (FORMS[action] || []).map(([name, label, type]) => el("label", {}, label + " ",
    type === "form" ? el("select", {name}, ...Object.keys((Desk.labelTable || {}).payment_form || {}).map((form) =>
                         el("option", {value: form}, Desk.label("payment_form", form))))
                    : el("input", {name, type: type === "number" ? "number" : "text", step: type === "number" ? "0.01" : null})));
  const form = el("form", {class: "inline", "data-action": action}, ...inputs, el("button", {type: "submit"}, actionLabel(action)));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = {};
    for (const [key, value] of new FormData(form).entries()) if (String(value).trim()) params[key] = String(value).trim();
    // The button stays disabled until the answer came: a double click sends one request.
    return Desk.busy(form.querySelector("button[type=submit]"), async () => {
      try {
        const result = await Desk.api("POST", `/api/cases/${encodeURIComponent(number)}/actions/${action}`, params);
        Desk.show("message", `已${actionLabel(action)}：${result.status_label}`, true);
        await load();
      } catch (error) { Desk.fail("message", error, load); }
    });
  });
  return form;
}

function highlight(text) {
  document.querySelectorAll("#transcript mark").forEach((m) => m.replaceWith(m.textContent));
  if (!text) return;
  for (const line of document.querySelectorAll("#transcript p.resident span.text")) {
    const index = line.textContent.indexOf(text);
    if (index < 0) continue;
    const content = line.textContent;
    line.replaceChildren(content.slice(0, index), el("mark", {class: "hl"}, text), content.slice(index + text.length));
    line.scrollIntoView({block: "center"});
    return;
  }
}

// A state-changing button: disabled while its request is in flight.
function call(button, method, url, body, done) {
  return Desk.busy(button, async () => {
    try { await Desk.api(method, url, body); Desk.show("message", done, true); await load(); }
    catch (error) { Desk.fail("message", error, load); }
  });
}

function renderReferrals(c) {
  const base = `/api/cases/${encodeURIComponent(number)}`;
  const consent = c.referral_consent === true ? "居民已同意转介" : c.referral_consent === false ? "居民不同意转介" : "尚未征求居民同意";
  const referred = new Set(c.referrals.map((r) => r.partner_id));
  // Consent is per partner: the caseworker ticks the partners the resident agreed to (as named to them).
  const choices = c.referral_suggestions.map((m) => el("label", {class: "consent-partner"},
    el("input", {type: "checkbox", name: "consent-partner", value: m.partner_id}), " " + m.name));
  const consented = (event) => {
    const partners = [...document.querySelectorAll("input[name=consent-partner]:checked")].map((box) => box.value);
    if (!partners.length) { Desk.show("message", "请勾选居民同意转介的机构"); return; }
    call(event.currentTarget, "POST", base + "/consent", {consent: true, partners}, "已记录：居民同意");
  };
  const items = [el("li", {id: "consent"}, consent, " ", ...choices,
    el("button", {type: "button", onclick: consented}, "记录居民同意"),
    el("button", {type: "button", onclick: (event) => call(event.currentTarget, "POST", base + "/consent", {consent: false}, "已记录：居民不同意")}, "记录居民不同意"))];
  for (const r of c.referrals) {
    items.push(el("li", {class: "referral", "data-partner": r.partner_id}, `${r.name}：`, el("strong", {}, r.status_label),
      r.answer ? `（${r.answer.amount ? r.answer.amount + " 元 " : ""}${r.answer.goods || ""}${r.answer.note || ""}）` : "",
      r.last_error ? el("span", {class: "muted"}, ` 发送${r.attempts}次，最近错误：${r.last_error}`) : "",
      r.method === "manual" && r.contact ? el("span", {class: "muted"}, ` 联系方式：${r.contact}`) : "",
      ["pending", "manual"].includes(r.status) ? el("button", {type: "button",
        onclick: (event) => call(event.currentTarget, "DELETE", `${base}/referrals/${encodeURIComponent(r.partner_id)}`, undefined, "已撤回")}, "撤回") : null));
  }
  for (const m of c.referral_suggestions.filter((m) => !referred.has(m.partner_id))) {
    items.push(el("li", {class: "suggestion"}, `建议：${m.name}（${m.kind}，${m.reasons.join("；")}；依据 ${m.rule_ids.join("、")}）`,
      el("button", {type: "button", "data-partner": m.partner_id,
        onclick: (event) => call(event.currentTarget, "POST", base + "/referrals", {partner_id: m.partner_id}, "已转介")}, "转介")));
  }
  document.getElementById("referrals").replaceChildren(...items);
}

async function load() {
  const c = await Desk.api("GET", "/api/cases/" + encodeURIComponent(number));
  document.getElementById("title").textContent = `案件 ${c.case_number}`;
  document.getElementById("summary").replaceChildren(
    el("p", {}, `类型：${c.hardship_type_label}　事由：${c.cause_label}　状态：`, el("strong", {id: "status"}, c.status_label)),
    el("p", {}, `办理机构：${c.township || c.county_code || "待分派"}　经办人：${c.assignee_name || c.assignee || "未分配"}　办理期限：${c.due_date || "—"}`,
       c.overdue ? el("span", {class: "badge red"}, "已超期") : null,
       c.paperwork_due ? el("span", {class: "badge"}, `先行救助手续 ${c.paperwork_due} 前补齐`) : null),
    el("p", {}, `审批额度：乡镇 ${c.limits.township_max ?? "未委托"} 元；上限 ${c.limits.cap ?? "未设"} 元；已批 ${c.approved_amount ?? "—"} 元；已发 ${c.paid_total} 元`),
    c.info_request ? el("p", {}, `已请居民补充：${c.info_request}`) : "",
    c.duplicate_of ? el("p", {class: "check"}, `已作为 ${c.duplicate_of} 的重复申请关闭`) : "");
  document.getElementById("actions").replaceChildren(...(c.allowed_actions.length ? c.allowed_actions.map(actionForm)
    : [el("span", {class: "muted"}, "当前没有可办理的操作")]));
  document.getElementById("related").replaceChildren(...(c.related_cases.length ? c.related_cases.map((m) => el("div", {class: "related"},
    `${m.case_number}（相似度 ${m.score}）：${(m.reasons || []).join("；")} `,
    ...[["duplicate", "标为重复（关闭本案）"], ["same_incident", "同一事件不同家庭"], ["dismiss", "不相关"]].map(([kind, label]) =>
      el("button", {type: "button", "data-kind": kind, onclick: (event) => call(event.currentTarget, "POST",
        `/api/cases/${encodeURIComponent(number)}/related`, {other: m.case_number, kind}, "已记录：" + label)}, label))))
    : [el("span", {class: "muted"}, "无")]));
  const a = c.applicant;
  const reveal = (field) => el("button", {type: "button", onclick: (event) => {
    const button = event.currentTarget;
    return Desk.busy(button, async () => {
      try { const result = await Desk.api("POST", `/api/cases/${encodeURIComponent(number)}/reveal`, {field});
            button.previousSibling.textContent = result.value; button.remove(); }
      catch (error) { Desk.fail("message", error); }
    }); }}, "查看完整号码（留痕）");
  const roster = c.roster ? el("span", {class: c.roster.check === "verified" ? "badge ok" : "badge warn"},
    `${c.roster.group_label}：${c.roster.label}${c.roster.roster_date ? "（名册日期 " + c.roster.roster_date + "）" : ""}`) : "";
  document.getElementById("applicant").replaceChildren(roster,
    el("p", {}, `姓名：${a.name || "—"}　家庭人口：${a.household_size ?? "—"}　户籍地：${a.hukou_place || "—"}　优先救助人群：${a.priority_group ? factValue("priority_group", a.priority_group) : "—"}`),
    el("p", {}, "电话：", el("span", {id: "phone"}, a.phone || "—"), a.phone ? reveal("phone") : null),
    el("p", {}, "身份证号：", el("span", {id: "id_number"}, a.id_number || "—"), a.id_number ? reveal("id_number") : null));
  document.querySelector("#facts tbody").replaceChildren(...c.facts.map((f) => {
    const s = f.source || {};
    const source = `${s.method ? methodLabel(s.method) : "—"}${s.confidence != null ? "，置信度 " + Number(s.confidence).toFixed(2) : ""}${s.channel ? "，" + s.channel : ""}${s.at ? "，" + s.at : ""}`;
    const history = f.history.length ? "；此前：" + f.history.map((h) => factValue(f.name, h.value) + (h.method ? `（${methodLabel(h.method)}）` : "")).join("、") : "";
    // A row is a control: click it, or focus it (Tab) and press Enter, to find its words in the transcript.
    return el("tr", {title: `原文：「${s.text || ""}」${history}`, class: f.needs_checking ? "check" : "", tabindex: "0", onclick: () => highlight(s.text),
                     onkeydown: (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); highlight(s.text); } }},
      el("td", {}, Desk.label("fact", f.name, "其他事项")), el("td", {}, factValue(f.name, f.value)),
      el("td", {}, source, f.needs_checking ? el("span", {class: "badge warn"}, "需核实") : null, history ? el("div", {class: "muted"}, history) : null));
  }));
  const assessment = c.assessment || {};
  document.getElementById("assessment").replaceChildren(
    el("p", {}, `分类：${(c.classification || {}).hardship_type_label || ""} — ${((c.classification || {}).reasons || []).map((r) => r.text + "（" + r.rule_id + "）").join("；")}`),
    ...(assessment.conclusions || []).map((k) => el("p", {class: k.needs_checking ? "check" : ""}, k.text,
      el("span", {class: "muted"}, "　依据：" + k.reasons.map((r) => `${r.rule_id} ${r.text}`).join("；")))),
    assessment.error ? el("p", {class: "check"}, assessment.error) : "");
  CaseDocuments.render(c, number, load);
  document.getElementById("transcript").replaceChildren(...(c.transcript || []).map((t) => el("p", {class: t.role},
    el("strong", {}, t.role === "resident" ? "居民：" : t.role === "operator" ? "接线员：" : "助手："), el("span", {class: "text"}, t.text))));
  document.getElementById("earlier").replaceChildren(...(c.earlier_cases.length ? c.earlier_cases.map((e) =>
    el("li", {}, `${e.case_number} ${e.created_at} ${e.cause_label} ${e.status_label} ${e.office || ""}`)) : [el("li", {class: "muted"}, "无")]));
  document.getElementById("payments").replaceChildren(...(c.payments.length ? c.payments.map((p) =>
    el("li", {}, `${Desk.time(p.paid_on)} ${Desk.label("payment_form", p.form, "其他方式")} ${p.amount} 元 ${p.goods || ""}（${p.recorded_by_name || p.recorded_by}）`)) : [el("li", {class: "muted"}, "无")]));
  renderReferrals(c);
  // Messages to the resident about this case: what was told, how, and whether it reached them.
  document.getElementById("notices").replaceChildren(...((c.notices || []).length ? c.notices.map((n) =>
    el("li", {class: n.status === "manual" ? "check" : ""}, `${Desk.time(n.created_at)} ${n.text}`,
      el("span", {class: "muted"}, `（${n.status_label}${n.method_label ? "，" + n.method_label : ""}${n.last_error ? "，" + n.last_error : ""}）`)))
    : [el("li", {class: "muted"}, "无")]));
  document.querySelector("#events tbody").replaceChildren(...c.events.map((e) => el("tr", {},
    el("td", {}, Desk.time(e.at)), el("td", {}, e.actor_name || actorLabel(e.actor)), el("td", {}, Desk.label("event", e.kind, "其他记录")),
    el("td", {}, e.text || eventData(e.data) || "—"))));
  for (const id of ["facts", "events"]) Desk.labelCells(document.getElementById(id));
}
Promise.all([Desk.start(), Desk.labels()]).then(load).then(() => Desk.restoreDraft())
  .catch((error) => Desk.show("message", error.message));
