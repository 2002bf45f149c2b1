// Where the autoscaler's decisions go besides Events: the scaling subject of the object it scales
// (berth.<cluster>.scaling.<namespace>.<kind>.<name>, e.g. the Deployment web), through the
// outbox, best effort. publish() never blocks and never throws, as ScalingSink requires.
import type { Logger } from 'pino';
import type { ScalingDecision } from '../../client/index.js';
import { subjects } from '../../client/index.js';
import type { ScalingSink } from '../controllers/index.js';
import type { Outbox } from './outbox.js';

export function natsScalingSink(outbox: Outbox, cluster: string, logger: Logger): ScalingSink {
  return {
    publish(decision: ScalingDecision): void {
      try {
        const subject = subjects.scaling(cluster, decision.namespace, decision.target.kind, decision.target.name);
        outbox.offerMessage(subject, new TextEncoder().encode(JSON.stringify(decision)));
      } catch (err) {
        logger.debug({ component: 'nats-publisher', autoscaler: decision.autoscaler, err: String(err) }, 'a scaling decision was not published');
      }
    },
  };
}
