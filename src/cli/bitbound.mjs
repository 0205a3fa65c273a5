#!/usr/bin/env node
// The `bitbound` command (package.json "bin"): `npx bitbound --help` in a checkout of the project.
// A small JavaScript entry point that loads the TypeScript one (src/cli/main.ts) through tsx, the loader
// the notebooks' kernel and the tests use, so the command needs no build step and runs wherever Node does
// (Windows, macOS, Linux).
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("./main.ts", import.meta.url);
process.exitCode = await main(process.argv.slice(2));
