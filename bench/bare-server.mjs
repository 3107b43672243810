// The baseline for reads: a bare Fastify JSON endpoint, nothing else, in its own process.
import Fastify from "fastify";

const app = Fastify({ logger: false });
const body = { id: "00000000-0000-0000-0000-000000000000", state: "self_assessment", index: 2.79 };
app.get("/", async () => body);
await app.listen({ port: Number(process.argv[2]), host: "127.0.0.1" });
console.log("listening");
