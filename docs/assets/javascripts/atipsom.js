/* ATIPSOM Navigator: language switch, copy citation, permalink highlight, as-at picker, version compare,
   defined-term tooltips. Plain script: no network requests, works from file://. */
(function () {
  "use strict";

  var STORE = "atipsom.lang";

  function store(key, value) {
    try { if (value === undefined) { return window.localStorage.getItem(key); } window.localStorage.setItem(key, value); }
    catch (e) { return null; }
  }

  /* one status message at a time, in one live region (screen readers announce each new message) */
  var toastTimer = null;
  function statusRegion() {
    var el = document.querySelector(".atp-toast");
    if (!el) {
      el = document.createElement("div");
      el.className = "atp-toast";
      el.setAttribute("role", "status");
      el.hidden = true;
      document.body.appendChild(el);
    }
    return el;
  }

  function toast(message) {
    var el = statusRegion();
    el.textContent = message;
    el.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(function () { el.hidden = true; el.textContent = ""; }, 2500);
  }

  /* language: both side by side (wide screens), or one at a time. On a narrow screen there is room for
     one language only: "both" then shows English, and the buttons say so (aria-pressed). */
  var NARROW = window.matchMedia ? window.matchMedia("(max-width: 44.9375em)") : null;
  var chosen = "both";

  function shown() {
    return chosen === "both" && NARROW && NARROW.matches ? "en" : chosen;
  }

  function setLanguage(show, remember) {
    chosen = show;
    document.querySelectorAll(".atp-law").forEach(function (law) {
      if (!law.classList.contains("atp-front")) { law.setAttribute("data-show", show); }
    });
    var pressed = shown();
    document.querySelectorAll(".atp-langbar button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-show") === pressed));
    });
    if (remember) { store(STORE, show); }
  }

  /* the reader's language, carried between the guidance and the law: reading a Malay page (<html lang="ms">)
     or following a link to the other language (data-atp-lang) is a choice the statute pages then follow (they
     show the Malay text first). Someone who chose both languages side by side keeps that. */
  function rememberPageLanguage() {
    var stored = store(STORE);
    if (document.documentElement.getAttribute("lang") === "ms" && stored !== "ms" && stored !== "both") {
      store(STORE, "ms");
    }
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-atp-lang]");
      if (!link) { return; }
      var wanted = link.getAttribute("data-atp-lang");
      if (wanted === "ms" && store(STORE) !== "both") { store(STORE, "ms"); }
      if (wanted === "en" && store(STORE) === "ms") { store(STORE, "en"); }
    });
  }

  function initLanguage() {
    rememberPageLanguage();
    var bars = document.querySelectorAll(".atp-langbar");
    if (!bars.length) { return; }
    bars.forEach(function (bar) {
      bar.hidden = false;
      bar.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-show]");
        if (button) { setLanguage(button.getAttribute("data-show"), true); }
      });
    });
    var wanted = new URLSearchParams(window.location.search).get("lang") || store(STORE) || "both";
    if (["both", "en", "ms"].indexOf(wanted) < 0) { wanted = "both"; }
    setLanguage(wanted, false);
    if (NARROW && NARROW.addEventListener) {
      NARROW.addEventListener("change", function () { setLanguage(chosen, false); });
    }
  }

  /* copy citation: Malaysian style, with the version date and the permalink */
  function citationFor(button) {
    var law = button.closest(".atp-law");
    var lang = button.getAttribute("data-lang") || "en";
    var prov = button.closest(".atp-prov");
    var title = law.getAttribute("data-title-" + lang) || law.getAttribute("data-title-en");
    var date = law.getAttribute("data-date-" + lang);
    var cite = button.getAttribute("data-cite");
    var asAt = lang === "ms" ? "(pada " + date + ")" : "(as at " + date + ")";
    var act = lang === "ms" ? "[Akta 670]" : "[Act 670]";
    return title + " " + act + ", " + cite + " " + asAt + "\n" + citationAddress(law, prov);
  }

  /* The address in a citation: the published address (`atipsom build --site-url`) when the site has one, the
     page's own address when it was opened from a web server, else (opened from a file) the provision's path in
     the site. Never a file:// address, which would give away where the reader keeps the site. */
  function citationAddress(law, prov) {
    var hash = prov && prov.id ? "#" + prov.id : "";
    var path = law.getAttribute("data-path") || "";
    var meta = document.querySelector('meta[name="atp-site-url"]');
    var published = meta ? meta.getAttribute("content") : "";
    if (published && path) {
      return new URL(path.replace(/^\//, "") + hash, published.replace(/\/?$/, "/")).href;
    }
    if (/^https?:$/.test(window.location.protocol)) {
      var url = new URL(law.getAttribute("data-permalink") || window.location.pathname, window.location.href);
      url.hash = hash;
      return url.href;
    }
    return (path || "/") + hash;
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
    if (document.querySelector(".atp-cite")) { statusRegion(); }
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
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"];

  function longDate(iso) {
    var parts = iso.split("-");
    return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
  }

  function initAsAt() {
    document.querySelectorAll("form.atp-asat").forEach(function (form) {
      var targets = JSON.parse(form.getAttribute("data-targets") || "{}");
      var dates = Object.keys(targets).sort();
      var message = form.querySelector(".atp-asat__message");
      var input = form.querySelector("input[type=date]");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var value = input.value;
        message.textContent = "";
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
          message.textContent = "Enter a date (day, month and year).";
          input.focus();
          return;
        }
        var chosenDate = null;
        dates.forEach(function (date) { if (date <= value) { chosenDate = date; } });
        if (!chosenDate) {
          message.textContent = "Act 670 was not in force on " + longDate(value) + ": its first provisions came into " +
            "force on " + longDate(dates[0]) + ".";
          input.focus();
          return;
        }
        window.location.href = targets[chosenDate];
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

  /* defined terms: the definition on hover, focus and tap. The tooltip stays while the pointer is on the
     term or on the tooltip itself (so it can be read and selected), and Escape dismisses it (WCAG 1.4.13). */
  function initTerms() {
    var tip = null;
    var owner = null;
    var timer = null;
    function cancel() { if (timer) { window.clearTimeout(timer); timer = null; } }
    function hide() { cancel(); if (tip) { tip.remove(); tip = null; owner = null; } }
    function hideSoon() { cancel(); timer = window.setTimeout(hide, 300); }
    function show(term) {
      cancel();
      if (owner === term && tip) { return; }
      hide();
      var id = term.getAttribute("aria-describedby");
      var source = id && document.getElementById(id);
      if (!source) { return; }
      tip = document.createElement("div");
      tip.className = "atp-tip";
      tip.id = "atp-tip";
      tip.setAttribute("role", "tooltip");
      tip.innerHTML = source.innerHTML;
      tip.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      tip.addEventListener("mouseenter", cancel);
      tip.addEventListener("mouseleave", hideSoon);
      document.body.appendChild(tip);
      owner = term;
      var box = term.getBoundingClientRect();
      var width = document.documentElement.clientWidth;
      tip.style.left = Math.max(window.scrollX + 8, Math.min(window.scrollX + box.left,
        window.scrollX + width - tip.offsetWidth - 8)) + "px";
      tip.style.top = (window.scrollY + box.bottom + 4) + "px";
    }
    document.addEventListener("mouseover", function (e) {
      var t = e.target.closest && e.target.closest(".atp-term");
      if (t) { show(t); }
    });
    document.addEventListener("mouseout", function (e) {
      var t = e.target.closest && e.target.closest(".atp-term");
      if (t && t !== document.activeElement) { hideSoon(); }
    });
    document.addEventListener("focusin", function (e) {
      var t = e.target.closest && e.target.closest(".atp-term");
      if (t) { show(t); } else if (!(e.target.closest && e.target.closest(".atp-tip"))) { hide(); }
    });
    document.addEventListener("focusout", function (e) {
      if (e.target.closest && e.target.closest(".atp-term")) { hideSoon(); }
    });
    document.addEventListener("click", function (e) {
      var t = e.target.closest(".atp-term");
      if (t) { e.preventDefault(); show(t); } else if (!e.target.closest(".atp-tip")) { hide(); }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { if (tip) { e.stopPropagation(); hide(); } return; }
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
    }, true);
  }

  /* tables on narrow screens are shown row by row: each cell is labelled with its column heading */
  function labelTables() {
    /* the tables of a guidance page or a case note stack on a phone like the site's own: a law table's last
       column is its citations, which must not be scrolled out of sight */
    if (document.querySelector(".atp-summary, .atp-langnote")) {
      document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
        table.className = "atp-written-table";
      });
    }
    document.querySelectorAll(".md-typeset table[class^='atp-']").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (!heads.length) { return; }
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (heads[i] && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", heads[i]); }
        });
      });
    });
  }

  /* a printout shows the notices folded on screen (the "not legal advice" notice of a guidance page) */
  function openDetailsForPrint() {
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll(".md-typeset details:not([open])").forEach(function (details) {
        details.setAttribute("open", "");
        details.setAttribute("data-atp-printed", "");
      });
    });
    window.addEventListener("afterprint", function () {
      document.querySelectorAll("details[data-atp-printed]").forEach(function (details) {
        details.removeAttribute("open");
        details.removeAttribute("data-atp-printed");
      });
    });
  }

  function init() {
    openDetailsForPrint();
    initLanguage();
    initCitations();
    initAsAt();
    initCompare();
    initTerms();
    labelTables();
    highlight();
    window.addEventListener("hashchange", highlight);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
