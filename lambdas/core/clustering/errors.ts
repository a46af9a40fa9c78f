/** A story's centroid kept changing under this writer: too many concurrent joiners for the retries. */
export class StoryConflictError extends Error {
  override name = 'StoryConflictError';
}
