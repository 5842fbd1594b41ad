import { createTestingApp } from 'keel/testing';
import { AppModule, Database, Report } from '../src/app';

describe('AppModule under Jest with preset: "keel"', () => {
  it('builds the report from an overridden Database, then stops cleanly', async () => {
    const testing = createTestingApp(AppModule)
      .overrideProvider(Database)
      .useValue({ rows: () => ['fake row'] });
    const app = await testing.compile({ detectLeaks: true });
    await app.start();
    expect(app.get(Report).lines).toEqual(['* fake row']);
    expect(testing.logger.find({ service: 'Report', text: 'report built' })?.meta).toEqual({ service: 'Report', lines: 1 });
    await app.stop();
    expect(app.state).toBe('stopped');
  });
});
