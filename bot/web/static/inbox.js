"use strict";
let latest = 0;   // only the newest request may render (an older answer arriving late is dropped)
async function load() {
  const mine = ++latest;
  const params = new URLSearchParams();
  for (const name of ["view", "status", "type", "due", "q"]) {
    const value = document.getElementById(name).value.trim();
    if (value) params.set(name, value);
  }
  const data = await Desk.api("GET", "/api/cases?" + params.toString());
  if (mine !== latest) return;
  document.getElementById("count").textContent = `共 ${data.total} 件（急难型在前，再按办理期限排序）`;
  const body = document.querySelector("#cases tbody");
  body.replaceChildren(...data.cases.map((c) => Desk.el("tr",
    {class: (c.overdue ? "overdue " : "") + (c.hardship_type === "emergency" ? "emergency" : ""), "data-case": c.case_number},
    Desk.el("td", {}, Desk.el("a", {href: "/desk/case?n=" + encodeURIComponent(c.case_number)}, c.case_number)),
    Desk.el("td", {}, c.applicant || "—"), Desk.el("td", {}, c.one_line || "—"),
    Desk.el("td", {}, c.hardship_type_label), Desk.el("td", {}, c.status_label),
    Desk.el("td", {}, c.assignee_name || c.assignee || "未分配"),
    // The decision's deadline, or for 先行救助 the paperwork's (the API's `deadline`).
    Desk.el("td", {}, c.deadline || "—", c.overdue ? Desk.el("span", {class: "badge red"}, "已超期") : null),
    Desk.el("td", {}, c.needs_human ? Desk.el("span", {class: "badge warn"}, "转人工") : null,
            c.related_warnings ? Desk.el("span", {class: "badge warn"}, `疑似重复 ${c.related_warnings}`) : null,
            c.paperwork_due ? Desk.el("span", {class: "badge"}, `补手续 ${c.paperwork_due}`) : null),
    Desk.el("td", {}, Desk.time(c.created_at)))));
  Desk.labelCells(document.getElementById("cases"));
}
document.getElementById("filters").addEventListener("submit", (event) => { event.preventDefault(); load(); });
document.getElementById("view").addEventListener("change", () => load());
// The filters' option texts are the labels of their codes (the empty "all" options keep their own words).
function labelOptions() {
  for (const [id, kind] of [["status", "status"], ["type", "hardship_type"]]) {
    for (const option of document.getElementById(id).options) if (option.value) option.textContent = Desk.label(kind, option.value);
  }
}
Promise.all([Desk.start(), Desk.labels()]).then(() => { labelOptions(); return load(); });
