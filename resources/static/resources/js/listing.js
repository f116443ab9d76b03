/* The resource listing's long facets: a box that narrows a facet's options as the reader types. Without
   this script the facet shows its top options and a plain "Show all n" disclosure; nothing else depends
   on it. The box's label and its "nothing matches" text come from the page, already translated. */
(function () {
  "use strict";

  // Case, Latin accents and Arabic vowel marks do not count: "emergent" finds "Émergent", "متوسع" finds "متوسّع".
  function normalise(text) {
    return text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f\u064b-\u0652\u0670]/g, "").trim();
  }

  function setUp(facet, number) {
    var options = Array.prototype.slice.call(facet.querySelectorAll(".hub-listing__option"));
    var more = facet.querySelector(".hub-listing__more");
    var legend = facet.querySelector("legend");

    var wrapper = document.createElement("div");
    wrapper.className = "hub-listing__find cdx-text-input";
    var label = document.createElement("label");
    label.className = "hub-visually-hidden";
    label.htmlFor = "facet-find-" + number;
    label.textContent = facet.getAttribute("data-facet-filter");
    var input = document.createElement("input");
    input.type = "search";
    input.id = label.htmlFor;
    input.className = "cdx-text-input__input";
    input.setAttribute("autocomplete", "off");
    input.placeholder = label.textContent;
    wrapper.appendChild(label);
    wrapper.appendChild(input);

    var none = document.createElement("p");
    none.className = "hub-listing__none";
    none.setAttribute("role", "status");
    none.hidden = true;
    none.textContent = facet.getAttribute("data-facet-none");

    legend.insertAdjacentElement("afterend", wrapper);
    facet.appendChild(none);

    var texts = options.map(function (option) { return normalise(option.textContent); });
    var wasOpen = more ? more.open : false;

    input.addEventListener("input", function () {
      var wanted = normalise(input.value);
      var shown = 0;
      options.forEach(function (option, index) {
        var match = !wanted || texts[index].indexOf(wanted) !== -1;
        option.hidden = !match;
        if (match) { shown += 1; }
      });
      if (more) {
        // While filtering, the folded options are searched too, so the disclosure opens; emptying the
        // box puts it back as the reader left it.
        if (wanted) {
          more.open = true;
        } else {
          more.open = wasOpen;
        }
      }
      none.hidden = shown > 0;
    });
    if (more) {
      more.addEventListener("toggle", function () {
        if (!input.value) { wasOpen = more.open; }
      });
    }
  }

  Array.prototype.slice.call(document.querySelectorAll("[data-facet-filter]")).forEach(setUp);
})();
