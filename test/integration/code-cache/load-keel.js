// Loads keel from the dist/ given as argv[2] (a real process: the code cache is per process),
// runs one app through start and stop (with one task on its worker threads), and prints one JSON
// line: the cache's status in this process, the calls made, and the top frame of an error thrown
// inside keel.
require('reflect-metadata');
const path = require('node:path');

const dist = path.resolve(process.argv[2]);
const keel = require(dist);
const { codeCacheStatus } = require(path.join(dist, 'load-bundle.js'));

async function main() {
  const calls = [];
  class Clock {
    begin() {
      calls.push('Clock.begin');
    }
    end() {
      calls.push('Clock.end');
    }
  }
  keel.OnStart()(Clock.prototype, 'begin');
  keel.OnStop()(Clock.prototype, 'end');
  class AppModule {}
  keel.Module({ providers: [Clock] })(AppModule);
  const app = await keel.createApplication(AppModule, { logLevel: 'error' });
  await app.start();
  const doubled = await app.get(keel.THREAD_POOL).run(path.join(__dirname, 'double.js'), 'double', 21);
  calls.push(`double(21) = ${doubled}`);
  await app.stop();
  const error = await keel.createApplication(class NotAModule {}).catch((caught) => caught);
  const frame = error.stack.split('\n').find((line) => line.trimStart().startsWith('at '));
  process.stdout.write(`${JSON.stringify({ status: codeCacheStatus(), calls, frame: frame.trim() })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
