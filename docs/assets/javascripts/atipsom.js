/* ATIPSOM Navigator: language switch, copy citation, permalink highlight, as-at picker, version compare,
   defined-term tooltips. Plain script: no network requests, works from file://. */
(function () {
  "use strict";

  var STORE = "atipsom.lang";

  function store(key, value) {
    try { if (value === undefined) { return window.localStorage.getItem(key); } window.localStorage.setItem(key, value); }
    catch (e) { return null; }
  }

  function toast(message) {
    var el = document.createElement("div");
    el.className = "atp-toast";
    el.setAttribute("role", "status");
    el.textContent = message;
    document.body.appendChild(el);
    window.setTimeout(function () { el.remove(); }, 2500);
  }

  /* language: both side by side (wide screens), or one at a time */
  function setLanguage(show) {
    document.querySelectorAll(".atp-law").forEach(function (law) {
      if (!law.classList.contains("atp-front")) { law.setAttribute("data-show", show); }
    });
    document.querySelectorAll(".atp-langbar button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-show") === show));
    });
    store(STORE, show);
  }

  function initLanguage() {
    var bars = document.querySelectorAll(".atp-langbar");
    if (!bars.length) { return; }
    bars.forEach(function (bar) {
      bar.hidden = false;
      bar.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-show]");
        if (button) { setLanguage(button.getAttribute("data-show")); }
      });
    });
    var wanted = new URLSearchParams(window.location.search).get("lang") || store(STORE) || "both";
    if (["both", "en", "ms"].indexOf(wanted) < 0) { wanted = "both"; }
    setLanguage(wanted);
  }

  /* copy citation: Malaysian style, with the version date and the permalink */
  function citationFor(button) {
    var law = button.closest(".atp-law");
    var lang = button.getAttribute("data-lang") || "en";
    var prov = button.closest(".atp-prov");
    var title = law.getAttribute("data-title-" + lang) || law.getAttribute("data-title-en");
    var date = law.getAttribute("data-date-" + lang);
    var cite = button.getAttribute("data-cite");
    var link = law.getAttribute("data-permalink") || window.location.pathname;
    var url = new URL(link, window.location.href);
    url.hash = prov && prov.id ? prov.id : "";
    var asAt = lang === "ms" ? "(pada " + date + ")" : "(as at " + date + ")";
    var act = lang === "ms" ? "[Akta 670]" : "[Act 670]";
    return title + " " + act + ", " + cite + " " + asAt + "\n" + url.href;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy") ? resolve() : reject(new Error("copy refused")); }
      catch (e) { reject(e); }
      area.remove();
    });
  }

  function initCitations() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest(".atp-cite");
      if (!button) { return; }
      var text = citationFor(button);
      button.setAttribute("data-copied", text);
      copyText(text).then(function () {
        toast(button.getAttribute("data-lang") === "ms" ? "Petikan disalin" : "Citation copied");
      }, function () {
        window.prompt("Copy this citation:", text);
      });
    });
  }

  /* permalinks: highlight the provision named in the address */
  function highlight() {
    document.querySelectorAll(".atp-highlight").forEach(function (el) { el.classList.remove("atp-highlight"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var target = document.getElementById(id);
    if (target && target.classList.contains("atp-prov")) {
      target.classList.add("atp-highlight");
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: false });
    }
  }

  /* as-at picker: any date -> the whole Act as it stood that day */
  function initAsAt() {
    document.querySelectorAll("form.atp-asat").forEach(function (form) {
      var targets = JSON.parse(form.getAttribute("data-targets") || "{}");
      var dates = Object.keys(targets).sort();
      var message = form.querySelector(".atp-asat__message");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var value = form.querySelector("input[type=date]").value;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) { message.textContent = "Enter a date as YYYY-MM-DD."; return; }
        var chosen = null;
        dates.forEach(function (date) { if (date <= value) { chosen = date; } });
        if (!chosen) {
          message.textContent = "Act 670 was not in force on " + value + ": its first provisions came into force on " +
            dates[0] + ".";
          return;
        }
        window.location.href = targets[chosen];
      });
    });
  }

  /* compare two versions of a section */
  function initCompare() {
    document.querySelectorAll("form.atp-compare").forEach(function (form) {
      var pairs = JSON.parse(form.getAttribute("data-pairs") || "{}");
      var error = form.querySelector(".atp-compare__error");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var key = form.elements.old.value + "_" + form.elements["new"].value;
        if (!pairs[key]) { error.hidden = false; return; }
        window.location.href = pairs[key];
      });
    });
  }

  /* defined terms: the definition on hover, focus and tap */
  function initTerms() {
    var tip = null;
    function hide() { if (tip) { tip.remove(); tip = null; } }
    function show(term) {
      hide();
      var id = term.getAttribute("aria-describedby");
      var source = id && document.getElementById(id);
      if (!source) { return; }
      tip = document.createElement("div");
      tip.className = "atp-tip";
      tip.setAttribute("role", "tooltip");
      tip.innerHTML = source.innerHTML;
      document.body.appendChild(tip);
      var box = term.getBoundingClientRect();
      tip.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8)) + "px";
      tip.style.top = (window.scrollY + box.bottom + 6) + "px";
    }
    document.addEventListener("mouseover", function (e) { var t = e.target.closest(".atp-term"); if (t) { show(t); } });
    document.addEventListener("mouseout", function (e) { if (e.target.closest(".atp-term")) { hide(); } });
    document.addEventListener("focusin", function (e) { var t = e.target.closest(".atp-term"); if (t) { show(t); } else { hide(); } });
    document.addEventListener("click", function (e) {
      var t = e.target.closest(".atp-term");
      if (t) { e.preventDefault(); show(t); } else if (!e.target.closest(".atp-tip")) { hide(); }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { hide(); return; }
      // Enter on a marked term goes to its definition in the "Definitions used" block (links there work)
      var t = e.key === "Enter" && e.target.closest && e.target.closest(".atp-term");
      var id = t && t.getAttribute("aria-describedby");
      var definition = id && document.getElementById(id);
      if (definition) {
        e.preventDefault(); hide();
        window.location.hash = id;
        definition.setAttribute("tabindex", "-1");
        definition.focus();
      }
    });
  }

  function init() {
    initLanguage();
    initCitations();
    initAsAt();
    initCompare();
    initTerms();
    highlight();
    window.addEventListener("hashchange", highlight);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
