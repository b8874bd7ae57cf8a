/** A Dockerfile the importer cannot read at all, or a `.projenrc.ts` it cannot edit. @internal */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}
