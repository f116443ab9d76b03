/* "My pathways": lists the pathways this browser has ticked steps in (the checklist's localStorage keys,
   "hub-pathway:<role slug>", see checklist.js) with how far each is, and clears them all on request. The page
   carries the roles' names, addresses and step ids in a JSON island, so nothing is asked of the server and no
   cookie is set. Without this script, or without storage, or with nothing ticked, the section stays hidden. */
(function () {
  "use strict";

  var PREFIX = "hub-pathway:";

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function readTicks(store, key) {
    try {
      var value = JSON.parse(store.getItem(key) || "[]");
      return Array.isArray(value) ? value.map(String) : [];
    } catch (error) {
      return [];
    }
  }

  // Only ticks of steps the pathway still has count: a step removed since keeps no tick in the total.
  function progressOf(store, role) {
    var ticks = readTicks(store, PREFIX + role.slug);
    var done = role.steps.filter(function (step) { return ticks.indexOf(step) !== -1; }).length;
    return { done: done, total: role.steps.length };
  }

  function item(role, progress, template, rtl) {
    var li = document.createElement("li");
    li.className = "pathways-mine__item";
    var link = document.createElement("a");
    link.href = role.url;
    link.textContent = role.name;
    if (role.lang) {
      link.lang = role.lang;
      if (rtl) {
        link.dir = "ltr";
      }
    }
    var text = document.createElement("span");
    text.className = "pathways-mine__count";
    text.textContent = template.replace("{done}", progress.done).replace("{total}", progress.total);
    var bar = document.createElement("span");
    bar.className = "pathways-mine__bar";
    bar.setAttribute("aria-hidden", "true");
    var fill = document.createElement("span");
    fill.className = "pathways-mine__fill";
    // Through the CSSOM, which the content security policy allows (a style attribute it would not).
    fill.style.inlineSize = Math.round((100 * progress.done) / progress.total) + "%";
    bar.appendChild(fill);
    li.appendChild(link);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(text);
    li.appendChild(bar);
    return li;
  }

  function setUp(section) {
    var store = storage();
    var island = section.querySelector("#my-pathways-data");
    if (!store || !island) {
      return;
    }
    var roles;
    try {
      roles = JSON.parse(island.textContent);
    } catch (error) {
      return;
    }
    var list = section.querySelector(".pathways-mine__list");
    var template = section.getAttribute("data-progress") || "{done} / {total}";
    var rtl = document.documentElement.dir === "rtl";
    var shown = 0;
    roles.forEach(function (role) {
      var progress = progressOf(store, role);
      if (progress.done > 0) {
        list.appendChild(item(role, progress, template, rtl));
        shown += 1;
      }
    });
    if (!shown) {
      return;
    }
    var clear = section.querySelector(".pathways-mine__clear");
    clear.addEventListener("click", function () {
      if (!window.confirm(section.getAttribute("data-confirm"))) {
        return;
      }
      var keys = [];
      for (var index = 0; index < store.length; index += 1) {
        var key = store.key(index);
        if (key && key.indexOf(PREFIX) === 0) {
          keys.push(key);
        }
      }
      keys.forEach(function (key) { store.removeItem(key); });
      list.textContent = "";
      list.hidden = true;
      clear.hidden = true;
      section.querySelector(".pathways-mine__status").textContent = section.getAttribute("data-cleared");
      section.querySelector("h2").focus();
    });
    section.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-my-pathways]"), setUp);
})();
