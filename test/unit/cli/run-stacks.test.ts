import { describe, expect, it } from 'vitest';
import { stacksToRun } from '../../../src/cli/run-stacks.js';

describe('stacksToRun with --nothreading', () => {
  it('keeps a list with a runserver stack whole: the other pools are not refused', async () => {
    const stacks = await stacksToRun({ stacks: 'embedded,nginx+runserver,nginx+gunicorn', nothreading: true }, 'seed');
    expect(stacks?.map((s) => s.label)).toEqual(['embedded', 'nginx+runserver', 'nginx+gunicorn']);
  });

  it('is a usage error (exit 2) when the list has no runserver stack, since it would be ignored', async () => {
    await expect(stacksToRun({ stacks: 'embedded,nginx+uwsgi', nothreading: true }, 'seed')).rejects.toMatchObject({
      code: 'E_USAGE',
      exitCode: 2,
      message: '--nothreading applies to runserver stacks, but --stacks names none (embedded, nginx+uwsgi); add one, e.g. nginx+runserver',
    });
    await expect(stacksToRun({ stacks: 'embedded,nginx+uwsgi', nothreading: false }, 'seed')).resolves.toHaveLength(2);
  });
});
