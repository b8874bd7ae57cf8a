import { IConstruct } from 'constructs';
import { FileBase, IResolver } from 'projen';

/**
 * A generated, read-only text file whose content a renderer produces at synthesis from projen's marker text.
 * @internal
 */
export class RenderedFile extends FileBase {
  constructor(scope: IConstruct, filePath: string, private readonly render: (marker: string) => string) {
    super(scope, filePath, { readonly: true, marker: true });
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    return this.render(this.marker ?? '');
  }
}
