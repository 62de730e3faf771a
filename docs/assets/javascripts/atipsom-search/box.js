/* The header search box (overrides/partials/search.html): an ARIA combobox over window.atipsomSearch (engine.js).
 * Results as the reader types (no search data is loaded before the first keystroke), keyboard (arrows, Enter,
 * Escape; "/" or "s" focuses the box), result counts announced in a live region, an as-at date, and a citation
 * ("s 44(2)") offers to go straight to its provision. */
(function () {
  "use strict";

  var box = document.querySelector("[data-atp-search]");
  if (!box || !window.atipsomSearch) return;
  var input = box.querySelector("#atp-search-input");
  var asAt = box.querySelector("#atp-search-asat");
  var list = box.querySelector("#atp-search-list");
  var status = box.querySelector("#atp-search-status");
  var toggle = box.querySelector(".atp-search__toggle");
  var active = -1;
  var asked = 0;
  var timer = null;

  function setOpen(open) {
    box.classList.toggle("atp-search--open", open);
    toggle.setAttribute("aria-expanded", String(open));
    if (!open) showList(false);
  }

  function showList(show) {
    list.hidden = !show;
    input.setAttribute("aria-expanded", String(show));
    if (!show) { active = -1; input.removeAttribute("aria-activedescendant"); }
  }

  function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }

  function move(step) {
    var all = options();
    if (!all.length) return;
    active = (active + step + all.length) % all.length;
    all.forEach(function (o, i) { o.setAttribute("aria-selected", String(i === active)); });
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }

  function label(result) {
    var name = result.provision || result.heading;
    var when = result.kind === "provision" && result.in_force_from ? " (in force from " + result.in_force_from + ")" : "";
    return [name, result.provision ? result.heading : "", when];
  }

  function render(answer, parsed) {
    list.textContent = "";
    var results = answer.results;
    results.forEach(function (result, i) {
      var item = document.createElement("li");
      item.id = "atp-search-option-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.className = "atp-search__option";
      var link = document.createElement("a");
      link.href = window.atipsomSearchEngine.href(result.url);
      link.tabIndex = -1;
      var parts = label(result);
      var title = document.createElement("strong");
      title.textContent = parts[0];
      link.appendChild(title);
      if (parts[1]) link.appendChild(document.createTextNode(" — " + parts[1]));
      if (parts[2]) link.appendChild(document.createTextNode(parts[2]));
      if (result.unofficial) {
        var tag = document.createElement("span");
        tag.className = "atp-search__unofficial";
        tag.textContent = " unofficial English";
        link.appendChild(tag);
      }
      var snippet = document.createElement("span");
      snippet.className = "atp-search__snippet";
      snippet.innerHTML = answer.results[i].snippet; // escaped text with <mark> only (engine.js snippet())
      link.appendChild(snippet);
      item.appendChild(link);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      list.appendChild(item);
    });
    var cited = parsed && parsed.citations.length && results.length && results[0].kind === "provision";
    var count = answer.total === 0 ? "No results" : answer.total === 1 ? "1 result" : answer.total + " results";
    status.textContent = count + (cited ? ". First: " + results[0].provision + " — press Enter to go to it." : "") +
      (answer.notices.length ? " " + answer.notices.join(" ") : "");
    active = -1;
    showList(results.length > 0);
    if (cited) move(1);
  }

  function run() {
    var text = input.value;
    var number = ++asked;
    if (!text.trim()) {
      status.textContent = "";
      showList(false);
      return;
    }
    window.atipsomSearch(text, { asAt: asAt.value || undefined, limit: 10 }).then(function (answer) {
      if (number !== asked) return; // a later keystroke won
      render(answer, window.atipsomQuery.parseQuery(text));
    }, function () {
      if (number === asked) status.textContent = "The search could not load its data.";
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  }

  input.addEventListener("input", schedule);
  asAt.addEventListener("change", run);
  input.addEventListener("focus", function () { setOpen(true); if (list.childNodes.length) showList(true); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) run(); else move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Enter") {
      var all = options();
      var chosen = all[active >= 0 ? active : 0];
      if (chosen) { event.preventDefault(); window.location.href = chosen.querySelector("a").href; }
    } else if (event.key === "Escape") {
      if (!list.hidden) showList(false);
      else { input.blur(); setOpen(false); }
    }
  });
  box.addEventListener("focusout", function (event) {
    if (!box.contains(event.relatedTarget)) showList(false);
  });
  toggle.addEventListener("click", function () {
    var open = !box.classList.contains("atp-search--open");
    setOpen(open);
    if (open) input.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" && event.key !== "s") return;
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    setOpen(true);
    input.focus();
  });
})();
