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
    document.querySelector("#payments tbody").replaceChildren(...data.rows.map((r) => Desk.el("tr", {}, ...r.map((v) => Desk.el("td", {}, v)))));
  } catch (error) { Desk.show("message", error.message); }
}
async function loadFund() {
  const township = document.getElementById("township").value.trim();
  const params = new URLSearchParams({year: document.getElementById("year").value});
  if (township) { params.set("township", township); params.set("county_code", Desk.me.county_code || ""); }
  try {
    const f = await Desk.api("GET", "/api/reserve-fund?" + params.toString());
    document.getElementById("reserve").replaceChildren(
      Desk.el("p", {}, `${f.township}（${f.year}年）：预算 ${f.budget ?? "未核定"} 元，上年使用 ${f.last_year_use ?? "—"} 元，已支出 ${f.spent} 元，余额 ${f.remaining ?? "—"} 元`),
      f.floor != null ? Desk.el("p", {class: "muted"}, `不低于上年使用总量40%：${f.floor} 元（JX-2.3）`) : "",
      ...f.warnings.map((w) => Desk.el("p", {class: "check"}, `${w.text}（${w.rule_id}）`)));
  } catch (error) { Desk.show("message", error.message); }
}
document.getElementById("month").addEventListener("submit", (event) => { event.preventDefault(); loadPayments(); });
document.getElementById("fund").addEventListener("submit", (event) => { event.preventDefault(); loadFund(); });
document.getElementById("set-fund").addEventListener("submit", async (event) => {
  event.preventDefault();
  const township = document.getElementById("fund-township").value.trim();
  try {
    await Desk.api("PUT", "/api/reserve-fund", {year: Number(document.getElementById("year").value), county_code: Desk.me.county_code || "",
      township, budget: Number(document.getElementById("fund-budget").value), last_year_use: Number(document.getElementById("fund-last").value)});
    document.getElementById("township").value = township;
    Desk.show("message", "已保存", true);
    loadFund();
  } catch (error) { Desk.show("message", error.message); }
});
Desk.start().then((staff) => {
  loadPayments();
  if (staff.township) loadFund();
  if (staff.role === "county") document.getElementById("set-fund").hidden = false;
});
