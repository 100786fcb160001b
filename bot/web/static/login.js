"use strict";
document.getElementById("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await Desk.api("POST", "/api/login", {username: document.getElementById("username").value,
                                          password: document.getElementById("password").value});
    location.href = "/desk/";
  } catch (error) { Desk.show("message", error.message); }
});
