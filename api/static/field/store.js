// What the app keeps on the phone, in IndexedDB (through idb): the sign-in, the
// observer's missions as last read, drafts, and the outbox of filings. Nothing leaves
// the outbox without the server's answer.
import { openDB } from "/static/vendor/idb/index.js";

const db = openDB("eom-field", 1, {
  upgrade(database) {
    database.createObjectStore("kv");
    const outbox = database.createObjectStore("outbox", { keyPath: "uuid" });
    outbox.createIndex("savedAt", "savedAt");
    database.createObjectStore("drafts", { keyPath: "key" });
  },
});

export async function get(key) {
  return (await db).get("kv", key);
}

export async function put(key, value) {
  return (await db).put("kv", value, key);
}

// --- the outbox ---------------------------------------------------------------------
// An entry: { uuid, kind: "submission" | "incident" | "meeting", missionId, body, photos: [Blob],
//   state: queued | sending | created | duplicate | conflict | invalid | refused,
//   message, errors, savedAt, tries, nextTryAt, sentAt, photosSent }

export async function saveFiling(entry) {
  const stored = { state: "queued", tries: 0, nextTryAt: 0, errors: [], ...entry };
  await (await db).put("outbox", stored);
  return stored;
}

export async function filings() {
  const all = await (await db).getAllFromIndex("outbox", "savedAt");
  return all.reverse();
}

export async function filing(uuid) {
  return (await db).get("outbox", uuid);
}

export async function update(uuid, change) {
  const database = await db;
  const tx = database.transaction("outbox", "readwrite");
  const entry = await tx.store.get(uuid);
  if (entry) await tx.store.put({ ...entry, ...change });
  await tx.done;
}

export const WAITING = ["queued", "sending"];

// --- drafts -------------------------------------------------------------------------

export async function saveDraft(key, value) {
  return (await db).put("drafts", { key, value, savedAt: Date.now() });
}

export async function draft(key) {
  return (await (await db).get("drafts", key))?.value;
}

export async function dropDraft(key) {
  return (await db).delete("drafts", key);
}

export async function forgetEverything() {
  const database = await db;
  await Promise.all(["kv", "drafts"].map((name) => database.clear(name)));
}
