// hfs-i18n serve: live update, inspector and edit-in-place.  Injected by the preview
// server only; never part of what `hfs-i18n build` writes.  Every piece of catalog text
// reaches the panel through textContent, never as markup.
(() => {
  "use strict";
  const script = document.getElementById("hfs-serve");
  let state = Object.assign({}, script.dataset);
  let selected = null; // the message shown in the panel: {locale, msgctxt, msgid, ...}
  let busy = Promise.resolve();

  const css = `
  #hfs-bar{position:fixed;bottom:12px;inset-inline-end:12px;z-index:2147483646;font:14px/1.3 system-ui,sans-serif;direction:ltr}
  #hfs-bar button{padding:6px 10px;border:1px solid #345;border-radius:4px;background:#fff;color:#123;cursor:pointer}
  #hfs-bar button[aria-pressed=true]{background:#123;color:#fff}
  .hfs-inspect .hfs-msg{outline:1px dashed #8895a7;cursor:pointer}
  .hfs-inspect .hfs-msg:hover{outline:2px solid #1a56db}
  .hfs-inspect .hfs-warning{background:#fff3bf;outline:2px solid #e0a800}
  .hfs-inspect .hfs-error{background:#ffd6d6;outline:2px solid #c92a2a}
  .hfs-inspect .hfs-untranslated,.hfs-inspect .hfs-missing{text-decoration:underline wavy #862e9c}
  .hfs-inspect .hfs-fuzzy{text-decoration:underline dotted #d9480f;text-decoration-thickness:2px}
  .hfs-inspect .hfs-leak{background:repeating-linear-gradient(45deg,#ffe3e3 0 6px,#fff 6px 12px);outline:2px dotted #c92a2a}
  .hfs-inspect .hfs-selected{outline:3px solid #1a56db !important}
  #hfs-panel{position:fixed;top:0;bottom:0;right:0;width:min(420px,90vw);overflow:auto;z-index:2147483647;
    background:#fff;color:#111;border-inline-start:2px solid #123;padding:12px 16px;font:14px/1.45 system-ui,sans-serif;
    box-shadow:0 0 12px rgba(0,0,0,.25);direction:ltr;text-align:left}
  html[dir=rtl] #hfs-panel{right:auto;left:0;border-inline-start:0;border-inline-end:2px solid #123}
  html[dir=rtl] #hfs-bar{inset-inline-end:auto;left:12px}
  #hfs-panel h2{font-size:15px;margin:0 0 6px}#hfs-panel h3{font-size:13px;margin:12px 0 4px;color:#345;text-transform:uppercase}
  #hfs-panel .hfs-text{white-space:pre-wrap;background:#f4f6f8;padding:6px;border-radius:4px;font-size:15px}
  #hfs-panel code{font-size:12px;word-break:break-all}#hfs-panel ul{margin:0;padding-inline-start:18px}
  #hfs-panel .sev-error{color:#c92a2a;font-weight:bold}#hfs-panel .sev-warning{color:#a66300;font-weight:bold}
  #hfs-panel textarea{width:100%;min-height:90px;font-size:15px;box-sizing:border-box}
  #hfs-edit-status{margin-top:6px}#hfs-edit-status.error{color:#c92a2a;font-weight:bold}
  #hfs-panel .hfs-close{float:right}`;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) node.setAttribute(k, v);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const style = el("style", { id: "hfs-style" }, css);
  const toggle = el("button", { id: "hfs-inspect-toggle", type: "button", "aria-pressed": "false" }, "Inspect");
  const bar = el("div", { id: "hfs-bar", lang: "en" }, toggle);
  const panel = el("aside", { id: "hfs-panel", lang: "en", hidden: "" });

  function mountUi() {
    document.head.append(style);
    document.body.append(bar, panel);
    toggle.setAttribute("aria-pressed", String(state.inspect === "1"));
    document.body.classList.toggle("hfs-inspect", state.inspect === "1");
  }

  function pageUrl() {
    const url = new URL(location.href);
    if (state.inspect === "1") url.searchParams.set("inspect", "1");
    else url.searchParams.delete("inspect");
    return url;
  }

  async function refresh(force, changed) {
    if ((changed || []).some((p) => p.endsWith(".css"))) {
      for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
        const url = new URL(link.href);
        url.searchParams.set("v", String(Date.now()));
        link.href = url.href;
      }
    }
    const headers = force ? {} : { "If-None-Match": `"${state.etag}"` };
    const response = await fetch(pageUrl(), { headers, cache: "no-store" });
    if (response.status === 304) return;
    const html = await response.text();
    const doc = new DOMParser().parseFromString(html, "text/html");
    const next = doc.getElementById("hfs-serve");
    if (next) {
      state = Object.assign({}, next.dataset);
      next.remove();
    }
    document.title = doc.title;
    for (const attr of ["lang", "dir"]) {
      const value = doc.documentElement.getAttribute(attr);
      if (value === null) document.documentElement.removeAttribute(attr);
      else document.documentElement.setAttribute(attr, value);
    }
    document.body.className = doc.body.className;
    document.body.replaceChildren(...doc.body.childNodes);
    mountUi();
    document.documentElement.dataset.hfsVersion = state.version;
    if (selected && !panel.hidden) {
      const again = findElement(selected);
      if (again) again.classList.add("hfs-selected");
      await showMessage(selected, again);
    }
    window.dispatchEvent(new CustomEvent("hfs:updated", { detail: state }));
  }

  function queue(fn) {
    busy = busy.then(fn).catch((err) => console.error("hfs-i18n serve:", err));
    return busy;
  }

  function keyOf(node) {
    const d = node.dataset;
    return {
      locale: state.locale,
      msgid: d.i18nMsgid,
      msgctxt: d.i18nMsgctxt === undefined ? null : d.i18nMsgctxt,
      msgid_plural: d.i18nPlural === undefined ? null : d.i18nPlural,
      form: d.i18nForm === undefined ? 0 : Number(d.i18nForm),
    };
  }

  function findElement(key) {
    for (const node of document.querySelectorAll("[data-i18n-msgid]")) {
      const k = keyOf(node);
      if (k.msgid === key.msgid && k.msgctxt === key.msgctxt && k.form === key.form) return node;
    }
    return null;
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = { error: `HTTP ${response.status}` }; }
    return { ok: response.ok, status: response.status, data };
  }

  function section(title, ...children) {
    return [el("h3", {}, title), ...children];
  }

  function renderPanel(info) {
    const close = el("button", { type: "button", class: "hfs-close" }, "Close");
    close.addEventListener("click", () => { panel.hidden = true; });
    const parts = [close, el("h2", {}, "Message"), el("code", { id: "hfs-ref" }, info.ref)];
    parts.push(el("div", { id: "hfs-state" }, `State: ${info.state}`));
    if (info.msgctxt !== null) parts.push(el("div", {}, "Context: ", el("code", {}, info.msgctxt)));
    parts.push(...section("Source", el("div", { class: "hfs-text", id: "hfs-source", lang: "en", dir: "ltr" }, info.msgid)));
    if (info.msgid_plural) parts.push(el("div", { class: "hfs-text", lang: "en", dir: "ltr" }, info.msgid_plural));
    const isPlural = !!info.msgid_plural;
    const shown = isPlural ? (info.msgstr_plural || {})[String(info.form)] || "" : info.msgstr || "";
    const dir = document.documentElement.getAttribute("dir") || "auto";
    const lang = document.documentElement.getAttribute("lang") || "";
    if (info.editable || info.msgstr !== undefined) {
      const label = isPlural ? `Translation (form ${info.form})` : "Translation";
      parts.push(...section(label, el("div", { class: "hfs-text", id: "hfs-translation", dir, lang }, shown || "(untranslated)")));
    }
    if (info.translator_comments) parts.push(...section("Translator comments", el("div", { class: "hfs-text" }, info.translator_comments)));
    if (info.extracted_comments) parts.push(...section("Comments for translators", el("div", { class: "hfs-text", id: "hfs-extracted" }, info.extracted_comments)));
    if (info.terms && info.terms.length) {
      const list = el("ul", { id: "hfs-terms" });
      for (const term of info.terms) {
        const approved = term.approved.length ? term.approved.join(", ") : term.do_not_translate ? "(keep as is)" : "(none)";
        const item = el("li", {}, el("b", {}, term.en), " → ", el("span", { dir, lang }, approved));
        if (term.forbidden.length) item.append(el("div", {}, "not: ", el("span", { dir, lang }, term.forbidden.join(", "))));
        if (term.note) item.append(el("div", {}, term.note));
        list.append(item);
      }
      parts.push(...section("Glossary", list));
    }
    const findings = el("ul", { id: "hfs-findings" });
    for (const f of info.findings || []) {
      findings.append(el("li", {}, el("span", { class: `sev-${f.severity}` }, f.severity), ` ${f.check}: ${f.message}`));
    }
    if (!(info.findings || []).length) findings.append(el("li", {}, "No findings."));
    parts.push(...section("Check findings", findings));
    if (info.edit && info.editable) {
      const area = el("textarea", { id: "hfs-edit-text", dir, lang });
      area.value = shown;
      const save = el("button", { type: "button", id: "hfs-edit-save" }, "Save to catalog");
      const status = el("div", { id: "hfs-edit-status", role: "status" });
      save.addEventListener("click", () => queue(async () => {
        status.className = "";
        status.textContent = "Saving…";
        const body = Object.assign({}, selected, { token: state.token, text: area.value });
        const result = await post("/_hfs/edit", body);
        if (result.ok) {
          state.token = result.data.token;
          status.textContent = "Saved.";
          await refresh(true, []);
          const after = document.getElementById("hfs-edit-status");
          if (after) after.textContent = "Saved.";
        } else {
          status.className = "error";
          status.textContent = result.data.error || `HTTP ${result.status}`;
        }
      }));
      parts.push(...section("Edit", area, save, status));
    }
    panel.replaceChildren(...parts);
    panel.hidden = false;
  }

  async function showMessage(key, node) {
    const result = await post("/_hfs/message", key);
    if (result.ok) renderPanel(result.data);
    else panel.replaceChildren(el("p", {}, result.data.error || "not found"));
    panel.hidden = false;
  }

  function showLeak(node) {
    const close = el("button", { type: "button", class: "hfs-close" }, "Close");
    close.addEventListener("click", () => { panel.hidden = true; });
    panel.replaceChildren(close, el("h2", {}, "Text from no message"),
      el("div", { class: "hfs-text", id: "hfs-leak-text" }, node.textContent),
      el("p", {}, "This text is written in a template, outside {% trans %} or _(): translators never see it. "
        + "`hfs-i18n check --pseudo` names its template and line."));
    panel.hidden = false;
  }

  document.addEventListener("click", (event) => {
    if (state.inspect !== "1" || panel.contains(event.target) || bar.contains(event.target)) return;
    const leak = event.target.closest(".hfs-leak");
    const node = event.target.closest("[data-i18n-ref]");
    if (!node && !leak) return;
    event.preventDefault();
    event.stopPropagation();
    for (const old of document.querySelectorAll(".hfs-selected")) old.classList.remove("hfs-selected");
    if (node && (!leak || node.contains(leak))) {
      node.classList.add("hfs-selected");
      selected = keyOf(node);
      queue(() => showMessage(selected, node));
    } else {
      selected = null;
      showLeak(leak);
    }
  }, true);

  toggle.addEventListener("click", () => {
    state.inspect = state.inspect === "1" ? "0" : "1";
    history.replaceState(null, "", pageUrl());
    if (state.inspect !== "1") panel.hidden = true;
    queue(() => refresh(true, []));
  });

  const events = new EventSource("/_hfs/events");
  // A change between this page's request and the stream's start (or while the server
  // restarted) is caught by one conditional request when the stream opens.
  events.onopen = () => queue(() => refresh(false, []));
  events.onmessage = (message) => {
    const event = JSON.parse(message.data);
    queue(() => refresh(false, event.changed));
  };
  document.documentElement.dataset.hfsVersion = state.version;
  mountUi();
})();
