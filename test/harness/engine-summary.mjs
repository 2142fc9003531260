// A node:test reporter in plain JavaScript: reporters load before tsx can hook .ts files.
async function* engineSummary(source) {
  const pending = /* @__PURE__ */ new Map();
  const counts = /* @__PURE__ */ new Map();
  const count = (engine, outcome) => {
    const c = counts.get(engine) ?? { pass: 0, fail: 0, skip: 0 };
    c[outcome]++;
    counts.set(engine, c);
  };
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const d = event.data;
    // Suites carry the file that called describe (the harness), not the test file; node reports
    // each file's events together, in order, so one running list is enough.
    const key = "";
    const list = pending.get(key) ?? [];
    pending.set(key, list);
    const tag = /^\[(sqlite|postgres)\]/.exec(d.name)?.[1];
    if (d.details?.type === "suite") {
      const children = list.filter((p) => p.nesting > d.nesting);
      const rest = list.filter((p) => p.nesting <= d.nesting);
      for (const c of children) {
        c.engine ??= tag;
        c.nesting = d.nesting;
      }
      pending.set(key, [...rest, ...children]);
    } else {
      const outcome = d.skip || d.todo ? "skip" : event.type === "test:pass" ? "pass" : "fail";
      list.push({ nesting: d.nesting, outcome, ...tag ? { engine: tag } : {} });
    }
    if (d.nesting === 0) {
      for (const p of pending.get(key) ?? []) count(p.engine ?? "no storage", p.outcome);
      pending.set(key, []);
    }
  }
  const line = (c) => `${c.pass} passed, ${c.fail} failed${c.skip ? `, ${c.skip} skipped` : ""}`;
  const lines = ["", "Tests per storage engine (suites tagged [sqlite] / [postgres]; the rest need no database):"];
  const total = { pass: 0, fail: 0, skip: 0 };
  for (const [engine, label] of [["sqlite", "sqlite"], ["postgres", "postgres"], ["no storage", "other"]]) {
    const c = counts.get(engine);
    if (!c) continue;
    lines.push(`${label}: ${line(c)}`);
    total.pass += c.pass;
    total.fail += c.fail;
    total.skip += c.skip;
  }
  lines.push(`all: ${line(total)}`);
  yield `${lines.join("\n")}
`;
}
export {
  engineSummary as default
};
