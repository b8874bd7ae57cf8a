import { IConstruct } from 'constructs';
import { FileBase, IResolver } from 'projen';

/**
 * A generated, read-only text file whose content was rendered (and checked) before any file object was created.
 * @internal
 */
export class RenderedFile extends FileBase {
  constructor(scope: IConstruct, filePath: string, private readonly content: string) {
    super(scope, filePath, { readonly: true, marker: true });
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    return this.content;
  }
}
