// `npm run build`: dist/esm (ES modules) and dist/cjs (CommonJS), one module per source file, each with its .d.ts.
// tsup transpiles (tsup.config.ts); tsc writes the declarations once, and they are copied beside the CommonJS
// modules too, where dist/cjs/package.json makes TypeScript read them as CommonJS declarations.
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { writeUdfBundle } from "./udf-bundle.mjs";

const run = (command, ...args) => execFileSync(command, args, { stdio: "inherit", shell: process.platform === "win32" });

rmSync("dist", { recursive: true, force: true });
run("npx", "tsup", "--silent");
run("npx", "tsc", "-p", "tsconfig.build.json");
cpSync("dist/esm", "dist/cjs", { recursive: true, filter: (path) => !path.endsWith(".js") && !path.endsWith(".map") });
writeUdfBundle();
