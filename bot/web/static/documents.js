// The case page's documents (材料): the needed documents as 已收到 / 仍缺, the files with 查看 (an image
// inline, a PDF in a new tab; each look is recorded) and 删除 (with a reason), and the upload form.
// The server checks each file's content and size; the page checks the size first to save the wait.
"use strict";
const CaseDocuments = {
  url: (number, id) => `/api/cases/${encodeURIComponent(number)}/documents${id ? "/" + id : ""}`,

  async upload(number, kind, file) {
    const response = await fetch(CaseDocuments.url(number) + "?" + new URLSearchParams({kind}).toString(), {
      method: "POST", body: file, credentials: "same-origin",
      headers: {"Content-Type": "application/octet-stream", "X-Filename": encodeURIComponent(file.name),
                "X-CSRF-Token": Desk.csrf || "", "Accept": "application/json"}});
    if (response.status === 401) Desk.toLogin();
    const data = await response.json().catch(() => ({}));
    if (!response.ok) { const error = new Error(data.message || "上传失败"); error.data = data; throw error; }
    return data;
  },

  checklist(c) {
    const el = Desk.el, names = Object.fromEntries(c.documents.map((d) => [d.id, d]));
    return el("ul", {id: "checklist", class: "checklist"}, ...c.documents_checklist.map((row) => el("li", {"data-kind": row.kind},
      el("span", {class: row.received ? "badge ok-badge" : "badge warn"}, row.status_label), " ", row.label,
      row.required ? "" : el("span", {class: "muted"}, "（补充材料）"),
      row.documents.length ? el("span", {class: "muted"}, "：" + row.documents.map((id) => names[id].file_name).join("、")) : "")));
  },

  item(c, number, d, reload) {
    const el = Desk.el, link = CaseDocuments.url(number, d.id);
    const who = `${d.uploaded_by_name || "工作人员"} ${Desk.time(d.uploaded_at)} 上传`;
    if (d.deleted) {
      return el("li", {class: "document deleted", "data-document": d.id}, el("del", {}, `${d.kind_label}：${d.file_name}`),
        el("span", {class: "muted"}, `（${who}；${d.deleted_by_name || "工作人员"} ${Desk.time(d.deleted_at)} 删除，理由：${d.delete_reason}）`));
    }
    const preview = el("div", {class: "preview"});
    const show = d.is_image
      ? el("button", {type: "button", class: "show", onclick: (event) => {
          const opened = preview.firstChild;
          preview.replaceChildren(...(opened ? [] : [el("img", {src: link, alt: `${d.kind_label}：${d.file_name}`})]));
          event.currentTarget.textContent = opened ? "查看" : "收起"; }}, "查看")
      : el("a", {href: link, target: "_blank", rel: "noopener", class: "show"}, "在新窗口打开");
    const reason = el("input", {type: "text", name: "reason", "aria-label": `删除「${d.file_name}」的理由`, placeholder: "删除理由"});
    const remove = el("form", {class: "inline delete", "data-document": d.id}, reason, el("button", {type: "submit"}, "删除"));
    remove.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!reason.value.trim()) { Desk.show("message", "删除材料须写明理由"); reason.focus(); return undefined; }
      return Desk.busy(remove.querySelector("button"), async () => {
        try { await Desk.api("DELETE", link, {reason: reason.value.trim()}); Desk.show("message", "已删除材料", true); await reload(); }
        catch (error) { Desk.fail("message", error, reload); }
      });
    });
    return el("li", {class: "document", "data-document": d.id}, `${d.kind_label}：${d.file_name}（${d.size_label}）`,
      el("span", {class: "muted"}, `　${who}　`), show, c.allowed_actions.length ? remove : null, preview);
  },

  form(c, number, reload) {
    const el = Desk.el, rules = c.document_rules;
    const missing = c.documents_checklist.filter((r) => !r.received).map((r) => r.kind);
    const kinds = [...missing, ...Object.keys(rules.kinds).filter((k) => !missing.includes(k))];
    const kind = el("select", {id: "document-kind", name: "kind"}, ...kinds.map((k) => el("option", {value: k}, rules.kinds[k])));
    // The browser's own file button speaks the browser's language: it is hidden, its label is the button.
    const chosenName = el("span", {id: "document-chosen", class: "muted"}, "未选择文件");
    const file = el("input", {id: "document-file", type: "file", name: "file", class: "file-input", accept: rules.media_types.join(","),
                              onchange: () => { chosenName.textContent = file.files[0] ? file.files[0].name : "未选择文件"; }});
    const form = el("form", {id: "upload", class: "inline"},
      el("label", {for: "document-kind"}, "材料 "), kind, " ", file, el("label", {for: "document-file", class: "file-button"}, "选择文件"),
      " ", chosenName, " ", el("button", {type: "submit"}, "上传"),
      el("div", {class: "muted"}, `${rules.formats_label}，每份最大 ${rules.max_label}；按文件内容检查，不看文件名`));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = file.files[0];
      if (!chosen) { Desk.show("message", "请先选择文件"); return undefined; }
      if (chosen.size > rules.max_bytes) { Desk.show("message", `文件太大，每份材料最大 ${rules.max_label}`); return undefined; }
      return Desk.busy(form.querySelector("button[type=submit]"), async () => {
        try {
          const added = await CaseDocuments.upload(number, kind.value, chosen);
          Desk.show("message", `已上传：${added.kind_label}（${added.file_name}）`, true);
          await reload();
        } catch (error) { Desk.fail("message", error); }
      });
    });
    return form;
  },

  render(c, number, reload) {
    const el = Desk.el, handles = c.allowed_actions.length > 0;   // caseworkers of the case's office
    document.getElementById("documents").replaceChildren(
      CaseDocuments.checklist(c),
      el("ul", {id: "document-list"}, ...(c.documents.length ? c.documents.map((d) => CaseDocuments.item(c, number, d, reload))
                                                            : [el("li", {class: "muted"}, "尚未上传材料")])),
      handles ? CaseDocuments.form(c, number, reload) : "");
  },
};
