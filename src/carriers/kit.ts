// The carrier readers with the YAML parser: loaded only through loadCarriers() (src/carriers/load.ts),
// so that dist/cli.cjs stays without the `yaml` package.
import { readCnpg } from './cnpg.js';
import { readContainer } from './container.js';
import { readPatroni } from './patroni.js';
import type { CarrierKit, CarrierRead } from './types.js';
import { readYaml } from './yaml.js';

export const CARRIERS: CarrierKit = {
  read(ctx): CarrierRead {
    const y = readYaml(ctx.file.text, ctx.file.encoding);
    if (!y.ok) return y;
    switch (ctx.kind) {
      case 'patroni': {
        const r = readPatroni(ctx, y.docs);
        return r.ok ? { ...r, comments: y.comments } : r;
      }
      case 'cloudnativepg': {
        const r = readCnpg(ctx, y.docs);
        return r.ok ? { ...r, comments: y.comments } : r;
      }
      case 'container': {
        const r = readContainer(ctx, y.docs);
        return r.ok ? { ...r, comments: y.comments } : r;
      }
      default:
        return { ok: false, error: `is a ${ctx.kind} file, which this version of pgconf-lint has no reader for`, at: 0 };
    }
  },
};
