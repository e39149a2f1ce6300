import { describe, expect, it } from 'vitest';
import { collectGarbage, MemorySampler } from './memory-sampler';

const MB = 1024 ** 2;

describe('memory sampler', () => {
  it('reports the peak of each phase in order, and the whole run\'s peak', async () => {
    collectGarbage();
    const sampler = new MemorySampler(10);
    sampler.start('small');
    await new Promise((resolve) => setTimeout(resolve, 50));
    sampler.phase('large');
    let block: Buffer | null = Buffer.alloc(150 * MB, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(block.length).toBe(150 * MB);
    block = null;
    const report = await sampler.stop();
    expect(report.phases.map((p) => p.phase)).toEqual(['small', 'large']);
    const [small, large] = report.phases.map((p) => p.peak);
    expect(small!.rss).toBeGreaterThan(0);
    expect(large!.rss).toBeGreaterThanOrEqual(report.startRss + 100 * MB);
    expect(report.peakRss).toBe(large!.rss);
    expect(report.peakHeapUsed).toBeGreaterThan(0);
  });

  it('sees memory taken while the main thread is blocked (as during a PGlite statement)', async () => {
    collectGarbage();
    const sampler = new MemorySampler(10);
    sampler.start('blocked');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = process.memoryUsage.rss();
    let block: Buffer | null = Buffer.alloc(150 * MB, 1);
    const until = Date.now() + 200;
    while (Date.now() < until) block[Math.floor(Math.random() * block.length)] = 2;
    block = null;
    collectGarbage();
    // V8 frees array buffer memory on a background thread after the collection
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterRelease = process.memoryUsage.rss();
    const report = await sampler.stop();
    // freed before any main-thread sample: only the sampler thread can have seen the peak
    expect(afterRelease).toBeLessThan(start + 100 * MB);
    expect(report.peakRss).toBeGreaterThanOrEqual(start + 100 * MB);
  });
});
