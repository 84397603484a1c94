import { test } from "node:test";
import assert from "node:assert/strict";
import { baseUrlOf, endpointFromArmadactlUrl } from "./endpoint.js";

test("armadactl URLs use TLS unless they contain localhost or forceNoTls is set", () => {
  assert.deepEqual(endpointFromArmadactlUrl("armada.example.com:443", false), {
    url: "armada+tls://armada.example.com:443",
    host: "armada.example.com",
    port: 443,
    tls: true,
  });
  assert.equal(endpointFromArmadactlUrl("localhost:50051", false).tls, false);
  assert.equal(endpointFromArmadactlUrl("10.0.0.5:50051", true).tls, false);
  assert.equal(endpointFromArmadactlUrl("10.0.0.5", false).port, 50051);
});

test("the transport base URL is http for plaintext and https for TLS, with IPv6 brackets", () => {
  assert.equal(baseUrlOf({ url: "", host: "h", port: 1, tls: false }), "http://h:1");
  assert.equal(baseUrlOf({ url: "", host: "::1", port: 2, tls: true }), "https://[::1]:2");
});
