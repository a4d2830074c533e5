// The baseline: the smallest useful Node.js HTTP server, measured in the same run as the hub.
import http from "node:http";

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("hello world");
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`baseline listening on port ${server.address().port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
