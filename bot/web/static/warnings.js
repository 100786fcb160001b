// The monthly comparison's early-warning rows (信息比对预警, GET /api/rosters/comparison), per
// township; each open row is closed with a note saying what was done.
"use strict";
const now = new Date();
document.getElementById("year").value = now.getFullYear();
document.getElementById("mon").value = now.getMonth() + 1;
let latest = 0;   // only the newest request may render
function closeForm(row) {
  const note = Desk.el("textarea", {name: "note", rows: "2", maxlength: "2000", "aria-label": `${row.case_number}的处理情况`,
                                    placeholder: "例如：已入户核实，纳入防返贫监测"});
  return Desk.el("form", {class: "close-warning", "data-action": `close-${row.kind}-${row.case_number}`, onsubmit: (event) => {
    event.preventDefault();
    const text = note.value.trim();
    if (!text) { note.setAttribute("aria-invalid", "true"); note.focus(); Desk.show("message", "请写明处理情况"); return; }
    Desk.busy(event.target.querySelector("button"), async () => {
      try {
        await Desk.api("POST", `/api/rosters/warnings/${encodeURIComponent(row.kind)}/${encodeURIComponent(row.case_number)}/close`, {note: text});
        Desk.show("message", `已处理：${row.case_number}（${row.kind_label}）`, true);
        await load();
      } catch (error) { Desk.fail("message", error); }
    });
  }}, note, Desk.el("button", {type: "submit"}, "处理完毕"));
}
function handled(row) {
  if (row.closed) return [Desk.el("span", {class: "badge"}, "已处理"), " ", row.note, row.closed_by ? Desk.el("span", {class: "muted"}, `（${row.closed_by}）`) : null];
  return Desk.me && ["county", "township"].includes(Desk.me.role) ? closeForm(row) : Desk.el("span", {class: "badge warn"}, "未处理");
}
async function load() {
  const mine = ++latest;
  const year = document.getElementById("year").value, month = document.getElementById("mon").value;
  try {
    const data = await Desk.api("GET", `/api/rosters/comparison?year=${encodeURIComponent(year)}&month=${encodeURIComponent(month)}`);
    if (mine !== latest) return;
    const open = data.rows.filter((r) => !r.closed).length;
    const rows = document.getElementById("show").value === "open" ? data.rows.filter((r) => !r.closed) : data.rows;
    document.getElementById("count").textContent = `${year}年${month}月：共 ${data.rows.length} 条预警，未处理 ${open} 条`;
    document.querySelector("#warnings tbody").replaceChildren(...rows.map((r) => Desk.el("tr", {"data-case": r.case_number, "data-kind": r.kind},
      Desk.el("td", {}, r.township), Desk.el("td", {}, r.kind_label),
      Desk.el("td", {}, Desk.el("a", {href: "/desk/case?n=" + encodeURIComponent(r.case_number)}, r.case_number)),
      Desk.el("td", {}, r.status_label), Desk.el("td", {}, r.detail), Desk.el("td", {}, Desk.time(r.created_at)),
      Desk.el("td", {}, handled(r)))));
    Desk.labelCells(document.getElementById("warnings"));
  } catch (error) { Desk.fail("message", error); }
}
document.getElementById("month").addEventListener("submit", (event) => { event.preventDefault(); load(); });
Desk.start().then(load);
