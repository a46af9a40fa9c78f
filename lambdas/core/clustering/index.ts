/**
 * Story clustering: each arriving item joins the story of an earlier copy or starts a new one,
 * online, in memory, decided by a fitted same-event model.
 *
 * - fingerprint/ reads a text into kinds of evidence (body, title, names, figures, dates,
 *   quotations) as hashed term ids, and holds the sparse-vector arithmetic.
 * - background/ is a table of how common English words are, before a stream says anything.
 * - engine/ weighs the evidence by rarity (rarity.ts), keeps the open window (story-index.ts),
 *   scores candidates with the model (model.ts, same-event.ts, fitted by eval/fit-stories.ts),
 *   decides (engine.ts), explains (explain.ts), and journals the window as data (codec.ts).
 * - time.ts: an item's event time and the window around it.
 *
 * The story stage (core/stage) owns the one window the pipeline has; `newswatch cluster`, the
 * evals and the benches make their own.
 */
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions, StoryEngine } from './engine/engine.ts';
import { StoryIndex } from './engine/story-index.ts';

export {
  decodeChange,
  type EncodedChange,
  type EncodedStory,
  encodeChange,
  encodeStory,
  type IndexRecord,
  indexRecords,
  postedByStory,
  postedRecord,
  restoreRecord,
  sketchRecord,
} from './engine/codec.ts';
export {
  DEFAULT_ENGINE_OPTIONS,
  type EngineOptions,
  StoryEngine,
} from './engine/engine.ts';
export { StoryIndex } from './engine/story-index.ts';
export type { ClusterInput } from './input.ts';

/** An engine over a fresh window, or over `index` (a window restored by the stage). */
export function createStoryEngine(
  index: StoryIndex = new StoryIndex(),
  options: Partial<EngineOptions> = {},
): StoryEngine {
  return new StoryEngine(index, { ...DEFAULT_ENGINE_OPTIONS, ...options });
}
