import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSparkHomes, sparkInstall } from "./spark-homes.js";

const sample = JSON.stringify({
  default: "4.1.1",
  versions: {
    "3.5.7": { sparkHome: "/p/.spark/3.5.7/pyspark", scala: "2.12" },
    "4.1.1": { sparkHome: "/p/.spark/4.1.1/pyspark", scala: "2.13" },
  },
});

test("homes.json: picks the default install or the one asked for", () => {
  const homes = parseSparkHomes(sample, "homes.json");
  assert.equal(sparkInstall(homes).sparkHome, "/p/.spark/4.1.1/pyspark");
  assert.equal(sparkInstall(homes, "3.5.7").scala, "2.12");
});

test("homes.json: an unknown version names the installed ones", () => {
  const homes = parseSparkHomes(sample, "homes.json");
  assert.throws(
    () => sparkInstall(homes, "3.3.1"),
    /Spark 3\.3\.1 is not installed locally \(installed: 3\.5\.7, 4\.1\.1\)/,
  );
});

test("homes.json: a default that is not installed is rejected with the file name", () => {
  const text = JSON.stringify({
    default: "9.9.9",
    versions: { "4.1.1": { sparkHome: "/x", scala: "2.13" } },
  });
  assert.throws(
    () => parseSparkHomes(text, "/p/.spark/homes.json"),
    /\/p\/\.spark\/homes\.json: "default" 9\.9\.9/,
  );
});

test("homes.json: invalid JSON says to re-run the setup script", () => {
  assert.throws(() => parseSparkHomes("{", "h.json"), /h\.json: not valid JSON .*setup-spark\.sh/);
});
