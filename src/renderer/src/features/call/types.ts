import type { Call } from '../../../../shared/domain';

export type CallPatch = Partial<
  Pick<Call, 'title' | 'repId' | 'customer' | 'callType' | 'stage' | 'callDate' | 'tags' | 'notes'>
>;
