// Talking to the server: sign-in, the observer's missions, and sending the outbox.
// Every filing is sent with the uuid it got when saved, so a resend after a lost answer
// or a killed server is always safe: the server stores it once and answers "already
// stored". A filing leaves the "waiting" states only with the server's answer.
import * as store from "./store.js";

const BATCH = 100;
const MAX_WAIT_S = 300;
let running = null;
let plainBatches = false; // the server refused a compressed body once: send plain

export class SignedOut extends Error {}

// The app's language, which the server's messages come in (the API reads Accept-Language
// of each call, never the pages' cookie).
let language = null;
export function speak(code) {
  language = code;
}

function spoken(headers) {
  return language ? { ...headers, "accept-language": language } : headers;
}

export async function api(path, { method = "GET", json, body, headers = {}, token } = {}) {
  const auth = token ?? (await store.get("session"))?.token;
  const sent = { method, headers: spoken({ accept: "application/json", ...headers }) };
  if (auth) sent.headers.authorization = `Bearer ${auth}`;
  if (json !== undefined) {
    sent.headers["content-type"] = "application/json";
    sent.body = JSON.stringify(json);
  } else if (body !== undefined) {
    sent.body = body;
  }
  const answer = await fetch(`/api/v1${path}`, sent);
  const type = answer.headers.get("content-type") || "";
  const data = type.includes("json") ? await answer.json() : null;
  return { status: answer.status, data };
}

export async function signIn(email, password, code = "") {
  const form = new URLSearchParams({ username: email, password, device: "true" });
  if (code) form.set("totp", code); // an account with two-factor sign-in
  const answer = await fetch("/api/v1/auth/token", {
    method: "POST",
    headers: spoken({ "content-type": "application/x-www-form-urlencoded", accept: "application/json" }),
    body: form,
  });
  if (!answer.ok) return { ok: false, status: answer.status, data: await answer.json().catch(() => null) };
  const issued = await answer.json();
  const session = { token: issued.access_token, expiresAt: Date.now() + issued.expires_in * 1000 };
  await store.put("session", session);
  await loadAssignments(); // who signed in comes with their missions: one round trip less
  return { ok: true, session: await store.get("session") };
}

// A device session lasts 36 hours; while online, the app trades it for a fresh one when
// less than 30 hours are left, so a day in the field never asks for the password again.
export async function refreshSession() {
  const session = await store.get("session");
  if (!session || !navigator.onLine) return session;
  if (session.expiresAt - Date.now() > 30 * 3600 * 1000) return session;
  const answer = await api("/auth/refresh", { method: "POST" }).catch(() => null);
  if (answer?.status === 200) {
    const fresh = { ...session, token: answer.data.access_token, expiresAt: Date.now() + answer.data.expires_in * 1000 };
    await store.put("session", fresh);
    return fresh;
  }
  if (answer?.status === 401) await store.put("session", { ...session, expired: true });
  return session;
}

export async function loadAssignments() {
  const answer = await api("/me/assignments");
  if (answer.status === 401) throw new SignedOut();
  if (answer.status !== 200) throw new Error(`assignments: ${answer.status}`);
  await store.put("assignments", answer.data);
  const session = await store.get("session");
  await store.put("session", { ...session, user: answer.data.user });
  return answer.data;
}

function problemMessage(data) {
  return data?.detail || data?.title || "";
}

function backoff(entry) {
  const tries = (entry.tries || 0) + 1;
  const seconds = Math.min(MAX_WAIT_S, 2 ** tries) * (0.75 + Math.random() / 2);
  return { state: "queued", tries, nextTryAt: Date.now() + seconds * 1000 };
}

// Send what waits, once at a time; `force` ignores the backoff (the "Send now" button).
export function sync({ force = false, onChange = () => {} } = {}) {
  if (!running) {
    running = sendAll(force, onChange).finally(() => {
      running = null;
    });
  }
  return running;
}

async function sendAll(force, onChange) {
  const session = await store.get("session");
  if (!session || session.expired || !navigator.onLine) return { sent: 0 };
  const due = (await store.filings()).filter(
    (f) => f.userId === session.user.id && needsSending(f) && (force || (f.nextTryAt || 0) <= Date.now()),
  );
  let sent = 0;
  const byMission = new Map();
  for (const f of due.filter((f) => f.kind === "submission" && f.state !== "created")) {
    if (!byMission.has(f.missionId)) byMission.set(f.missionId, []);
    byMission.get(f.missionId).push(f);
  }
  try {
    for (const [missionId, entries] of byMission) {
      for (let i = 0; i < entries.length; i += BATCH) {
        sent += await sendBatch(missionId, entries.slice(i, i + BATCH));
        onChange();
      }
    }
    for (const f of due.filter((f) => f.kind in ALONE)) {
      sent += await sendAlone(f);
      onChange();
    }
  } catch (error) {
    if (!(error instanceof SignedOut)) throw error;
    await store.put("session", { ...session, expired: true });
  }
  await store.put("lastSync", Date.now());
  onChange();
  return { sent };
}

export function needsSending(f) {
  if (store.WAITING.includes(f.state)) return true;
  const stored = f.state === "created" || f.state === "duplicate";
  return f.kind === "incident" && stored && (f.photosSent || 0) < (f.photos || []).length;
}

async function gzipped(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Response(stream).blob();
}

async function sendBatch(missionId, entries) {
  for (const e of entries) await store.update(e.uuid, { state: "sending" });
  const text = JSON.stringify({ items: entries.map((e) => e.body) });
  const compress = !plainBatches && typeof CompressionStream !== "undefined" && text.length > 4096;
  let answer;
  try {
    answer = compress
      ? await api(`/missions/${missionId}/submissions/batch`, {
          method: "POST",
          body: await gzipped(text),
          headers: { "content-type": "application/json", "content-encoding": "gzip" },
        })
      : await api(`/missions/${missionId}/submissions/batch`, {
          method: "POST",
          body: text,
          headers: { "content-type": "application/json" },
        });
  } catch (_) {
    for (const e of entries) await store.update(e.uuid, backoff(e)); // the network failed
    return 0;
  }
  if (compress && (answer.status === 415 || answer.status === 400)) {
    plainBatches = true;
    for (const e of entries) await store.update(e.uuid, { state: "queued" });
    return sendBatch(missionId, entries);
  }
  if (answer.status === 401) {
    for (const e of entries) await store.update(e.uuid, { state: "queued" });
    throw new SignedOut();
  }
  if (answer.status !== 200) {
    const final = [403, 404, 409, 422].includes(answer.status);
    for (const e of entries) {
      await store.update(e.uuid, final ? { state: "refused", message: problemMessage(answer.data) } : backoff(e));
    }
    return 0;
  }
  const results = new Map(answer.data.results.map((r) => [r.uuid, r]));
  for (const e of entries) {
    const r = results.get(e.uuid);
    if (!r) {
      await store.update(e.uuid, backoff(e));
      continue;
    }
    await store.update(e.uuid, {
      state: r.result,
      errors: r.errors || [],
      message: (r.errors || []).map((x) => x.msg).join("; "),
      sentAt: Date.now(),
    });
  }
  return entries.length;
}

// What is sent one at a time, and where: an incident (then its photos), a meeting.
const ALONE = { incident: "incidents", meeting: "meetings" };

async function sendAlone(entry) {
  let current = entry;
  if (store.WAITING.includes(entry.state)) {
    await store.update(entry.uuid, { state: "sending" });
    let answer;
    try {
      answer = await api(`/missions/${entry.missionId}/${ALONE[entry.kind]}`, { method: "POST", json: entry.body });
    } catch (_) {
      await store.update(entry.uuid, backoff(entry));
      return 0;
    }
    if (answer.status === 401) {
      await store.update(entry.uuid, { state: "queued" });
      throw new SignedOut();
    }
    const states = { 201: "created", 200: "duplicate", 409: "conflict", 422: "invalid", 403: "refused", 404: "refused" };
    const state = states[answer.status];
    if (!state) {
      await store.update(entry.uuid, backoff(entry));
      return 0;
    }
    const errors = answer.status === 422 ? answer.data?.errors || [] : [];
    current = { ...entry, state, errors, message: problemMessage(answer.data), sentAt: Date.now() };
    await store.update(entry.uuid, current);
    if (state !== "created" && state !== "duplicate") return 1;
  }
  await sendPhotos(current);
  return 1;
}

async function sendPhotos(entry) {
  const photos = entry.photos || [];
  let done = entry.photosSent || 0;
  const problems = [];
  while (done < photos.length) {
    const form = new FormData();
    form.append("photo", photos[done], `photo-${done + 1}.jpg`);
    let answer;
    try {
      answer = await api(`/incidents/${entry.uuid}/photos`, { method: "POST", body: form });
    } catch (_) {
      await store.update(entry.uuid, { ...backoff(entry), state: entry.state });
      return;
    }
    if (answer.status === 401) throw new SignedOut();
    if (answer.status >= 500 || answer.status === 429) {
      await store.update(entry.uuid, { ...backoff(entry), state: entry.state });
      return;
    }
    if (answer.status !== 200 && answer.status !== 201) problems.push(problemMessage(answer.data));
    done += 1;
    await store.update(entry.uuid, { photosSent: done, photoProblems: problems });
  }
}
