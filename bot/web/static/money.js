"use strict";
const now = new Date();
document.getElementById("year").value = now.getFullYear();
document.getElementById("mon").value = now.getMonth() + 1;
async function loadPayments() {
  const year = document.getElementById("year").value, month = document.getElementById("mon").value;
  const base = `/api/exports/payments?year=${encodeURIComponent(year)}&month=${encodeURIComponent(month)}`;
  document.getElementById("csv").href = base + "&format=csv";
  document.getElementById("xlsx").href = base + "&format=xlsx";
  try {
    const data = await Desk.api("GET", base + "&format=json");
    document.querySelector("#payments thead").replaceChildren(Desk.el("tr", {}, ...data.columns.map((c) => Desk.el("th", {}, c))));
    document.querySelector("#payments tbody").replaceChildren(...data.rows.map((r) => Desk.el("tr", {}, ...r.map((v) => Desk.el("td", {}, v ?? "")))));
    Desk.labelCells(document.getElementById("payments"));
  } catch (error) { Desk.show("message", error.message); }
}
const yuan = (value, missing = "—") => value === null || value === undefined ? missing : `${value} 元`;
async function loadFund() {
  const township = document.getElementById("township").value.trim();
  const params = new URLSearchParams({year: document.getElementById("year").value});
  if (township) { params.set("township", township); params.set("county_code", Desk.me.county_code || ""); }
  try {
    const f = await Desk.api("GET", "/api/reserve-fund?" + params.toString());
    document.getElementById("reserve").replaceChildren(
      Desk.el("p", {}, `${f.township}（${f.year}年）：预算 ${yuan(f.budget, "未核定")}，上年使用 ${yuan(f.last_year_use)}，已支出 ${yuan(f.spent)}，余额 ${yuan(f.remaining)}`),
      f.floor != null ? Desk.el("p", {class: "muted"}, `不低于上年使用总量40%：${f.floor} 元（JX-2.3）`) : "",
      ...f.warnings.map((w) => Desk.el("p", {class: "check"}, `${w.text}（${w.rule_id}）`)));
  } catch (error) { Desk.show("message", error.message); }
}
document.getElementById("month").addEventListener("submit", (event) => { event.preventDefault(); loadPayments(); });
document.getElementById("fund").addEventListener("submit", (event) => { event.preventDefault(); loadFund(); });
// An amount as typed: digits with at most two decimals, not negative; else a message saying what to type.
function amount(id, name, required) {
  const field = document.getElementById(id), text = field.value.trim().replace(/[,，\s]/g, "");
  field.removeAttribute("aria-invalid");
  let problem = null;
  if (!text) problem = required ? `请填写${name}（元）` : null;
  else if (/^-/.test(text) && /^-\d+(\.\d+)?$/.test(text)) problem = `${name}不能是负数`;
  else if (!/^\d+(\.\d{1,2})?$/.test(text)) problem = `${name}只能填写金额数字（元，最多两位小数），例如 50000 或 12345.50；「${field.value.trim()}」不是金额`;
  else if (Number(text) > 1e10) problem = `${name}太大，请核对`;
  if (problem) { field.setAttribute("aria-invalid", "true"); field.focus(); throw new Error(problem); }
  return text ? Number(text) : 0;
}
document.getElementById("set-fund").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target, township = document.getElementById("fund-township").value.trim();
  let body;
  try {
    if (!township) { document.getElementById("fund-township").focus(); throw new Error("请填写乡镇"); }
    body = {year: Number(document.getElementById("year").value), county_code: Desk.me.county_code || "", township,
            budget: amount("fund-budget", "本年预算", true), last_year_use: amount("fund-last", "上年使用总量", false)};
  } catch (error) { Desk.show("message", error.message); return; }
  Desk.busy(form.querySelector("button[type=submit]"), async () => {
    try {
      await Desk.api("PUT", "/api/reserve-fund", body);
      document.getElementById("township").value = township;
      Desk.show("message", `已保存：${township}本年预算 ${body.budget} 元`, true);
      loadFund();
    } catch (error) { Desk.show("message", error.message); }
  });
});
Desk.start().then((staff) => {
  loadPayments();
  if (staff.township) loadFund();
  if (staff.role === "county") document.getElementById("set-fund").hidden = false;
  Desk.restoreDraft();
});
