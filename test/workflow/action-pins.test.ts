import { expect, test } from 'vitest';
import { ACTION_PINS, pinnedUses } from '../../src/workflow';

test('every pin is a full commit SHA with a release tag', () => {
  for (const pin of ACTION_PINS) {
    expect(pin.action).toMatch(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_./-]+)?$/);
    expect(pin.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(pin.version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(pinnedUses(pin)).toBe(`${pin.action}@${pin.sha}`);
  }
});

test('one pin per action', () => {
  const actions = ACTION_PINS.map((p) => p.action);
  expect(new Set(actions).size).toBe(actions.length);
});

test('the lock table (update deliberately, with the SHAs resolved from each action repository)', () => {
  expect(ACTION_PINS.map((p) => `${pinnedUses(p)} # ${p.version}`)).toEqual([
    'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
    'docker/setup-qemu-action@ce360397dd3f832beb865e1373c09c0e9f86d70a # v4.0.0',
    'docker/setup-buildx-action@4d04d5d9486b7bd6fa91e7baf45bbb4f8b9deedd # v4.0.0',
    'docker/login-action@4907a6ddec9925e35a0a9e82d7399ccc52663121 # v4.1.0',
    'sigstore/cosign-installer@d58896d6a1865668819e1d91763c7751a165e159 # v3.9.2',
    'crazy-max/ghaction-github-runtime@04d248b84655b509d8c44dc1d6f990c879747487 # v4.0.0',
  ]);
});
