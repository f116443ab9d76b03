/* Pathway checklist: lets a volunteer tick off steps. The ticks stay in this browser's localStorage
   (one key per role); nothing is sent to the server. Without this script (or without storage) the page
   reads as a plain ordered list and shows no controls. */
(function () {
  "use strict";

  function storageAvailable() {
    try {
      var probe = "hub-pathway-probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return true;
    } catch (error) {
      return false;
    }
  }

  function readTicks(key) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(value) ? value.map(String) : [];
    } catch (error) {
      return [];
    }
  }

  function setUp(checklist) {
    var key = "hub-pathway:" + checklist.getAttribute("data-role");
    var template = checklist.getAttribute("data-progress") || "{done} / {total}";
    var boxes = Array.prototype.slice.call(checklist.querySelectorAll("input[data-step]"));
    var progress = checklist.querySelector(".pathways-progress");
    var clear = checklist.querySelector(".pathways-clear");
    if (!boxes.length) {
      return;
    }

    // The step itself says whether it is done, so the print stylesheet can draw its box ticked.
    function mark(box) {
      box.closest(".pathways-step").classList.toggle("pathways-step--done", box.checked);
    }

    function announce() {
      var done = boxes.filter(function (box) { return box.checked; }).length;
      progress.textContent = template.replace("{done}", done).replace("{total}", boxes.length);
    }

    function save() {
      boxes.forEach(mark);
      var ticked = boxes.filter(function (box) { return box.checked; }).map(function (box) {
        return box.getAttribute("data-step");
      });
      if (ticked.length) {
        window.localStorage.setItem(key, JSON.stringify(ticked));
      } else {
        window.localStorage.removeItem(key);
      }
      announce();
    }

    var ticks = readTicks(key);
    boxes.forEach(function (box) {
      box.checked = ticks.indexOf(box.getAttribute("data-step")) !== -1;
      mark(box);
      box.addEventListener("change", save);
      box.closest(".pathways-step__done").hidden = false;
    });
    clear.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; mark(box); });
      window.localStorage.removeItem(key);
      announce();
    });
    checklist.querySelector(".pathways-controls").hidden = false;
    announce();
  }

  if (!storageAvailable()) {
    return;
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-pathway-checklist]"), setUp);
})();
