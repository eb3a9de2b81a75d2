/* hogo consent banner: no framework, no third-party requests. Tags wait as
   <script type="text/plain" data-hogo-category="analytics" src="…"> until their category is allowed. */
(function () {
  "use strict";
  var me = document.currentScript, base = new URL(me.src).origin, api = base + "/api/v1/web-consent";
  var lang = (me.getAttribute("data-lang") || document.documentElement.lang || "ja").slice(0, 2) === "en" ? "en" : "ja";
  var KEY = "hogo_consent", cfg = null, box = null, tab = null, done = {};
  function load() { try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; } }
  function keep(o) { try { localStorage.setItem(KEY, JSON.stringify(o)); } catch (e) { /* private mode */ } }
  function el(tag, attrs, text) {
    var n = document.createElement(tag), k;
    for (k in attrs || {}) n.setAttribute(k, attrs[k]);
    if (text) n.textContent = text;
    return n;
  }
  function t(o) { return (o && (o[lang] || o.ja)) || ""; }
  function activate(choices) {
    var held = document.querySelectorAll("script[type='text/plain'][data-hogo-category]"), i, old, c, n, a;
    for (i = 0; i < held.length; i++) {
      old = held[i]; c = old.getAttribute("data-hogo-category");
      if (c !== "necessary" && !choices[c]) continue;
      n = document.createElement("script");
      for (a = 0; a < old.attributes.length; a++) {
        if (old.attributes[a].name !== "type") n.setAttribute(old.attributes[a].name, old.attributes[a].value);
      }
      if (!old.src) n.text = old.text;
      old.parentNode.replaceChild(n, old);
    }
    held = document.querySelectorAll("[data-hogo-src][data-hogo-category]");
    for (i = 0; i < held.length; i++) {
      c = held[i].getAttribute("data-hogo-category");
      if (choices[c]) { held[i].src = held[i].getAttribute("data-hogo-src"); held[i].removeAttribute("data-hogo-src"); }
    }
    done = choices;
  }
  function post(action, choices, quiet) {
    var body = { visitor: cfg.visitor, nonce: cfg.nonce, expires: cfg.expires, token: cfg.token,
                 banner: cfg.banner, action: action, choices: choices };
    return fetch(api + "/records", { method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
                                     body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (!res.ok) { say(res.j.detail || "error"); return; }
        cfg.nonce = res.j.nonce; cfg.expires = res.j.expires; cfg.token = res.j.token;
        var before = done, k, withdrawn = false;
        for (k in before) if (before[k] && !res.j.choices[k]) withdrawn = true;
        keep({ visitor: cfg.visitor, banner: cfg.banner, choices: res.j.choices, record: res.j.id, gpc: res.j.gpc });
        hide();
        if (withdrawn) { location.reload(); return; }
        activate(res.j.choices);
        if (quiet) say(cfg.content.text[lang].gpc);
      });
  }
  function say(text) {
    var live = document.getElementById("hogo-cb-live");
    if (live) live.textContent = text;
  }
  function hide() {
    if (box) { box.parentNode.removeChild(box); box = null; }
    if (tab) tab.hidden = false;
  }
  function style() {
    var s = el("style");
    s.textContent = "#hogo-cb{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;background:#fff;color:#111;" +
      "border-top:2px solid #333;padding:1rem;font:15px/1.6 sans-serif;max-height:80vh;overflow:auto}" +
      "#hogo-cb button,#hogo-cb-tab{font:inherit;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;border:2px solid #333;" +
      "background:#fff;color:#111;cursor:pointer;min-width:10rem}#hogo-cb button:focus,#hogo-cb-tab:focus," +
      "#hogo-cb input:focus{outline:3px solid #1a5fb4;outline-offset:2px}#hogo-cb h2{font-size:1.1rem;margin:0 0 .5rem}" +
      "#hogo-cb fieldset{border:1px solid #999;margin:.5rem 0}#hogo-cb small{display:block;color:#333}" +
      "#hogo-cb-tab{position:fixed;left:.5rem;bottom:.5rem;z-index:2147483646;min-width:0}";
    document.head.appendChild(s);
  }
  function show() {
    var x = cfg.content.text[lang], cats = cfg.content.categories, prior = load(), i, c, f, box2, cb, j, tag, list;
    hide();
    if (tab) tab.hidden = true;
    box = el("div", { id: "hogo-cb", role: "dialog", "aria-modal": "false", "aria-labelledby": "hogo-cb-title",
                      "aria-describedby": "hogo-cb-body", lang: lang });
    box.appendChild(el("h2", { id: "hogo-cb-title", tabindex: "-1" }, x.title));
    box.appendChild(el("p", { id: "hogo-cb-body" }, x.body));
    var more = el("div", { id: "hogo-cb-more", hidden: "" });
    for (i = 0; i < cats.length; i++) {
      c = cats[i];
      f = el("fieldset");
      box2 = el("legend");
      cb = el("input", { type: "checkbox", id: "hogo-cb-c-" + c.id, name: c.id });
      if (c.required) { cb.checked = true; cb.disabled = true; }
      else if (prior.choices && prior.choices[c.id]) cb.checked = true;
      box2.appendChild(cb);
      box2.appendChild(el("label", { "for": "hogo-cb-c-" + c.id }, " " + t(c.label)));
      f.appendChild(box2);
      f.appendChild(el("small", {}, t(c.text)));
      list = el("ul");
      for (j = 0; j < c.tags.length; j++) {
        tag = c.tags[j];
        list.appendChild(el("li", {}, t(tag.tool) + " — " + t(tag.recipient) + ": " +
          tag.sent.map(t).join("、") + " / " + t(tag.purpose)));
      }
      f.appendChild(list);
      more.appendChild(f);
    }
    box.appendChild(more);
    var row = el("div", { role: "group", "aria-label": x.title });
    var accept = el("button", { type: "button", id: "hogo-cb-accept" }, x.accept);
    var reject = el("button", { type: "button", id: "hogo-cb-reject" }, x.reject);
    var choose = el("button", { type: "button", id: "hogo-cb-choose", "aria-controls": "hogo-cb-more",
                                "aria-expanded": "false" }, x.settings);
    accept.onclick = function () { post("accept_all", {}); };
    reject.onclick = function () {
      var given = Object.keys(done).some(function (k) { return done[k]; });
      post(given ? "withdraw" : "reject_all", {});  /* refusing what was allowed is a withdrawal */
    };
    choose.onclick = function () {
      if (more.hidden) { more.hidden = false; choose.textContent = x.save; choose.setAttribute("aria-expanded", "true"); return; }
      var picked = {}, k;
      for (k = 0; k < cats.length; k++) if (!cats[k].required) picked[cats[k].id] = document.getElementById("hogo-cb-c-" + cats[k].id).checked;
      post("custom", picked);
    };
    row.appendChild(accept); row.appendChild(reject); row.appendChild(choose);
    box.appendChild(row);
    var link = el("a", { href: base + "/portal/consent?lang=" + lang + "&visitor=" + cfg.visitor, id: "hogo-cb-notice" }, x.notice);
    box.appendChild(el("p")).appendChild(link);
    document.body.appendChild(box);
    box.querySelector("#hogo-cb-title").focus();
  }
  function start() {
    style();
    var live = el("div", { id: "hogo-cb-live", role: "status", "aria-live": "polite",
                           style: "position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden" });
    document.body.appendChild(live);
    var prior = load();
    var q = prior.visitor ? "?visitor=" + encodeURIComponent(prior.visitor) : "";
    fetch(api + "/config" + q, { credentials: "omit" }).then(function (r) { return r.json(); }).then(function (c) {
      if (!c.banner) return;
      cfg = c;
      tab = el("button", { type: "button", id: "hogo-cb-tab", hidden: "" }, cfg.content.text[lang].reopen);
      tab.onclick = show;
      document.body.appendChild(tab);
      if (prior.choices && prior.banner === cfg.banner && prior.visitor === cfg.visitor) {
        activate(prior.choices);  /* the choice was made on the banner in force */
        tab.hidden = false;
        return;
      }
      keep({ visitor: cfg.visitor });
      if (navigator.globalPrivacyControl === true) { post("gpc", {}, true); return; }
      show();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
