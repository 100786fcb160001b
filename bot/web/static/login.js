"use strict";
// After login, back to the page the user came from (?next=, only a page of this site), else the inbox.
const query = new URLSearchParams(location.search);
const next = query.get("next") || "";
const back = /^\/(desk\/|desk$|console)[^\\]*$/.test(next) && !next.startsWith("//") ? next : "/desk/";
if (query.get("expired")) Desk.show("message", "登录已过期，请重新登录；登录后回到原来的页面，已填写的内容会恢复");
document.getElementById("login").addEventListener("submit", (event) => {
  event.preventDefault();
  Desk.busy(document.getElementById("submit"), async () => {
    try {
      await Desk.api("POST", "/api/login", {username: document.getElementById("username").value,
                                            password: document.getElementById("password").value});
      location.href = back;
    } catch (error) { Desk.show("message", error.message); }
  });
});
