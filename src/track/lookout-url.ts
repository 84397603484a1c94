// Links into Lookout, in the format Lookout itself uses (and armada-spark has always printed), so
// the same link works against a real Lookout and against `armada-spark dev`'s pages.

function base(lookoutUrl: string): string {
  return lookoutUrl.replace(/\/+$/, "");
}

/** The job set's jobs, newest first. Brackets stay literal: Lookout's query parser expects them. */
export function lookoutJobSetUrl(lookoutUrl: string, queue: string, jobSetId: string): string {
  const q = encodeURIComponent(queue);
  const js = encodeURIComponent(jobSetId);
  return (
    `${base(lookoutUrl)}/?page=0&sort[id]=jobId&sort[desc]=true&ps=50&active=false&refresh=true` +
    `&f[0][id]=queue&f[0][value][0]=${q}&f[0][match]=anyOf` +
    `&f[1][id]=jobSet&f[1][value]=${js}&f[1][match]=startsWith`
  );
}

export function lookoutJobUrl(lookoutUrl: string, jobId: string): string {
  return `${base(lookoutUrl)}/jobs/${encodeURIComponent(jobId)}`;
}
