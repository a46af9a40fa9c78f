/** The `local:` section's defaults, apart from the schema so a reader without zod shares them. */
export const LOCAL_DEFAULTS = {
  dataDir: '.newswatch',
  samplePort: 8787,
  sesPort: 8005,
  webPort: 8780,
} as const;
