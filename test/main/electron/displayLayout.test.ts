import { describe, expect, it } from 'vitest';
import { boundsOverlap, chooseDisplayLayout, staffDisplayBeside } from '../../../main/electron/displayLayout.ts';
import type { DisplaySource, LayoutDisplay } from '../../../main/electron/displayLayout.ts';
import { LAPTOP, DESK, WALL, capturedLog } from './electronFakes.ts';

// Electron's `screen` is passed in as a plain object answering as Electron's does.

const logged = capturedLog();

const MIRROR: LayoutDisplay = { id: 3, bounds: { ...LAPTOP.bounds } };

function screenOf(displays: LayoutDisplay[], primary = displays[0]!): DisplaySource {
  return { getAllDisplays: () => displays, getPrimaryDisplay: () => primary };
}

describe('display choice', () => {
  it('one display: one window, shared (no staff window)', () => {
    expect(chooseDisplayLayout(screenOf([LAPTOP]), undefined)).toEqual({ resident: LAPTOP, staff: undefined });
    expect(logged).toEqual([]);
  });

  it('two displays, none named: the staff window on the primary, the resident on the other', () => {
    expect(chooseDisplayLayout(screenOf([LAPTOP, DESK]), undefined)).toEqual({ resident: DESK, staff: LAPTOP });
    expect(chooseDisplayLayout(screenOf([LAPTOP, DESK], DESK), undefined)).toEqual({ resident: LAPTOP, staff: DESK });
  });

  it('two displays, one named by id: the staff window there, whichever is primary', () => {
    expect(chooseDisplayLayout(screenOf([LAPTOP, DESK]), DESK.id)).toEqual({ resident: LAPTOP, staff: DESK });
    expect(chooseDisplayLayout(screenOf([LAPTOP, DESK]), LAPTOP.id)).toEqual({ resident: DESK, staff: LAPTOP });
    expect(logged).toEqual([]);
  });

  it('a named display that is not connected: the primary, and a log line for IT', () => {
    expect(chooseDisplayLayout(screenOf([LAPTOP, DESK], DESK), 7)).toEqual({ resident: LAPTOP, staff: DESK });
    expect(logged).toMatchObject([{ event: 'electron.staff_display_missing', configured: 7, connected: 2 }]);
    expect(chooseDisplayLayout(screenOf([LAPTOP]), 7)).toEqual({ resident: LAPTOP, staff: undefined });
  });

  it('identical bounds (a mirrored display) count as one display: the resident never sees the staff window', () => {
    expect(chooseDisplayLayout(screenOf([LAPTOP, MIRROR]), undefined)).toEqual({ resident: LAPTOP, staff: undefined });
    expect(chooseDisplayLayout(screenOf([LAPTOP, MIRROR]), MIRROR.id)).toEqual({ resident: MIRROR, staff: undefined });
    expect(chooseDisplayLayout(screenOf([LAPTOP, MIRROR, DESK]), undefined)).toEqual({ resident: DESK, staff: LAPTOP });
  });

  it('three displays: the staff window on the named (or primary) one, the resident on the first other', () => {
    expect(chooseDisplayLayout(screenOf([LAPTOP, DESK, WALL]), undefined)).toEqual({ resident: DESK, staff: LAPTOP });
    expect(chooseDisplayLayout(screenOf([LAPTOP, DESK, WALL]), DESK.id)).toEqual({ resident: LAPTOP, staff: DESK });
    expect(chooseDisplayLayout(screenOf([WALL, LAPTOP, DESK], LAPTOP), WALL.id)).toEqual({ resident: LAPTOP, staff: WALL });
  });

  it('beside a resident window that stays: the named display, else the primary, else any apart from it', () => {
    expect(staffDisplayBeside(screenOf([LAPTOP, DESK, WALL]), WALL.id, LAPTOP)).toBe(WALL);
    expect(staffDisplayBeside(screenOf([LAPTOP, DESK, WALL]), undefined, DESK)).toBe(LAPTOP);
    expect(staffDisplayBeside(screenOf([LAPTOP, DESK]), undefined, LAPTOP)).toBe(DESK);
    expect(staffDisplayBeside(screenOf([LAPTOP, MIRROR]), undefined, LAPTOP)).toBeUndefined();
  });

  it('displays side by side do not overlap; mirrored and overlapping ones do', () => {
    expect(boundsOverlap(LAPTOP.bounds, DESK.bounds)).toBe(false);
    expect(boundsOverlap(LAPTOP.bounds, WALL.bounds)).toBe(false);
    expect(boundsOverlap(LAPTOP.bounds, MIRROR.bounds)).toBe(true);
    expect(boundsOverlap(LAPTOP.bounds, { x: 1919, y: 1079, width: 10, height: 10 })).toBe(true);
  });
});
