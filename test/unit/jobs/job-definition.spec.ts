import { Background } from '../../../src/jobs/background-decorator';
import { Cron } from '../../../src/jobs/cron-decorator';
import { Every } from '../../../src/jobs/every-decorator';
import { getJobs } from '../../../src/jobs/job-definition';

const listed = (type: unknown) => getJobs(type).map((job) => `${job.kind}:${String(job.method)}`);

describe('job decorators', () => {
  it('list the jobs of a class in declaration order, base class first', () => {
    class Base {
      @Background() consume() {}
    }
    class Service extends Base {
      @Every(1000) sweep() {}
      @Cron('0 3 * * *') report() {}
    }
    expect([listed(Service), listed(Base)]).toEqual([['background:consume', 'every:sweep', 'cron:report'], ['background:consume']]);
  });

  it('let a subclass re-decorating an inherited method replace the base job, in its place', () => {
    class Base {
      @Every(1000) sweep() {}
      @Every(2000) compact() {}
    }
    class Service extends Base {
      @Cron('*/5 * * * *') override sweep() {}
    }
    expect(listed(Service)).toEqual(['cron:sweep', 'every:compact']);
  });

  it('reject two job decorators on one method, and one on a static method', () => {
    const twice = () => {
      class Service {
        @Every(1000)
        @Cron('0 3 * * *')
        sweep() {}
      }
      return Service;
    };
    const onStatic = () => {
      class Service {
        @Every(1000) static sweep() {}
      }
      return Service;
    };
    expect(twice).toThrow('@Every on Service.sweep: the method already has @Cron.');
    expect(onStatic).toThrow('@Every on Service.sweep: a static method cannot be a job.');
  });
});
