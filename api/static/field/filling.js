// A form on the phone: its questions as inputs, the answers read back, and the server's
// own rules checked before saving — the JSON Schema the server derives from the form
// (GET /me/assignments carries it), checked here with @cfworker/json-schema.
// The checker is imported when a form is first checked: opening the app needs none of it.
let checker = null;

export async function validatorClass() {
  try {
    checker ??= await import("/static/vendor/json-schema/index.js");
    return checker.Validator;
  } catch (_) {
    return null; // not on the phone yet: the checks below still run, and the server's
  }
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return node;
}

function questionText(question, language) {
  return language === "es" ? question.text_es : question.text_en;
}

function choiceLabel(choice, language) {
  return language === "es" ? choice.label_es : choice.label_en;
}

// One fieldset per question; `kept` holds answers of a draft or a filing being fixed.
export function questionInputs(form, language, t, kept = {}) {
  return form.questions.map((q) => {
    const name = `q-${q.id}`;
    const legend = el("legend", { id: `${name}-legend` }, questionText(q, language), q.required ? el("span", { class: "req", text: ` (${t("required")})` }) : null);
    const value = kept[q.id];
    let inputs;
    if (q.type === "yes_no") {
      inputs = el("div", { class: "choices" },
        [["true", t("yes")], ["false", t("no")]].map(([v, label]) =>
          el("label", { class: "choice" }, el("input", { type: "radio", name, value: v, checked: value === (v === "true") }), label)));
    } else if (q.type === "single_choice" || q.type === "multiple_choice") {
      const type = q.type === "single_choice" ? "radio" : "checkbox";
      const chosen = Array.isArray(value) ? value : [value];
      inputs = el("div", { class: "choices" },
        q.choices.map((c) =>
          el("label", { class: "choice" }, el("input", { type, name, value: c.value, checked: chosen.includes(c.value) }), choiceLabel(c, language))));
    } else if (q.type === "integer") {
      inputs = el("input", { type: "number", inputmode: "numeric", step: "1", name, id: name, "aria-labelledby": `${name}-legend`, min: q.minimum ?? null, max: q.maximum ?? null, value: value ?? "" });
    } else if (q.type === "time") {
      inputs = el("input", { type: "time", name, id: name, "aria-labelledby": `${name}-legend`, value: value ?? "" });
    } else {
      const area = el("textarea", { name, id: name, rows: "3", maxlength: "2000", "aria-labelledby": `${name}-legend` });
      area.value = value ?? "";
      inputs = area;
    }
    return el("fieldset", { class: "question", "data-question": q.id }, legend, inputs, el("p", { class: "field-error", id: `${name}-error`, hidden: true }));
  });
}

export function readAnswers(form, root) {
  const answers = {};
  for (const q of form.questions) {
    const name = `q-${q.id}`;
    const inputs = [...root.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
    let value;
    if (q.type === "yes_no") {
      const on = inputs.find((i) => i.checked);
      value = on ? on.value === "true" : undefined;
    } else if (q.type === "single_choice") {
      value = inputs.find((i) => i.checked)?.value;
    } else if (q.type === "multiple_choice") {
      const on = inputs.filter((i) => i.checked).map((i) => i.value);
      value = on.length ? on : undefined;
    } else if (q.type === "integer") {
      const text = inputs[0].value.trim();
      value = text === "" ? undefined : Number(text);
    } else {
      const text = inputs[0].value;
      value = text.trim() === "" ? undefined : text;
    }
    if (value !== undefined) answers[q.id] = value;
  }
  return answers;
}

const KEYWORD_MESSAGES = {
  required: "msg_required",
  type: "msg_invalid",
  minimum: "msg_minimum",
  maximum: "msg_maximum",
  enum: "msg_choice",
  pattern: "msg_time",
  maxLength: "msg_text",
  minLength: "msg_text",
  multipleOf: "msg_number",
};

// Problems by question id, in the observer's words; empty when the server would accept.
export async function problems(form, answers, t) {
  const found = {};
  const say = (qid, key, params) => {
    if (!found[qid]) found[qid] = t(key, params);
  };
  const byId = Object.fromEntries(form.questions.map((q) => [q.id, q]));
  if (form.answers_schema) {
    const Validator = await validatorClass();
    const result = Validator ? new Validator(form.answers_schema, "2020-12", false).validate(answers) : { errors: [] };
    for (const error of result.errors) {
      if (error.keyword === "required") {
        const missing = /"([^"]+)"/.exec(error.error);
        if (missing) say(missing[1], "msg_required");
        continue;
      }
      const qid = decodeURIComponent(error.instanceLocation.replace(/^#\//, "").split("/")[0]);
      const q = byId[qid];
      if (!q) continue;
      const key = q.type === "integer" && ["type", "multipleOf"].includes(error.keyword) ? "msg_number" : KEYWORD_MESSAGES[error.keyword] || "msg_invalid";
      say(qid, key, { n: error.keyword === "minimum" ? q.minimum : q.maximum });
    }
  }
  // The checks an input can get wrong before any schema: a number that is not whole.
  for (const q of form.questions) {
    if (q.type === "integer" && q.id in answers && !Number.isInteger(answers[q.id])) say(q.id, "msg_number");
    if (q.required && !(q.id in answers)) say(q.id, "msg_required");
  }
  return found;
}

export function showProblems(root, found) {
  for (const box of root.querySelectorAll("fieldset.question")) {
    const qid = box.dataset.question;
    const message = box.querySelector(".field-error");
    const input = box.querySelector("input, textarea");
    if (found[qid]) {
      message.textContent = found[qid];
      message.hidden = false;
      box.classList.add("invalid");
      input?.setAttribute("aria-describedby", message.id);
      input?.setAttribute("aria-invalid", "true");
    } else {
      message.hidden = true;
      box.classList.remove("invalid");
      input?.removeAttribute("aria-invalid");
    }
  }
}

// The server's errors of an invalid filing ({loc: ["answers", qid], msg}) by question.
export function serverProblems(errors, t) {
  const found = {};
  for (const e of errors || []) {
    const loc = e.loc || [];
    const qid = loc[0] === "answers" ? loc[1] : loc[loc.length - 1];
    if (qid) found[qid] = t("server_said", { message: e.msg });
  }
  return found;
}
