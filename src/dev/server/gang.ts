// Gang annotations (internal/common/constants) and how Armada reads them.

export const gangIdAnnotation = "armadaproject.io/gangId";
export const gangCardinalityAnnotation = "armadaproject.io/gangCardinality";
export const gangNodeUniformityLabelAnnotation = "armadaproject.io/gangNodeUniformityLabel";
export const failFastAnnotation = "armadaproject.io/failFast";

export interface GangInfo {
  readonly id: string;
  readonly cardinality: number;
  /** Label name whose value must be equal on every member's node; "" = none. */
  readonly nodeUniformityLabel: string;
}

// Go's strconv.Atoi: optional sign then decimal digits, nothing else.
const goInt = /^[+-]?\d+$/;

/**
 * The gang a job belongs to, undefined when it is not a gang (no gang id, or cardinality 1),
 * or an error text in Armada's wording when the annotations are inconsistent.
 */
export function gangInfoOf(
  annotations: Readonly<Record<string, string>>,
): GangInfo | undefined | { error: string } {
  const id = annotations[gangIdAnnotation];
  if (id === undefined) return undefined;
  if (id === "") return { error: "gang id is empty" };
  const cardinalityText = annotations[gangCardinalityAnnotation];
  if (cardinalityText === undefined) {
    return { error: `gang cardinality annotation ${gangCardinalityAnnotation} is missing` };
  }
  if (!goInt.test(cardinalityText)) {
    return {
      error: `gang cardinality is not parseable - strconv.Atoi: parsing "${cardinalityText}": invalid syntax`,
    };
  }
  const cardinality = Number(cardinalityText);
  if (cardinality <= 0) return { error: `gang cardinality ${cardinality} is non-positive` };
  if (cardinality < 2) return undefined;
  return { id, cardinality, nodeUniformityLabel: annotations[gangNodeUniformityLabelAnnotation] ?? "" };
}

export function isGangError(g: GangInfo | undefined | { error: string }): g is { error: string } {
  return g !== undefined && "error" in g;
}
