// Started by renderer.test.ts: renders a large document and is interrupted (Ctrl-C) half way.
import { Renderer } from "../../src/render";
import { browserProcess } from "../../src/render/session";
import { allData, sources } from "./fixtures";

const renderer = await Renderer.create({});
const data = allData(sources(400)).record;
const running = renderer.render("record", data);
const p = browserProcess();
process.stdout.write(`BROWSER ${p?.pid} ${p?.profile}\n`);
await running;
process.stdout.write("FINISHED\n");
await renderer.close();
