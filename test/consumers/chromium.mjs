// A minimal driver for headless Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: commands on
// fd 3, replies and events on fd 4, each a JSON message ended by a NUL byte). No dependency: CI installs Chromium
// from Debian packages (chromium-headless-shell). Used by the browser checks in test/consumers/.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CANDIDATES = ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"];

/** The first Chromium on the PATH (or CHROMIUM), or undefined. */
export async function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  const { execFileSync } = await import("node:child_process");
  for (const name of CANDIDATES) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
    } catch {}
  }
  return undefined;
}

/** Starts Chromium and opens one page; returns { send(method, params), waitFor(event), evaluate(expression), close() }. */
export async function openPage(executable) {
  const profile = mkdtempSync(join(tmpdir(), "autoclv-chromium-"));
  const browser = spawn(
    executable,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--remote-debugging-pipe",
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  browser.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const toBrowser = browser.stdio[3];
  const fromBrowser = browser.stdio[4];
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  let buffer = Buffer.alloc(0);
  fromBrowser.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (let end = buffer.indexOf(0); end >= 0; end = buffer.indexOf(0)) {
      const message = JSON.parse(buffer.subarray(0, end).toString("utf8"));
      buffer = buffer.subarray(end + 1);
      if (message.id !== undefined) {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting?.resolve(message.result);
      } else for (const listener of [...listeners]) listener(message);
    }
  });
  const exited = new Promise((resolve) => browser.on("exit", resolve));
  const call = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const fail = (error) => {
    throw new Error(`${error.message}\nChromium's stderr:\n${stderr}`);
  };
  const { targetId } = await call("Target.createTarget", { url: "about:blank" }).catch(fail);
  const { sessionId } = await call("Target.attachToTarget", { targetId, flatten: true }).catch(fail);
  const send = (method, params) => call(method, params, sessionId);
  const waitFor = (method, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      const listener = (message) => {
        if (message.method !== method || message.sessionId !== sessionId) return;
        listeners.splice(listeners.indexOf(listener), 1);
        clearTimeout(timer);
        resolve(message.params);
      };
      listeners.push(listener);
    });
  const consoleLines = [];
  listeners.push((message) => {
    if (message.method === "Runtime.consoleAPICalled")
      consoleLines.push(message.params.args.map((arg) => arg.value ?? arg.description).join(" "));
    if (message.method === "Runtime.exceptionThrown")
      consoleLines.push(`uncaught: ${message.params.exceptionDetails.exception?.description}`);
  });
  await send("Runtime.enable");
  await send("Page.enable");
  /** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
  const evaluate = async (expression) => {
    const reply = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (reply.exceptionDetails)
      throw new Error(
        `in the page: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}\nconsole:\n${consoleLines.join("\n")}`,
      );
    return reply.result.value;
  };
  const navigate = async (url) => {
    const loaded = waitFor("Page.loadEventFired");
    await send("Page.navigate", { url });
    await loaded;
  };
  const close = async () => {
    await call("Browser.close").catch(() => {});
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    browser.kill("SIGKILL");
    rmSync(profile, { recursive: true, force: true });
  };
  return { send, waitFor, evaluate, navigate, close, consoleLines };
}
