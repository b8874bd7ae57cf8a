import type { IConstruct } from 'constructs';
import { Origin, originOf } from './origin';
import { Stage } from '../stage/stage';

/**
 * Construct path → where in the user's code it was made, for a pipeline's tree: constructs, the instruction calls of
 * every stage (`<stage>/instruction.<n>`) and paths added by hand. Built on the first lookup; a path without an origin
 * of its own is located at its nearest ancestor that has one.
 * @internal
 */
export class OriginIndex {
  private readonly extra = new Map<string, Origin>();
  private index?: Map<string, Origin>;

  constructor(private readonly root: IConstruct, private readonly directory: string) {}

  public add(path: string, origin: Origin): void {
    this.extra.set(path, origin);
  }

  /** `file:line:column` of the nearest origin at or above `path`, when one is known. */
  public locate(path: string): string | undefined {
    const index = (this.index ??= this.build());
    for (let p = path; p !== ''; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
      const location = index.get(p)?.locate(this.directory);
      if (location !== undefined) return location;
    }
    return undefined;
  }

  private build(): Map<string, Origin> {
    const index = new Map<string, Origin>();
    for (const c of this.root.node.findAll()) {
      const origin = originOf(c);
      if (origin) index.set(c.node.path, origin);
      if (Stage.isStage(c)) {
        c._recorded.forEach((rec, i) => rec.origin && index.set(`${c.node.path}/instruction.${i}`, rec.origin));
      }
    }
    for (const [path, origin] of this.extra) index.set(path, origin);
    return index;
  }
}
