// The observer's field app: what they see and do. Screens are drawn from what the phone
// keeps (store.js); the network is needed only to sign in, to refresh the missions and
// to send the outbox (sync.js), which happens by itself whenever the network is there.
import * as store from "./store.js";
import * as server from "./sync.js";
import { el, questionInputs, readAnswers, problems, showProblems, serverProblems, validatorClass } from "./filling.js";
import { resized, position } from "./photos.js";

const main = document.getElementById("main");
let words = { en: {}, es: {} };
let language = "en";
const MAX_PHOTOS = 3;

function t(key, params = {}) {
  const text = words[language]?.[key] ?? words.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function when(ms, style = { dateStyle: "medium", timeStyle: "short" }) {
  return new Intl.DateTimeFormat(language, style).format(new Date(ms));
}

function localNow() {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

// A time typed on the phone ("2026-12-06T14:30", the device's own clock) as ISO 8601 with
// the device's offset, so the server keeps both the instant and the observer's local hour.
function withOffset(local) {
  const minutes = -new Date(local).getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
  return `${local.slice(0, 16)}:00${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

function title(thing) {
  return language === "es" ? thing.title_es || thing.title_en : thing.title_en || thing.title_es;
}

function show(...children) {
  main.replaceChildren(...children);
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function notice(text, kind = "info") {
  return el("p", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status", text });
}

// --- the header: network and outbox -------------------------------------------------

async function drawBar() {
  const network = document.getElementById("network");
  network.textContent = navigator.onLine ? t("online") : t("offline");
  network.className = `network ${navigator.onLine ? "on" : "off"}`;
  const waiting = (await store.filings()).filter(server.needsSending).length;
  const link = document.getElementById("outbox-link");
  link.hidden = !(await store.get("session"));
  link.textContent = waiting ? `${t("outbox")} · ${t("waiting", { n: waiting })}` : t("outbox");
  link.classList.toggle("has-waiting", waiting > 0);
  document.getElementById("brand").textContent = t("app_name");
  document.documentElement.lang = language;
  document.title = t("app_name");
}

// --- screens ------------------------------------------------------------------------

function signInScreen(message, kept = {}) {
  const email = el("input", { type: "email", id: "email", name: "email", autocomplete: "username", required: true, value: kept.email || "" });
  const password = el("input", { type: "password", id: "password", name: "password", autocomplete: "current-password", required: true, value: kept.password || "" });
  // Asked for once the server says the account has two-factor sign-in.
  const code = kept.needsCode ? el("input", { type: "text", id: "code", name: "code", autocomplete: "one-time-code", autocapitalize: "none", maxlength: "40", required: true }) : null;
  const form = el("form", { class: "card", onsubmit: async (event) => {
    event.preventDefault();
    if (!navigator.onLine) return show(signInScreen(t("needs_network")));
    const done = await server.signIn(email.value.trim(), password.value, code?.value.trim()).catch(() => null);
    if (!done?.ok) {
      const kind = done?.data?.type?.split("/").pop();
      const again = { email: email.value, password: password.value, needsCode: kind === "totp-required" || kind === "totp-invalid" };
      const said = kind === "totp-required" ? t("code_needed") : kind === "totp-invalid" ? t("code_wrong") : done ? t("sign_in_failed") : t("needs_network");
      return show(signInScreen(said, again.needsCode ? again : {}));
    }
    route();
  } },
    el("h1", { text: t("sign_in") }),
    el("p", { text: t("sign_in_once") }),
    message ? notice(message, "error") : null,
    el("label", { for: "email", text: t("email") }), email,
    el("label", { for: "password", text: t("password") }), password,
    code ? el("label", { for: "code", text: t("code") }) : null, code,
    el("button", { type: "submit", class: "primary", text: t("sign_in") }),
    languageSwitch());
  return form;
}

function languageSwitch() {
  return el("p", { class: "languages" }, t("language"), ": ",
    ...[["en", "English"], ["es", "Español"]].map(([code, name]) =>
      el("button", { type: "button", class: "link", lang: code, "aria-pressed": String(code === language), onclick: async () => {
        language = code;
        server.speak(code);
        await store.put("language", code);
        drawBar();
        route();
      }, text: name })));
}

async function refresh() {
  try {
    await server.refreshSession();
    return await server.loadAssignments();
  } catch (error) {
    if (error instanceof server.SignedOut) {
      const session = await store.get("session");
      if (session) await store.put("session", { ...session, expired: true });
    }
    return null;
  }
}

async function homeScreen() {
  const session = await store.get("session");
  const mine = await store.get("assignments");
  const lastSync = await store.get("lastSync");
  const parts = [
    el("p", { class: "who" }, t("signed_in_as", { name: session.user?.full_name || "" }), " · ",
      el("button", { type: "button", class: "link", onclick: signOut, text: t("sign_out") })),
  ];
  if (session.expired) parts.push(notice(t("session_expired"), "error"));
  parts.push(el("p", { class: "meta" },
    mine ? t("refreshed_at", { time: when(Date.parse(mine.generated_at)) }) : "",
    lastSync ? ` · ${t("last_sync", { time: when(lastSync) })}` : "",
    " ",
    el("button", { type: "button", class: "secondary", onclick: async () => {
      if (!navigator.onLine) return alertInPlace(t("needs_network"));
      await refresh();
      route();
    }, text: t("refresh") })));
  parts.push(el("h1", { text: t("my_missions") }));
  const missions = mine?.missions || [];
  if (!missions.length) parts.push(el("p", { text: t("no_missions") }));
  for (const m of missions) parts.push(missionCard(m));
  parts.push(el("p", {}, el("a", { href: "#/sent", class: "button secondary", text: t("what_i_sent") })));
  parts.push(languageSwitch());
  show(...parts);
}

function alertInPlace(text) {
  main.prepend(notice(text, "error"));
}

// A day of the calendar (YYYY-MM-DD) as the reader says it: "12 Mar", "12 mar".
function day(iso) {
  return when(Date.parse(`${iso}T12:00:00`), { day: "numeric", month: "short" });
}

function missionCard(entry) {
  const { mission, member, stations = [], forms = [], conduct } = entry;
  const id = mission.id;
  return el("section", { class: "card mission", "aria-labelledby": `m-${id}` },
    el("h2", { id: `m-${id}`, text: mission.code }),
    el("p", { class: "meta", text: [member && t(`role_${member.role}`), member && t(`status_${member.status}`), mission.election_date && when(Date.parse(`${mission.election_date}T12:00:00`), { dateStyle: "long" })].filter(Boolean).join(" · ") }),
    // The days the server takes this member's filings on (an answer kept from before the
    // server told them has none).
    entry.arrives_on && entry.leaves_on
      ? el("p", { class: "days", text: t("your_days", { from: day(entry.arrives_on), to: day(entry.leaves_on) }) })
      : null,
    conduct ? el("p", { class: conduct.complete ? "ok" : "warn" },
      conduct.complete ? t("code_done") : t("code_to_do"), " ",
      el("a", { href: `#/code/${id}`, text: t("code_of_conduct") })) : null,
    el("h3", { text: t("forms") }),
    ...formLists(id, member, forms),
    el("p", {}, el("a", { class: "button warn", href: `#/incident/${id}`, text: t("report_incident") })),
    entry.files_meetings ? el("p", {}, el("a", { class: "button", href: `#/meeting/${id}`, text: t("record_meeting") })) : null,
    el("details", {}, el("summary", { text: `${t("my_stations")} (${stations.length})` }),
      stations.length
        ? el("ul", {}, stations.map((s) => el("li", { text: stationLabel(s) })))
        : el("p", { text: t("no_stations") })));
}

// The forms a member is expected to fill first (a station's checklists; an area's report for
// long-term observers and coordinators; a specialist's own theme), and the rest folded away:
// the server takes any of them from a deployed member.
const AREA_ROLES = ["long_term_observer", "regional_coordinator"];

function expected(member, form) {
  const scope = form.scope || "station";
  if (form.theme) return form.theme === member?.theme;
  return scope === "station" || (scope === "area" && AREA_ROLES.includes(member?.role));
}

function formLists(missionId, member, forms) {
  if (!forms.length) return [el("p", { text: t("no_forms") })];
  const list = (chosen) => el("ul", { class: "actions" }, [...chosen].sort(byPhase).map((f) =>
    el("li", {}, el("a", { class: "button", href: `#/fill/${missionId}/${f.id}`, text: `${t("fill_in")}: ${title(f)}` }))));
  const first = forms.filter((f) => expected(member, f));
  const rest = forms.filter((f) => !expected(member, f));
  return [
    first.length ? list(first) : null,
    rest.length ? el("details", { class: "more-forms" }, el("summary", { text: `${t("other_forms")} (${rest.length})` }), list(rest)) : null,
  ].filter(Boolean);
}

const PHASES = ["opening", "voting", "closing", "counting", "incident", "long_term"];

// Forms in the order of the day: opening first, counting last.
function byPhase(a, b) {
  return PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.key.localeCompare(b.key);
}

function stationLabel(s) {
  return [s.code, s.centre, s.municipality].filter(Boolean).join(" — ");
}

async function missionEntry(missionId) {
  const mine = await store.get("assignments");
  return mine?.missions?.find((m) => String(m.mission.id) === String(missionId));
}

function areaPicker(areas, chosen) {
  return el("select", { id: "area", name: "area", required: true },
    el("option", { value: "", text: t("choose") }),
    areas.map((a) => el("option", { value: a, selected: a === chosen, text: a })));
}

function stationPicker(stations, chosen, id = "station") {
  return el("select", { id, name: "station", required: true },
    el("option", { value: "", text: t("choose") }),
    stations.map((s) => el("option", { value: String(s.id), selected: String(s.id) === String(chosen), text: stationLabel(s) })));
}

// Fill in a form. `existing` is an outbox entry being fixed, or a filing being corrected.
async function fillScreen(missionId, formId, { fixing, correcting } = {}) {
  const entry = await missionEntry(missionId);
  const form = entry?.forms?.find((f) => String(f.id) === String(formId));
  if (!form) return homeScreen();
  const draftKey = `fill:${missionId}:${formId}`;
  const base = fixing?.body || correcting || (await store.draft(draftKey)) || {};
  // What the filing is about, as the form's scope asks: a station, an area, or the whole mission.
  const scope = form.scope || "station";
  const station = scope === "station" ? stationPicker(entry.stations || [], base.station_id) : null;
  const area = scope === "area" ? areaPicker(entry.areas || [], base.area) : null;
  const subject = station || area;
  const subjectError = el("p", { class: "field-error", id: "subject-error", hidden: true });
  subject?.setAttribute("aria-describedby", "subject-error");
  const observed = el("input", { type: "datetime-local", id: "observed_at", name: "observed_at", required: true, value: base.observed_at ? toLocal(base.observed_at) : localNow() });
  const root = el("form", { class: "card filling", novalidate: true });
  const status = el("div", { "aria-live": "polite" });
  const save = async (event, asDraft = false) => {
    event?.preventDefault();
    const answers = readAnswers(form, root);
    const body = {
      uuid: fixing?.uuid || uuid(),
      form_id: form.id,
      observed_at: withOffset(observed.value),
      answers,
    };
    if (station) body.station_id = Number(station.value) || undefined;
    if (area) body.area = area.value || undefined;
    if (correcting) body.supersedes = correcting.uuid;
    if (asDraft) {
      await store.saveDraft(draftKey, body);
      status.replaceChildren(notice(t("draft_kept")));
      return;
    }
    const found = await problems(form, answers, t);
    showProblems(root, found);
    const subjectMissing = subject && !subject.value;
    subject?.setAttribute("aria-invalid", subjectMissing ? "true" : "false");
    if (subject) {
      subjectError.hidden = !subjectMissing;
      subjectError.textContent = subjectMissing ? t(station ? "msg_station" : "msg_area") : "";
    }
    if (Object.keys(found).length || subjectMissing || !observed.value) {
      status.replaceChildren(notice(t("fix_fields"), "error"));
      root.querySelector("[aria-invalid=true], .invalid input, .invalid textarea")?.focus();
      return;
    }
    const session = await store.get("session");
    await store.saveFiling({ uuid: body.uuid, kind: "submission", missionId: entry.mission.id, userId: session.user.id, body, label: title(form), savedAt: Date.now() });
    await store.dropDraft(draftKey);
    afterSave();
  };
  root.addEventListener("submit", save);
  root.append(...[
    el("h1", { text: title(form) }),
    correcting ? notice(t("correction_of", { time: when(Date.parse(correcting.observed_at)) })) : null,
    fixing ? notice(fixing.message ? t("server_said", { message: fixing.message }) : t("state_invalid"), "error") : null,
    station ? el("label", { for: "station", text: t("station") }) : null,
    area ? el("label", { for: "area", text: t("area") }) : null,
    subject, subject ? subjectError : null,
    scope === "mission" ? el("p", { class: "meta", text: t("about_mission") }) : null,
    el("label", { for: "observed_at", text: t("observed_at") }), observed,
    ...questionInputs(form, language, t, base.answers || {}),
    status,
    el("div", { class: "buttons" },
      el("button", { type: "submit", class: "primary", text: t("save") }),
      el("button", { type: "button", class: "secondary", onclick: (e) => save(e, true), text: t("save_draft") }),
      el("a", { href: "#/", class: "button link", text: t("back") }))].filter(Boolean));
  show(root);
  if (fixing) {
    const found = serverProblems(fixing.errors, t);
    showProblems(root, found);
    const said = found.station_id || found.area;  // the server's word on the station or area
    if (subject && said) {
      subjectError.hidden = false;
      subjectError.textContent = said;
      subject.setAttribute("aria-invalid", "true");
    }
  }
}

function toLocal(iso) {
  const d = new Date(iso);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

async function afterSave() {
  await drawBar();
  location.hash = "#/outbox";
  server.sync({ onChange: drawBar }).then(redraw).catch(() => {});
}

const CATEGORIES = ["violence_or_intimidation", "vote_buying", "obstruction_of_observers", "irregular_procedure", "technology_failure", "campaigning_in_station", "other"];
const SEVERITIES = ["low", "medium", "high", "critical"];

async function incidentScreen(missionId, fixing) {
  const entry = await missionEntry(missionId);
  if (!entry) return homeScreen();
  const base = fixing?.body || {};
  const photos = [...(fixing?.photos || [])];
  let where = base.latitude !== undefined ? { latitude: base.latitude, longitude: base.longitude, accuracy_m: base.accuracy_m } : null;
  const select = (id, codes, prefix, chosen) =>
    el("select", { id, name: id, required: true }, el("option", { value: "", text: t("choose") }),
      codes.map((c) => el("option", { value: c, selected: c === chosen, text: t(`${prefix}${c}`) })));
  const category = select("category", CATEGORIES, "category_", base.category);
  const severity = select("severity", SEVERITIES, "severity_", base.severity);
  const station = stationPicker(entry.stations || [], base.station_id);
  station.required = false;
  const place = el("input", { type: "text", id: "place", name: "place", maxlength: "200", value: base.place || "" });
  const occurred = el("input", { type: "datetime-local", id: "occurred_at", name: "occurred_at", required: true, value: base.occurred_at ? toLocal(base.occurred_at) : localNow() });
  const description = el("textarea", { id: "description", name: "description", rows: "5", maxlength: "5000", required: true });
  description.value = base.description || "";
  const positionText = el("span", { class: "meta", "aria-live": "polite" });
  const thumbs = el("div", { class: "thumbs" });
  const status = el("div", { "aria-live": "polite" });
  const drawThumbs = () => {
    thumbs.replaceChildren(...photos.map((blob, i) => {
      const url = URL.createObjectURL(blob);
      return el("figure", {}, el("img", { src: url, alt: t("photo_alt", { n: i + 1 }) }),
        el("button", { type: "button", class: "link", onclick: () => { photos.splice(i, 1); drawThumbs(); }, text: t("remove") }));
    }));
  };
  const picker = el("input", { type: "file", id: "photo", accept: "image/jpeg,image/png,image/webp", capture: "environment", class: "visually-hidden", onchange: async () => {
    for (const file of picker.files) {
      if (photos.length >= MAX_PHOTOS) { status.replaceChildren(notice(t("too_many_photos"), "error")); break; }
      photos.push(await resized(file));
    }
    picker.value = "";
    drawThumbs();
  } });
  const errorFor = (id) => el("p", { class: "field-error", id: `${id}-error`, hidden: true });
  const form = el("form", { class: "card", novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const found = {};
    if (!category.value) found.category = t("msg_choice");
    if (!severity.value) found.severity = t("msg_choice");
    if (!station.value && !place.value.trim()) found.place = t("msg_place");
    if (description.value.trim().length < 3) found.description = t("msg_description");
    if (!occurred.value) found.occurred_at = t("msg_required");
    if (markFields(form, ["category", "severity", "place", "description", "occurred_at"], found)) {
      status.replaceChildren(notice(t("fix_fields"), "error"));
      form.querySelector("[aria-invalid=true]")?.focus();
      return;
    }
    const body = {
      uuid: fixing?.uuid || uuid(),
      category: category.value,
      severity: severity.value,
      occurred_at: withOffset(occurred.value),
      description: description.value.trim(),
    };
    if (station.value) body.station_id = Number(station.value);
    if (place.value.trim()) body.place = place.value.trim();
    if (where) Object.assign(body, where);
    const session = await store.get("session");
    await store.saveFiling({ uuid: body.uuid, kind: "incident", missionId: entry.mission.id, userId: session.user.id, body, photos, photosSent: 0, label: t(`category_${body.category}`), savedAt: fixing?.savedAt || Date.now() });
    afterSave();
  } },
    el("h1", { text: t("report_incident") }),
    fixing ? notice(t("server_said", { message: fixing.message || t("state_invalid") }), "error") : null,
    el("label", { for: "category", text: t("category") }), category, errorFor("category"),
    el("label", { for: "severity", text: t("severity") }), severity, errorFor("severity"),
    el("label", { for: "station", text: t("station") }), station,
    el("label", { for: "place", text: t("place") }), place, errorFor("place"),
    el("label", { for: "occurred_at", text: t("occurred_at") }), occurred, errorFor("occurred_at"),
    el("label", { for: "description", text: t("description") }), description, errorFor("description"),
    el("p", {}, el("button", { type: "button", class: "secondary", onclick: async () => {
      try {
        where = await position();
        positionText.textContent = t("position_taken", { metres: Math.round(where.accuracy_m) });
      } catch (_) {
        positionText.textContent = t("position_failed");
      }
    }, text: t("add_position") }), " ", positionText),
    el("p", { class: "label", text: t("photos") }), thumbs,
    el("label", { for: "photo", class: "button secondary", text: t("add_photo") }), picker,
    status,
    el("div", { class: "buttons" },
      el("button", { type: "submit", class: "primary", text: t("save") }),
      el("a", { href: "#/", class: "button link", text: t("back") })));
  show(form);
  drawThumbs();
  if (where) positionText.textContent = t("position_taken", { metres: Math.round(where.accuracy_m) });
}

// Each field's message (`found`, by field id) in the box beside it; whether any was found.
function markFields(form, ids, found) {
  for (const id of ids) {
    const box = form.querySelector(`#${id}-error`);
    const input = form.querySelector(`#${id}`);
    box.hidden = !found[id];
    box.textContent = found[id] || "";
    input.setAttribute("aria-invalid", found[id] ? "true" : "false");
    if (found[id]) input.setAttribute("aria-describedby", `${id}-error`);
  }
  return ids.some((id) => found[id]);
}

const INSTITUTION_TYPES = ["electoral_body", "government", "party_or_candidate", "judiciary", "civil_society", "media", "international"];
const THEMES = ["electoral_organization", "electoral_technology", "political_financing", "gender", "electoral_justice", "media", "underrepresented_groups", "political_legal_system", "electoral_violence_security"];
const MEETING_FIELDS = ["met_on", "institution_type", "institution", "attendees", "theme", "summary", "follow_up"];

// A meeting with an interlocutor, offered to those the server lets file them (the core team
// and the coordinators: `files_meetings`); it waits in the outbox like an incident.
async function meetingScreen(missionId, fixing) {
  const entry = await missionEntry(missionId);
  if (!entry || (!entry.files_meetings && !fixing)) return homeScreen();
  const base = fixing?.body || {};
  const select = (id, codes, prefix, chosen, { required = true, none = "choose" } = {}) =>
    el("select", { id, name: id, required }, el("option", { value: "", text: t(none) }),
      codes.map((c) => el("option", { value: c, selected: c === chosen, text: t(`${prefix}${c}`) })));
  const text = (id, rows, max) => {
    const box = el("textarea", { id, name: id, rows: String(rows), maxlength: String(max) });
    box.value = base[id] || "";
    return box;
  };
  const metOn = el("input", { type: "date", id: "met_on", name: "met_on", required: true, max: localNow().slice(0, 10), value: base.met_on || localNow().slice(0, 10) });
  const kind = select("institution_type", INSTITUTION_TYPES, "institution_", base.institution_type);
  const institution = el("input", { type: "text", id: "institution", name: "institution", maxlength: "200", required: true, value: base.institution || "" });
  const attendees = text("attendees", 3, 2000);
  const theme = select("theme", THEMES, "theme_", base.theme, { required: false, none: "no_theme" });
  const summary = text("summary", 6, 10000);
  const followUp = text("follow_up", 3, 5000);
  const status = el("div", { "aria-live": "polite" });
  const errorFor = (id) => el("p", { class: "field-error", id: `${id}-error`, hidden: true });
  const labelled = (id, input, key = id) => [el("label", { for: id, text: t(`meeting_${key}`) }), input, errorFor(id)];
  const form = el("form", { class: "card", novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const found = {};
    if (!metOn.value) found.met_on = t("msg_required");
    if (!kind.value) found.institution_type = t("msg_choice");
    for (const [box, least] of [[institution, 2], [attendees, 2], [summary, 3]]) {
      if (box.value.trim().length < least) found[box.id] = t("msg_at_least", { n: least });
    }
    if (markFields(form, MEETING_FIELDS, found)) {
      status.replaceChildren(notice(t("fix_fields"), "error"));
      form.querySelector("[aria-invalid=true]")?.focus();
      return;
    }
    const body = {
      uuid: fixing?.uuid || uuid(),
      met_on: metOn.value,
      institution_type: kind.value,
      institution: institution.value.trim(),
      attendees: attendees.value.trim(),
      summary: summary.value.trim(),
    };
    if (theme.value) body.theme = theme.value;
    if (followUp.value.trim()) body.follow_up = followUp.value.trim();
    const session = await store.get("session");
    await store.saveFiling({ uuid: body.uuid, kind: "meeting", missionId: entry.mission.id, userId: session.user.id, body, label: t("meeting_with", { institution: body.institution }), savedAt: fixing?.savedAt || Date.now() });
    afterSave();
  } },
    el("h1", { text: t("record_meeting") }),
    el("p", { class: "meta", text: entry.mission.code }),
    fixing ? notice(t("server_said", { message: fixing.message || t("state_invalid") }), "error") : null,
    ...labelled("met_on", metOn),
    ...labelled("institution_type", kind),
    ...labelled("institution", institution),
    ...labelled("attendees", attendees),
    ...labelled("theme", theme),
    ...labelled("summary", summary),
    ...labelled("follow_up", followUp),
    status,
    el("div", { class: "buttons" },
      el("button", { type: "submit", class: "primary", text: t("save") }),
      el("a", { href: "#/", class: "button link", text: t("back") })));
  show(form);
  if (fixing) markFields(form, MEETING_FIELDS, serverProblems(fixing.errors, t));
}

async function outboxScreen() {
  const all = await store.filings();
  const session = await store.get("session");
  const mine = all.filter((f) => f.userId === session.user.id);
  const parts = [el("h1", { text: t("outbox") })];
  if (session.expired) parts.push(notice(t("session_expired"), "error"));
  parts.push(el("p", {}, el("button", { type: "button", class: "primary", onclick: async () => {
    if (!navigator.onLine) return alertInPlace(t("needs_network"));
    await server.sync({ force: true, onChange: drawBar });
    route();
  }, text: t("send_now") })));
  if (!mine.some(server.needsSending)) parts.push(el("p", { text: t("outbox_empty") }));
  parts.push(el("ul", { class: "filings" }, mine.map((f) =>
    el("li", { class: `filing state-${f.state}`, "data-uuid": f.uuid },
      el("strong", { text: f.label || f.kind }), " ",
      el("span", { class: "meta", text: when(f.savedAt) }),
      el("span", { class: "state", text: stateText(f) }),
      f.message && !["created", "duplicate"].includes(f.state) ? el("span", { class: "message", text: t("server_said", { message: f.message }) }) : null,
      (f.photoProblems || []).map((m) => el("span", { class: "message", text: t("server_said", { message: m }) })),
      f.state === "invalid" ? el("a", { class: "button", href: `#/fix/${f.uuid}`, text: t("fix_and_resend") }) : null))));
  parts.push(el("p", {}, el("a", { href: "#/", class: "button link", text: t("back") })));
  show(...parts);
}

function stateText(f) {
  const waitingPhotos = server.needsSending(f) && !store.WAITING.includes(f.state);
  if (waitingPhotos) return `${t(`state_${f.state}`)} · ${t("photos")}: ${f.photosSent || 0}/${f.photos.length}`;
  return t(`state_${f.state}`);
}

async function fixScreen(id) {
  const entry = await store.filing(id);
  if (!entry || entry.state !== "invalid") return outboxScreen();
  if (entry.kind === "incident") return incidentScreen(entry.missionId, entry);
  if (entry.kind === "meeting") return meetingScreen(entry.missionId, entry);
  return fillScreen(entry.missionId, entry.body.form_id, { fixing: entry });
}

// Read back from the server when online (with the corrections and the staff's verdict on
// each incident), else from what this phone has seen stored; three lists: checklists and
// reports, incidents, meetings.
async function sentScreen() {
  const session = await store.get("session");
  const parts = [el("h1", { text: t("what_i_sent") })];
  const fromServer = async (path) => {
    const answer = navigator.onLine ? await server.api(`${path}?limit=100`).catch(() => null) : null;
    return answer?.status === 200 ? answer.data.items : null;
  };
  const [serverSubmissions, serverIncidents, serverMeetings] = await Promise.all(
    ["/me/submissions", "/me/incidents", "/me/meetings"].map(fromServer));
  const stored = (await store.filings()).filter((f) => f.userId === session.user.id && ["created", "duplicate"].includes(f.state));
  const kept = (kind) => stored.filter((f) => f.kind === kind).map((f) => ({ ...f.body, mission_id: f.missionId, superseded: false }));
  const submissions = serverSubmissions ?? kept("submission");
  const incidents = serverIncidents ?? kept("incident");
  const meetings = serverMeetings ?? kept("meeting");
  if ([serverSubmissions, serverIncidents, serverMeetings].includes(null)) parts.push(notice(t("offline")));
  if (!submissions.length && !incidents.length && !meetings.length) parts.push(el("p", { text: t("nothing_sent") }));
  const mine = await store.get("assignments");
  const missionOf = (item) => mine?.missions?.find((m) => m.mission.id === item.mission_id);
  const formOf = (item) => missionOf(item)?.forms?.find((f) => f.id === item.form_id);
  const stationOf = (item) => missionOf(item)?.stations?.find((s) => s.id === item.station_id);
  const meta = (...bits) => el("span", { class: "meta", text: bits.filter(Boolean).join(" · ") });
  if (submissions.length) {
    parts.push(el("h2", { text: t("sent_reports") }), el("ul", { class: "filings", id: "sent-submissions" }, submissions.map((item) => {
      const form = formOf(item);
      return el("li", { class: item.superseded ? "filing superseded" : "filing", "data-uuid": item.uuid },
        el("strong", { text: form ? title(form) : `#${item.form_id}` }), " ",
        meta(when(Date.parse(item.observed_at)), stationOf(item)?.code || item.area),
        item.superseded ? el("span", { class: "state", text: t("superseded") }) : null,
        !item.superseded && form ? el("a", { class: "button secondary", href: `#/correct/${item.mission_id}/${item.form_id}/${item.uuid}`, text: t("correct") }) : null);
    })));
  }
  if (incidents.length) {
    parts.push(el("h2", { text: t("sent_incidents") }), el("ul", { class: "filings", id: "sent-incidents" }, incidents.map((item) =>
      el("li", { class: `filing verification-${item.verification || "unverified"}`, "data-uuid": item.uuid },
        el("strong", { text: t(`category_${item.category}`) }), " ",
        meta(when(Date.parse(item.occurred_at)), t(`severity_${item.severity}`), stationOf(item)?.code || item.place),
        el("span", { class: "state", text: t(`verification_${item.verification || "unverified"}`) }),
        item.verification_note ? el("span", { class: "note", text: t("staff_note", { note: item.verification_note }) }) : null))));
  }
  if (meetings.length) {
    parts.push(el("h2", { text: t("sent_meetings") }), el("ul", { class: "filings", id: "sent-meetings" }, meetings.map((item) =>
      el("li", { class: "filing", "data-uuid": item.uuid },
        el("strong", { text: item.institution }), " ",
        meta(when(Date.parse(`${item.met_on}T12:00:00`), { dateStyle: "medium" }), t(`institution_${item.institution_type}`))))));
  }
  parts.push(el("p", {}, el("a", { href: "#/", class: "button link", text: t("back") })));
  show(...parts);
}

async function correctScreen(missionId, formId, id) {
  let original = null;
  const answer = await server.api(`/submissions/${id}`).catch(() => null);
  if (answer?.status === 200) original = answer.data;
  else original = (await store.filing(id))?.body;
  if (!original) return sentScreen();
  return fillScreen(missionId, formId, { correcting: { ...original, uuid: id } });
}

async function codeScreen(missionId) {
  const entry = await missionEntry(missionId);
  if (!entry?.conduct) return homeScreen();
  const { conduct, member, mission } = entry;
  const text = (item) => (language === "es" ? item.text_es : item.text_en);
  const status = el("div", { "aria-live": "polite" });
  const open = conduct.items.filter((i) => !i.acknowledged_at);
  const parts = [
    el("h1", { text: `${t("code_of_conduct")} — ${mission.code}` }),
    conduct.complete ? notice(t("code_done")) : notice(t("code_to_do"), "warn"),
    el("ol", { class: "code" }, conduct.items.map((item) =>
      el("li", {}, el("p", { text: text(item) }),
        item.acknowledged_at ? el("p", { class: "meta", text: t("acknowledged_on", { time: when(Date.parse(item.acknowledged_at)) }) }) : null))),
  ];
  if (open.length) {
    parts.push(status, el("button", { type: "button", class: "primary", onclick: async () => {
      if (!navigator.onLine) return status.replaceChildren(notice(t("needs_network"), "error"));
      const done = await server.api(`/missions/${mission.id}/members/${member.id}/acknowledgements`, {
        method: "POST", json: { item_ids: open.map((i) => i.id) },
      }).catch(() => null);
      if (done?.status === 201) {
        await refresh();
        return codeScreen(missionId);
      }
      status.replaceChildren(notice(done ? t("server_said", { message: done.data?.detail || done.status }) : t("needs_network"), "error"));
    }, text: t("acknowledge") }));
  }
  parts.push(el("p", {}, el("a", { href: "#/", class: "button link", text: t("back") })));
  show(...parts);
}

async function signOut() {
  await server.api("/auth/logout", { method: "POST" }).catch(() => null);
  await store.forgetEverything();
  await store.put("language", language);
  route();
}

// --- routing ------------------------------------------------------------------------

async function route() {
  await drawBar();
  const session = await store.get("session");
  if (!session) return show(signInScreen());
  const [screen, ...args] = location.hash.replace(/^#\/?/, "").split("/");
  const screens = {
    "": () => homeScreen(),
    fill: () => fillScreen(args[0], args[1]),
    incident: () => incidentScreen(args[0]),
    meeting: () => meetingScreen(args[0]),
    outbox: () => outboxScreen(),
    fix: () => fixScreen(args[0]),
    sent: () => sentScreen(),
    correct: () => correctScreen(args[0], args[1], args[2]),
    code: () => codeScreen(args[0]),
  };
  return (screens[screen] || screens[""])();
}

// Redraw after a background send or refresh, unless the observer is filling something in.
function redraw() {
  const screen = location.hash.replace(/^#\/?/, "").split("/")[0];
  if (["", "outbox", "sent"].includes(screen)) return route();
  return drawBar();
}

async function start() {
  words = JSON.parse(document.getElementById("words").textContent);
  language = (await store.get("language")) || (navigator.language || "en").slice(0, 2);
  if (!(language in words)) language = "en";
  server.speak(language);
  // A send cut short (the app closed mid-way) is sent again: the uuid makes it safe.
  for (const f of await store.filings()) if (f.state === "sending") await store.update(f.uuid, { state: "queued" });
  window.addEventListener("hashchange", route);
  // The network is back: everything waiting goes now, whatever its backoff said.
  window.addEventListener("online", () => { drawBar(); server.sync({ force: true, onChange: drawBar }).then(redraw); refresh().then(redraw); });
  window.addEventListener("offline", drawBar);
  setInterval(() => { if (navigator.onLine) server.sync({ onChange: drawBar }).then(redraw).catch(() => {}); }, 30000);
  await route();
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/field/sw.js", { scope: "/field/" });
  validatorClass(); // the forms' checker, loaded while the network is there
  if (navigator.onLine && (await store.get("session"))) {
    await refresh();
    await redraw();
    server.sync({ onChange: drawBar }).then(redraw).catch(() => {});
  }
}

start();
