import 'reflect-metadata';
import { injectable } from 'inversify';
import type { KeelError } from '../../../src/errors';
import { Cron } from '../../../src/jobs/cron-decorator';
import { OnStop } from '../../../src/lifecycle/hook-decorators';
import { FakeClock } from '../../../src/testing/fake-clock';
import { buildJobApp } from './job-test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const local = (date: Date, timeZone: string) => date.toLocaleString('en-GB', { timeZone, dateStyle: 'short', timeStyle: 'short' });

describe('@Cron', () => {
  it('rejects an invalid expression when the class is defined, naming Class.method and the expression', () => {
    const define = () => {
      class Report {
        @Cron('61 * * * *') send() {}
      }
      return Report;
    };
    let error: unknown;
    try {
      define();
    } catch (e) {
      error = e;
    }
    expect([(error as KeelError).code, (error as Error).message.split('\n')[0]]).toEqual([
      'INVALID_JOB',
      '@Cron on Report.send: invalid cron expression "61 * * * *": CronPattern: Invalid value for minute: 61.',
    ]);
  });

  it('rejects an unknown time zone when the class is defined', () => {
    const define = () => {
      class Report {
        @Cron('0 3 * * *', { timezone: 'Mars/Olympus_Mons' }) send() {}
      }
      return Report;
    };
    expect(define).toThrow(/^@Cron on Report\.send: invalid cron expression "0 3 \* \* \*" \(timezone Mars\/Olympus_Mons\): /);
  });

  it('runs at the local times of its time zone across a spring-forward change: 02:30 that does not exist runs at 03:00', async () => {
    const runs: string[] = [];
    const clock = new FakeClock({ date: '2026-03-27T12:00:00Z' });
    @injectable()
    class Report {
      @Cron('30 2 * * *', { timezone: 'Europe/Berlin' }) send() {
        runs.push(`${local(clock.date(), 'Europe/Berlin')} (${clock.date().toISOString()})`);
      }
    }
    const { app } = await buildJobApp([Report], { clock });
    await app.start();
    await clock.tickAsync(4 * DAY);
    await app.stop();
    expect(runs).toEqual([
      '28/03/2026, 02:30 (2026-03-28T01:30:00.000Z)',
      '29/03/2026, 03:00 (2026-03-29T01:00:00.000Z)',
      '30/03/2026, 02:30 (2026-03-30T00:30:00.000Z)',
      '31/03/2026, 02:30 (2026-03-31T00:30:00.000Z)',
    ]);
  });

  it('runs once at a local time that happens twice when clocks fall back, and keeps the local time after', async () => {
    const runs: string[] = [];
    const clock = new FakeClock({ date: '2026-10-31T12:00:00Z' });
    @injectable()
    class Report {
      @Cron('30 1 * * *', { timezone: 'America/New_York' }) send() {
        runs.push(`${local(clock.date(), 'America/New_York')} (${clock.date().toISOString()})`);
      }
    }
    const { app } = await buildJobApp([Report], { clock });
    await app.start();
    await clock.tickAsync(3 * DAY);
    await app.stop();
    // 25 hours between the first two runs: the day of the change is an hour longer.
    expect(runs).toEqual([
      '01/11/2026, 01:30 (2026-11-01T05:30:00.000Z)',
      '02/11/2026, 01:30 (2026-11-02T06:30:00.000Z)',
      '03/11/2026, 01:30 (2026-11-03T06:30:00.000Z)',
    ]);
  });

  it('skips and counts the times that pass while a run is still going, then runs at the next one', async () => {
    const clock = new FakeClock({ date: '2026-01-01T00:00:00Z' });
    const starts: string[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    @injectable()
    class Report {
      @Cron('* * * * * *') async send() {
        starts.push(clock.date().toISOString().slice(17, 23));
        if (starts.length === 1) await sleep(2500);
      }
    }
    const { app, jobEvents } = await buildJobApp([Report], { clock });
    await app.start();
    await clock.tickAsync(5000);
    await app.stop();
    expect(starts).toEqual(['01.000', '04.000', '05.000']);
    expect(jobEvents.filter((e) => e.startsWith('job:skipped'))).toEqual(['job:skipped Report.send 2 (2)']);
  });

  it("stops the application as failed on a failed run with onError: 'stop', and only logs it otherwise", async () => {
    const clock = new FakeClock({ date: '2026-01-01T00:00:00Z' });
    const calls: string[] = [];
    @injectable()
    class Reports {
      @Cron('*/10 * * * * *') logged() {
        calls.push(`logged@${clock.now()}`);
        throw new Error('smtp down');
      }
      @Cron('0 * * * * *', { onError: 'stop' }) fatal() {
        calls.push(`fatal@${clock.now()}`);
        throw new Error('ledger corrupt');
      }
      @OnStop() close() {
        calls.push(`close@${clock.now()}`);
      }
    }
    const { app, logger } = await buildJobApp([Reports], { clock });
    await app.start();
    await clock.tickAsync(90_000);
    await app.stop();
    expect([app.state, calls]).toEqual([
      'failed',
      // At 60 s both are due; fatal's timer was set first, and once stop began the other does not start.
      ['logged@10000', 'logged@20000', 'logged@30000', 'logged@40000', 'logged@50000', 'fatal@60000', 'close@60000'],
    ]);
    expect(logger.records.filter((r) => r.level === 'error').map((r) => r.message)).toEqual([
      ...Array(5).fill('@Cron Reports.logged failed after 0 ms: smtp down; the schedule goes on'),
      '@Cron Reports.fatal failed after 0 ms: ledger corrupt; stopping the application',
    ]);
  });
});
