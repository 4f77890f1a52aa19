/** A clash between two environments, reported at the second one's path. */
export interface Collision {
  readonly environment: string;
  readonly path: readonly string[];
  /** The value in conflict, which may be derived rather than written (a default name). */
  readonly received: string;
  readonly message: string;
}

/** Something an environment would create or write, at the setting that causes it. */
export interface Claim {
  readonly environment: string;
  readonly path: readonly string[];
  readonly received: string;
  /** What is claimed, in words, for the message. */
  readonly what: string;
}

/** The claims of the environments so far, and the collisions among them. */
export class ClaimRegistry {
  readonly collisions: Collision[] = [];
  private readonly claims = new Map<string, Claim>();

  /**
   * Records the claim; false when another environment made it first (and reports that). With
   * `withinEnvironment`, another setting of the same environment clashes too (server and ingestion
   * would both create an identity of one name).
   */
  claim(key: string, c: Claim, why: string, withinEnvironment = false): boolean {
    const earlier = this.claims.get(key);
    if (earlier === undefined) {
      this.claims.set(key, c);
    } else if (earlier.environment !== c.environment) {
      this.report({
        environment: c.environment,
        path: c.path,
        received: c.received,
        message: `expected ${c.what} that no other environment uses, but environments.${earlier.environment} has it too (${why})`,
      });
      return false;
    } else if (withinEnvironment && earlier.path.join('.') !== c.path.join('.')) {
      this.report({
        environment: c.environment,
        path: c.path,
        received: c.received,
        message: `expected ${c.what} other than that of ${earlier.path.join('.')} (${why})`,
      });
      return false;
    }
    return true;
  }

  /** A clash found otherwise (overlapping secret names). */
  report(collision: Collision): void {
    this.collisions.push(collision);
  }
}
