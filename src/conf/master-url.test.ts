import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidValue } from "./errors.js";
import { parseArmadaMaster } from "./master-url.js";

describe("Armada master URL", () => {
  it("armada://host:port is plaintext gRPC", () => {
    assert.deepEqual(parseArmadaMaster("armada://localhost:50051"), {
      url: "armada://localhost:50051",
      host: "localhost",
      port: 50051,
      tls: false,
    });
  });
  it("armada+tls:// selects TLS", () => {
    const m = parseArmadaMaster("armada+tls://armada.example.com:443");
    assert.equal(m.tls, true);
    assert.equal(m.host, "armada.example.com");
    assert.equal(m.port, 443);
  });
  it("defaults the port to 50051 and tolerates a trailing slash", () => {
    assert.equal(parseArmadaMaster("armada://armada-server").port, 50051);
    assert.equal(parseArmadaMaster("armada://armada-server/").url, "armada://armada-server:50051");
  });
  it("accepts bracketed IPv6 and IPv4 hosts", () => {
    const m = parseArmadaMaster("armada://[::1]:7000");
    assert.equal(m.host, "::1");
    assert.equal(m.url, "armada://[::1]:7000");
    assert.equal(parseArmadaMaster("armada://127.0.0.1:1").host, "127.0.0.1");
  });
  it("rejects other schemes, paths, bad ports and empty hosts", () => {
    for (const bad of [
      "k8s://h:1",
      "spark://h:7077",
      "local[*]",
      "armada://h:1/path",
      "armada://h:0",
      "armada://h:70000",
      "armada://h:abc",
      "armada://:50051",
      "armada://user@h:1",
      "armada://bad_host:1",
    ]) {
      assert.throws(() => parseArmadaMaster(bad), InvalidValue, bad);
    }
  });
});
